"""AWS Signature Version 4 for httpx, by botocore's own signer.

The generated Customer Profiles client runs on httpx; giving it ``AwsSigV4`` as its ``auth``
signs every request it sends, as the AWS SDK would, for the real service and the stub alike.
"""

from collections.abc import Generator

import httpx
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def signature_headers(
    signer: SigV4Auth, method: str, url: str, body: bytes, content_type: str | None
) -> dict[str, str]:
    """What the signer adds to a request: Authorization and X-Amz-Date, and X-Amz-Security-Token
    for temporary credentials. It signs the host, the content type, the body and those."""
    headers = {"Content-Type": content_type} if content_type and body else {}
    signed = AWSRequest(method=method, url=url, data=body, headers=headers)
    signer.add_auth(signed)
    return {name: value for name, value in signed.headers.items() if name not in headers}


class AwsSigV4(httpx.Auth):
    """Signs each request for ``service`` in ``region`` with the given credentials."""

    requires_request_body = True

    def __init__(self, credentials: Credentials, region: str, service: str = "profile") -> None:
        self._signer = SigV4Auth(credentials, service, region)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(
            signature_headers(
                self._signer,
                request.method,
                str(request.url),
                request.content,
                request.headers.get("Content-Type"),
            )
        )
        yield request
