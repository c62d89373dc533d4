//! The generated Customer Profiles client, every request signed by `aws-sigv4` as middleware.

mod common;

use common::*;
use contract_stubs_rust_example::contract_stub::ContractStub;
use contract_stubs_rust_example::sigv4::{SigV4, signed_client};
use customer_profiles::apis::configuration::Configuration;
use customer_profiles::apis::profile_objects_api::{
    DeleteProfileObjectError, delete_profile_object,
};
use customer_profiles::apis::{Error, ResponseContent};
use customer_profiles::models::{
    AccessDeniedException, BadRequestException, DeleteProfileObjectRequest,
    ResourceNotFoundException,
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
