"""Schemathesis hooks: how its requests authenticate, as a client of each service would.

Customer Profiles requests are signed by botocore's SigV4 signer; Access Profiles requests carry a
token from the token endpoint (client credentials). Credentials come from the environment, as
the SDKs read them, and default to the stub's demo data.
"""

import itertools
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


# The tenant's sources, each with its entitlements, and an identity that may own an access profile:
# the stub's demo data, which the SailPoint sandbox a team points SAIL_BASE_URL at replaces with its
# own through these variables.
_SOURCE = os.environ.get("SAIL_SOURCE_ID", "2c9180835d191a86015d28455b4a0001")
_ENTITLEMENTS = os.environ.get(
    "SAIL_ENTITLEMENT_IDS", "2c9180835d191a86015d28455b4e0101,2c9180835d191a86015d28455b4e0102"
).split(",")
_OWNER = os.environ.get("SAIL_OWNER_ID", "2c9180a46faadee4016fb4e018c20640")
_CREATES = itertools.count(1)


@schemathesis.hook.apply_to(operation_id=["createAccessProfile", "createAccessProfileV1"])  # type: ignore[attr-defined, untyped-decorator]
def map_case(context: schemathesis.HookContext, case: Case[Any]) -> Case[Any]:
    """A create that is meant to succeed names a source, entitlements and an owner the tenant has,
    and a name no other access profile has (the drawn one, numbered).

    Drawn at random, they name ones it lacks or repeat a name (the schema's example is drawn again
    and again), and the create is refused with 400: then the links
    from the created profile (get, patch, delete) are never followed, and the stateful phase's
    use-after-free and availability checks have nothing to check. Cases drawn to be invalid keep
    what was drawn, so that the refusal is still what is tested.
    """
    positive = case.meta is None or case.meta.generation.mode.is_positive
    if positive and isinstance(case.body, dict):
        case.body["source"] = {"id": _SOURCE, "type": "SOURCE"}
        case.body["owner"] = {"id": _OWNER, "type": "IDENTITY"}
        if isinstance(case.body.get("name"), str):
            case.body["name"] = f"{case.body['name']} #{next(_CREATES)}"
        if "entitlements" in case.body:
            case.body["entitlements"] = [{"id": e, "type": "ENTITLEMENT"} for e in _ENTITLEMENTS]
    return case
