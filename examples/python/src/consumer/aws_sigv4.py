"""AWS Signature Version 4 for httpx, by botocore's own signer.

The generated Customer Profiles client runs on httpx; giving it ``AwsSigV4`` as its ``auth``
signs every request it sends, as the AWS SDK would, for the real service and the stub alike.
"""

from collections.abc import Generator

import httpx
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


class AwsSigV4(httpx.Auth):
    """Signs each request for ``service`` in ``region`` with the given credentials."""

    requires_request_body = True

    def __init__(self, credentials: Credentials, region: str, service: str = "profile") -> None:
        self._signer = SigV4Auth(credentials, service, region)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # Sign the host, the content type and the body; botocore adds X-Amz-Date (and
        # X-Amz-Security-Token for temporary credentials) and signs those too.
        headers = {"Content-Type": request.headers["Content-Type"]} if request.content else {}
        signed = AWSRequest(
            method=request.method, url=str(request.url), data=request.content, headers=headers
        )
        self._signer.add_auth(signed)
        request.headers.update(dict(signed.headers.items()))
        yield request
