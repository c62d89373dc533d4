//! The AWS SDK for Rust (`aws-sdk-customerprofiles`) against the stub, configured as its users
//! point it at a service: a region, credentials, an endpoint.

mod common;

use aws_sdk_customerprofiles::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_customerprofiles::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_customerprofiles::operation::delete_profile_object::{
    DeleteProfileObjectError, DeleteProfileObjectOutput,
};
use aws_sdk_customerprofiles::{Client, Config};
use common::*;
use contract_stubs_rust_example::contract_stub::ContractStub;

fn sdk_client(stub: &ContractStub, access_key: &str, secret_key: &str) -> Client {
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(REGION))
        .credentials_provider(Credentials::new(
            access_key, secret_key, None, None, "example",
        ))
        .endpoint_url(stub.url())
        .build();
    Client::from_conf(config)
}

type Outcome = Result<DeleteProfileObjectOutput, SdkError<DeleteProfileObjectError>>;

/// Deletes the demo object of a profile, with a `Prefer` header (a fault the stub answers with)
/// when one is given.
async fn delete(client: &Client, profile_id: &str, prefer: Option<&'static str>) -> Outcome {
    let call = client
        .delete_profile_object()
        .domain_name(DOMAIN)
        .profile_id(profile_id)
        .object_type_name(OBJECT_TYPE)
        .profile_object_unique_key(OBJECT_KEY)
        .customize();
    match prefer {
        Some(prefer) => {
            call.mutate_request(move |request| {
                request.headers_mut().insert("Prefer", prefer);
            })
            .send()
            .await
        }
        None => call.send().await,
    }
}

/// The modeled error's code, as the SDK read it from `x-amzn-ErrorType`.
fn code(outcome: &Outcome) -> Option<&str> {
    outcome
        .as_ref()
        .err()
        .and_then(|e| e.as_service_error())
        .and_then(|e| e.code())
}

#[tokio::test]
async fn deletes_the_object_then_it_is_resource_not_found() {
    let stub = stub();
    let client = sdk_client(&stub, ACCESS_KEY, SECRET_KEY);

    let deleted = delete(&client, PROFILE_ID, None).await.unwrap();
    assert_eq!(deleted.message(), Some("OK"));
    let again = delete(&client, PROFILE_ID, None).await;
    assert!(matches!(
        again.as_ref().unwrap_err().as_service_error(),
        Some(DeleteProfileObjectError::ResourceNotFoundException(_))
    ));
    assert_eq!(statuses(&stub, "customer-profiles"), [200, 404]);
}

#[tokio::test]
async fn a_profile_id_off_the_pattern_is_bad_request() {
    let stub = stub();
    let client = sdk_client(&stub, ACCESS_KEY, SECRET_KEY);

    // The SDK checks required members only: the pattern is the service's to enforce.
    let refused = delete(&client, "3991a7d959d248bba82546b2dEXAMPLE", None).await;
    assert!(matches!(
        refused.as_ref().unwrap_err().as_service_error(),
        Some(DeleteProfileObjectError::BadRequestException(_))
    ));
    assert_eq!(statuses(&stub, "customer-profiles"), [400]);
}

#[tokio::test]
async fn a_wrong_secret_or_an_unknown_key_is_access_denied() {
    let stub = stub();
    for client in [
        sdk_client(&stub, ACCESS_KEY, "not-the-secret"),
        sdk_client(&stub, "AKIAUNKNOWNKEY000000", SECRET_KEY),
    ] {
        let refused = delete(&client, PROFILE_ID, None).await;
        assert!(matches!(
            refused.as_ref().unwrap_err().as_service_error(),
            Some(DeleteProfileObjectError::AccessDeniedException(_))
        ));
    }
    assert_eq!(statuses(&stub, "customer-profiles"), [403, 403]);
}

#[tokio::test]
async fn throttling_is_retried_twice_with_backoff_then_throttling_exception() {
    let stub = stub();
    let client = sdk_client(&stub, ACCESS_KEY, SECRET_KEY);

    let refused = delete(&client, PROFILE_ID, Some("code=429")).await;
    assert_eq!(code(&refused), Some("ThrottlingException"));
    // The standard retry strategy: three attempts in all, a jittered exponential wait between
    // them (up to 1 s, then up to 2 s; Retry-After is not read).
    assert_eq!(statuses(&stub, "customer-profiles"), [429, 429, 429]);
    for (i, gap) in gaps(&stub, "customer-profiles").into_iter().enumerate() {
        let limit = f64::from(1 << i) + 0.5;
        assert!(gap <= limit, "wait {} was {gap} s, over {limit} s", i + 1);
    }
}

#[tokio::test]
async fn an_internal_error_is_retried_twice_then_internal_server_exception() {
    let stub = stub();
    let client = sdk_client(&stub, ACCESS_KEY, SECRET_KEY);

    let refused = delete(&client, PROFILE_ID, Some("code=500")).await;
    assert!(matches!(
        refused.as_ref().unwrap_err().as_service_error(),
        Some(DeleteProfileObjectError::InternalServerException(_))
    ));
    assert_eq!(statuses(&stub, "customer-profiles"), [500, 500, 500]);
}

#[tokio::test]
async fn a_clock_20_minutes_off_is_refused_once_then_corrected_and_kept_per_client() {
    let stub = stub();
    let client = sdk_client(&stub, ACCESS_KEY, SECRET_KEY);
    // The stub's clock 20 minutes ahead on every call: the SDK reads the skew from the refusal's
    // Date header and signs again with its clock corrected.
    let delete_with_skew = |client: Client| {
        let stub = &stub;
        async move {
            stub.reset().expect("reset the stub");
            delete(&client, PROFILE_ID, Some("clock-offset=1200"))
                .await
                .unwrap();
            statuses(stub, "customer-profiles")
        }
    };

    assert_eq!(
        delete_with_skew(client.clone()).await,
        [403, 200],
        "refused, then corrected"
    );
    assert_eq!(
        delete_with_skew(client).await,
        [200],
        "the client keeps its correction"
    );
    let another = sdk_client(&stub, ACCESS_KEY, SECRET_KEY);
    assert_eq!(
        delete_with_skew(another).await,
        [403, 200],
        "another client starts from its own clock"
    );
}
