//! A SailPoint access token by the OAuth 2.0 client-credentials grant, as SailPoint documents it
//! for a personal access token: `POST {tenant}/oauth/token`, form-encoded.

use serde::Deserialize;

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
}

/// The access token the token endpoint at `token_url` grants this client.
pub async fn client_credentials_token(
    token_url: &str,
    client_id: &str,
    client_secret: &str,
) -> Result<String, reqwest::Error> {
    let response: TokenResponse = reqwest::Client::new()
        .post(token_url)
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", client_secret),
        ])
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    Ok(response.access_token)
}
