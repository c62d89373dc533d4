//! AWS Signature Version 4 for the generated Customer Profiles client: AWS's own signer
//! (`aws-sigv4`) as a `reqwest-middleware` layer, so every request the client sends is signed.

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::Extensions;
use reqwest::header::{HeaderName, HeaderValue};
use reqwest::{Request, Response};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Middleware, Next};

/// Signs each request for one region and service with fixed credentials.
pub struct SigV4 {
    identity: Identity,
    region: String,
    service: &'static str,
}

impl SigV4 {
    /// Customer Profiles' signing name is `profile`.
    pub fn customer_profiles(access_key: &str, secret_key: &str, region: &str) -> Self {
        let credentials = Credentials::new(access_key, secret_key, None, None, "example");
        Self {
            identity: credentials.into(),
            region: region.to_owned(),
            service: "profile",
        }
    }

    fn sign(&self, request: &mut Request) -> Result<(), SigningError> {
        let params = v4::SigningParams::builder()
            .identity(&self.identity)
            .region(&self.region)
            .name(self.service)
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .map_err(failed)?
            .into();
        let body = request
            .body()
            .and_then(|b| b.as_bytes())
            .unwrap_or_default();
        let headers = request
            .headers()
            .iter()
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
        let signable = SignableRequest::new(
            request.method().as_str(),
            request.url().as_str(),
            headers,
            SignableBody::Bytes(body),
        )
        .map_err(failed)?;
        let (instructions, _signature) = sign(signable, &params).map_err(failed)?.into_parts();
        for (name, value) in instructions.headers() {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(failed)?;
            let value = HeaderValue::from_str(value).map_err(failed)?;
            request.headers_mut().insert(name, value);
        }
        Ok(())
    }
}

/// Why a request could not be signed.
#[derive(Debug)]
pub struct SigningError(String);

impl std::fmt::Display for SigningError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SigV4 signing failed: {}", self.0)
    }
}

impl std::error::Error for SigningError {}

fn failed(error: impl std::fmt::Display) -> SigningError {
    SigningError(error.to_string())
}

#[async_trait::async_trait]
impl Middleware for SigV4 {
    async fn handle(
        &self,
        mut request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        self.sign(&mut request)
            .map_err(reqwest_middleware::Error::middleware)?;
        next.run(request, extensions).await
    }
}

/// A client for the generated Customer Profiles API whose requests are all signed.
pub fn signed_client(signer: SigV4) -> ClientWithMiddleware {
    ClientBuilder::new(reqwest::Client::new())
        .with(signer)
        .build()
}
