//! The generated Customer Profiles client, every request signed by `aws-sigv4` as middleware.

mod common;

use std::collections::HashMap;

use common::*;
use contract_stubs_rust_example::contract_stub::ContractStub;
use contract_stubs_rust_example::sigv4::{SigV4, signed_client};
use customer_profiles::apis::configuration::Configuration;
use customer_profiles::apis::object_types_api::put_profile_object_type;
use customer_profiles::apis::profile_objects_api::{
    DeleteProfileObjectError, delete_profile_object, list_profile_objects, put_profile_object,
};
use customer_profiles::apis::profiles_api::create_profile;
use customer_profiles::apis::{Error, ResponseContent};
use customer_profiles::models::object_type_field::ContentType;
use customer_profiles::models::object_type_key::StandardIdentifiers;
use customer_profiles::models::{
    AccessDeniedException, BadRequestException, CreateProfileRequest, DeleteProfileObjectRequest,
    ListProfileObjectsRequest, ObjectTypeField, ObjectTypeKey, PutProfileObjectRequest,
    PutProfileObjectTypeRequest, ResourceNotFoundException,
};

fn client(stub: &ContractStub, access_key: &str, secret_key: &str) -> Configuration {
    Configuration {
        base_path: stub.url().to_owned(),
        client: signed_client(SigV4::customer_profiles(access_key, secret_key, REGION)),
        ..Configuration::default()
    }
}

fn demo_object(profile_id: &str) -> DeleteProfileObjectRequest {
    DeleteProfileObjectRequest::new(profile_id.into(), OBJECT_KEY.into(), OBJECT_TYPE.into())
}

/// The refusal's status and body. The generated error enum is `untagged` and every error has the
/// same shape (`Message`), so its variant cannot tell them apart: the status and the
/// `x-amzn-ErrorType` header do, and the body is read as the model the status names.
fn refusal(error: Error<DeleteProfileObjectError>) -> ResponseContent<DeleteProfileObjectError> {
    match error {
        Error::ResponseError(content) => content,
        other => panic!("not an answer from the service: {other}"),
    }
}

#[tokio::test]
async fn deletes_the_object_then_it_is_not_found() {
    let stub = stub();
    let config = client(&stub, ACCESS_KEY, SECRET_KEY);

    let deleted = delete_profile_object(&config, DOMAIN, demo_object(PROFILE_ID))
        .await
        .unwrap();
    assert_eq!(deleted.message.as_deref(), Some("OK"));

    let again = refusal(
        delete_profile_object(&config, DOMAIN, demo_object(PROFILE_ID))
            .await
            .unwrap_err(),
    );
    assert_eq!(again.status, 404);
    let body: ResourceNotFoundException = serde_json::from_str(&again.content).unwrap();
    assert!(body.message.contains(OBJECT_KEY), "{}", body.message);
    assert_eq!(statuses(&stub, "customer-profiles"), [200, 404]);
}

#[tokio::test]
async fn defines_a_type_and_a_profile_puts_lists_and_deletes_an_object_then_it_is_gone() {
    let stub = stub();
    let config = client(&stub, ACCESS_KEY, SECRET_KEY);
    let field = |source: &str, target: Option<&str>, content_type| ObjectTypeField {
        source: Some(source.into()),
        target: target.map(Into::into),
        content_type: Some(content_type),
    };
    let key = |identifier, field: &str| ObjectTypeKey {
        standard_identifiers: Some(vec![identifier]),
        field_names: Some(vec![field.into()]),
    };
    let subscription = PutProfileObjectTypeRequest {
        fields: Some(HashMap::from([
            (
                "subscriptionId".into(),
                field("_source.subscriptionId", None, ContentType::String),
            ),
            (
                "email".into(),
                field(
                    "_source.email",
                    Some("_profile.EmailAddress"),
                    ContentType::EmailAddress,
                ),
            ),
        ])),
        keys: Some(HashMap::from([
            (
                "subscriptionId".into(),
                vec![key(StandardIdentifiers::Unique, "subscriptionId")],
            ),
            (
                "email".into(),
                vec![key(StandardIdentifiers::Profile, "email")],
            ),
        ])),
        ..PutProfileObjectTypeRequest::new("Subscriptions of a customer".into())
    };
    put_profile_object_type(&config, DOMAIN, "Subscription", subscription)
        .await
        .unwrap();
    let ana = CreateProfileRequest {
        first_name: Some("Ana".into()),
        email_address: Some("ana.silva@example.com".into()),
        ..CreateProfileRequest::new()
    };
    let profile_id = create_profile(&config, DOMAIN, ana)
        .await
        .unwrap()
        .profile_id;
    let object = r#"{"subscriptionId":"sub-1","email":"ana.silva@example.com"}"#;
    let put = PutProfileObjectRequest::new("Subscription".into(), object.into());
    let key = put_profile_object(&config, DOMAIN, put)
        .await
        .unwrap()
        .profile_object_unique_key
        .expect("the object's key");
    let listed = async || -> Vec<String> {
        let query = ListProfileObjectsRequest::new("Subscription".into(), profile_id.clone());
        let page = list_profile_objects(&config, DOMAIN, query, None, None)
            .await
            .unwrap();
        page.items
            .unwrap_or_default()
            .into_iter()
            .filter_map(|i| i.profile_object_unique_key)
            .collect()
    };
    assert_eq!(listed().await, std::slice::from_ref(&key));

    let the_object =
        || DeleteProfileObjectRequest::new(profile_id.clone(), key.clone(), "Subscription".into());
    delete_profile_object(&config, DOMAIN, the_object())
        .await
        .unwrap();
    assert_eq!(listed().await, Vec::<String>::new());
    let again = refusal(
        delete_profile_object(&config, DOMAIN, the_object())
            .await
            .unwrap_err(),
    );
    assert_eq!(again.status, 404);
    assert_eq!(
        statuses(&stub, "customer-profiles"),
        [200, 200, 200, 200, 200, 200, 404]
    );
}

#[tokio::test]
async fn a_profile_id_off_the_pattern_is_bad_request() {
    let stub = stub();
    let config = client(&stub, ACCESS_KEY, SECRET_KEY);

    let refused = refusal(
        delete_profile_object(
            &config,
            DOMAIN,
            demo_object("3991a7d959d248bba82546b2dEXAMPLE"),
        )
        .await
        .unwrap_err(),
    );
    assert_eq!(refused.status, 400);
    let body: BadRequestException = serde_json::from_str(&refused.content).unwrap();
    assert!(!body.message.is_empty());
}

#[tokio::test]
async fn a_wrong_secret_or_an_unknown_key_is_access_denied() {
    let stub = stub();
    for (access_key, secret_key) in [
        (ACCESS_KEY, "not-the-secret"),
        ("AKIAUNKNOWNKEY000000", SECRET_KEY),
    ] {
        let config = client(&stub, access_key, secret_key);
        let refused = refusal(
            delete_profile_object(&config, DOMAIN, demo_object(PROFILE_ID))
                .await
                .unwrap_err(),
        );
        assert_eq!(refused.status, 403);
        let body: AccessDeniedException = serde_json::from_str(&refused.content).unwrap();
        assert!(!body.message.is_empty());
        assert!(
            !refused.content.contains(SECRET_KEY) && !refused.content.contains("not-the-secret")
        );
    }
    assert_eq!(statuses(&stub, "customer-profiles"), [403, 403]);
}
