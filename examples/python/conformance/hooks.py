"""Schemathesis hooks: how its requests authenticate, as a client of each service would.

Customer Profiles requests are signed by botocore's SigV4 signer; Access Profiles requests carry a
token from the token endpoint (client credentials). Credentials come from the environment, as
the SDKs read them, and default to the stub's demo data.
"""

import os
from typing import Any

import requests
import schemathesis
from botocore.auth import SigV4Auth
from botocore.credentials import Credentials
from requests.structures import CaseInsensitiveDict
from schemathesis import AuthContext, Case

from consumer.aws_sigv4 import signature_headers
from consumer.sailpoint_token import client_credentials_token


class SigV4(requests.auth.AuthBase):
    """botocore's signer, for the requests Schemathesis sends with the requests library."""

    def __init__(self) -> None:
        credentials = Credentials(
            os.environ.get("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
            os.environ.get("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        )
        self._signer = SigV4Auth(credentials, "profile", os.environ.get("AWS_REGION", "us-east-1"))

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        body = request.body.encode() if isinstance(request.body, str) else request.body
        content_type = request.headers.get("Content-Type")
        request.headers.update(
            signature_headers(
                self._signer,
                str(request.method),
                str(request.url),
                body if isinstance(body, bytes) else b"",
                content_type.decode() if isinstance(content_type, bytes) else content_type,
            )
        )
        return request


# set_from_requests is attached to schemathesis.auth at run time, which its types do not say.
schemathesis.auth.set_from_requests(SigV4()).apply_to(path_regex="^/domains/")  # type: ignore[attr-defined]


@schemathesis.auth().apply_to(path_regex="^/access-profiles(/|$)")
class SailPointToken:
    """A token for SAIL_CLIENT_ID (org-admin) from SAIL_BASE_URL (the stub), renewed every 5 minutes
    and after a 401."""

    def get(self, case: Case[Any], context: AuthContext) -> str:
        tenant = os.environ.get("SAIL_BASE_URL") or os.environ["STUB_URL"]
        return client_credentials_token(
            tenant,
            os.environ.get("SAIL_CLIENT_ID", "org-admin"),
            os.environ.get("SAIL_CLIENT_SECRET", "stub-secret"),
        )

    def set(self, case: Case[Any], data: str, context: AuthContext) -> None:
        headers = case.headers if case.headers is not None else CaseInsensitiveDict()
        headers["Authorization"] = f"Bearer {data}"
        case.headers = headers
