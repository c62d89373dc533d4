//! The generated Access Profiles client, with a token by the client-credentials grant.

mod common;

use access_profiles::apis::access_profiles_api::{
    DeleteAccessProfileError, create_access_profile, delete_access_profile, get_access_profile,
};
use access_profiles::apis::configuration::Configuration;
use access_profiles::apis::{Error, ResponseContent};
use access_profiles::models::{
    AccessProfile, AccessProfileSourceRef, EntitlementRef, ErrorResponseDto, OwnerReference,
    UnauthorizedError, access_profile_source_ref, entitlement_ref, owner_reference,
};
use common::*;
use contract_stubs_rust_example::contract_stub::ContractStub;
use contract_stubs_rust_example::sailpoint_token::client_credentials_token;

async fn client(stub: &ContractStub, client_id: Option<&str>) -> Configuration {
    let token = match client_id {
        Some(id) => Some(
            client_credentials_token(&format!("{}/oauth/token", stub.url()), id, CLIENT_SECRET)
                .await
                .unwrap(),
        ),
        None => None,
    };
    Configuration {
        base_path: format!("{}/v3", stub.url()),
        oauth_access_token: token,
        ..Configuration::default()
    }
}

/// The refusal's status and body. The generated error enum is `untagged` over models whose
/// members are all optional, so it always decodes as its first variant: the body is read as the
/// model the status names.
fn refusal(error: Error<DeleteAccessProfileError>) -> ResponseContent<DeleteAccessProfileError> {
    match error {
        Error::ResponseError(content) => content,
        other => panic!("not an answer from the service: {other}"),
    }
}

#[tokio::test]
async fn deletes_an_access_profile_nothing_uses_then_it_is_not_found() {
    let stub = stub();
    let config = client(&stub, Some(ORG_ADMIN)).await;

    delete_access_profile(&config, UNUSED_PROFILE)
        .await
        .unwrap();

    let again = refusal(
        delete_access_profile(&config, UNUSED_PROFILE)
            .await
            .unwrap_err(),
    );
    assert_eq!(again.status, 404);
    let body: ErrorResponseDto = serde_json::from_str(&again.content).unwrap();
    assert_eq!(body.detail_code.as_deref(), Some("404 Not found"));
    assert_eq!(statuses(&stub, "access-profiles"), [204, 404]);
}

#[tokio::test]
async fn creates_reads_and_deletes_one_then_reading_or_deleting_it_is_not_found() {
    let stub = stub();
    let config = client(&stub, Some(ORG_ADMIN)).await;
    let owner = OwnerReference {
        r#type: Some(owner_reference::Type::Identity),
        id: Some(SOURCE_ADMIN_IDENTITY.into()),
        ..OwnerReference::new()
    };
    let source = AccessProfileSourceRef {
        r#type: Some(access_profile_source_ref::Type::Source),
        id: Some(ACTIVE_DIRECTORY.into()),
        ..AccessProfileSourceRef::new()
    };
    let entitlement = EntitlementRef {
        r#type: Some(entitlement_ref::Type::Entitlement),
        id: Some(VPN_USERS.into()),
        ..EntitlementRef::new()
    };
    let new = AccessProfile {
        entitlements: Some(Some(vec![entitlement])),
        enabled: Some(true),
        ..AccessProfile::new("Contractor VPN".into(), owner, source)
    };

    let created = create_access_profile(&config, new).await.unwrap();
    let id = created.id.expect("the new profile's id");
    assert_eq!(created.source.name.as_deref(), Some("Active Directory"));
    let read = get_access_profile(&config, &id).await.unwrap();
    assert_eq!(read.name, "Contractor VPN");
    delete_access_profile(&config, &id).await.unwrap();

    let gone = get_access_profile(&config, &id).await.unwrap_err();
    assert!(
        matches!(gone, Error::ResponseError(ref r) if r.status == 404),
        "{gone}"
    );
    let again = refusal(delete_access_profile(&config, &id).await.unwrap_err());
    assert_eq!(again.status, 404);
    assert_eq!(
        statuses(&stub, "access-profiles"),
        [201, 200, 204, 404, 404]
    );
}

#[tokio::test]
async fn an_access_profile_in_use_is_refused() {
    let stub = stub();
    let config = client(&stub, Some(ORG_ADMIN)).await;

    let refused = refusal(
        delete_access_profile(&config, IN_USE_PROFILE)
            .await
            .unwrap_err(),
    );
    assert_eq!(refused.status, 400);
    let body: ErrorResponseDto = serde_json::from_str(&refused.content).unwrap();
    assert_eq!(
        body.detail_code.as_deref(),
        Some("400.2.1.0 Object in use by another")
    );
}

#[tokio::test]
async fn without_a_token_the_gateway_answers_401() {
    let stub = stub();
    let config = client(&stub, None).await;

    let refused = refusal(
        delete_access_profile(&config, UNUSED_PROFILE)
            .await
            .unwrap_err(),
    );
    assert_eq!(refused.status, 401);
    let body: UnauthorizedError = serde_json::from_str(&refused.content).unwrap();
    assert!(body.error.is_some_and(|e| e.contains("JWT")));
}

#[tokio::test]
async fn a_user_without_the_authority_is_forbidden() {
    let stub = stub();
    let config = client(&stub, Some(HELPDESK)).await;

    let refused = refusal(
        delete_access_profile(&config, UNUSED_PROFILE)
            .await
            .unwrap_err(),
    );
    assert_eq!(refused.status, 403);
    let body: ErrorResponseDto = serde_json::from_str(&refused.content).unwrap();
    assert_eq!(body.detail_code.as_deref(), Some("403 Forbidden"));
}
