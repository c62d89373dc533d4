"""A SailPoint access token by the client-credentials grant, as the tenant's docs describe it."""

import httpx


def client_credentials_token(tenant_url: str, client_id: str, client_secret: str) -> str:
    """POSTs the client's id and secret to ``<tenant_url>/oauth/token``; returns the access token.

    ``tenant_url`` is the tenant's root (``https://{tenant}.api.identitynow.com``, or the stub's
    URL), without ``/v3``. Raises ``httpx.HTTPStatusError`` when the client is refused.
    """
    response = httpx.post(
        f"{tenant_url}/oauth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
        },
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token
