"""The generated Customer Profiles client, signed by botocore, against the stub.

openapi-python-client returns each documented error as the parsed model of its status (a 404 is a
`ResourceNotFoundException` in `response.parsed`, see `Outcome`) instead of raising it, as the
generated code types every documented response as a value of the call; the scenarios read it.
"""

from http import HTTPStatus

import pytest
from botocore.credentials import Credentials
from customer_profiles import Client
from customer_profiles.api.profile_objects import delete_profile_object
from customer_profiles.models import (
    AccessDeniedException,
    BadRequestException,
    DeleteProfileObjectRequest,
    DeleteProfileObjectResponse,
    InternalServerException,
    ResourceNotFoundException,
    ThrottlingException,
)
from customer_profiles.types import Response

from consumer.aws_sigv4 import AwsSigV4
from demo import CREDENTIALS, DOMAIN, OBJECT_KEY, OBJECT_TYPE, PROFILE_ID, REGION

Outcome = (
    DeleteProfileObjectResponse
    | AccessDeniedException
    | BadRequestException
    | InternalServerException
    | ResourceNotFoundException
    | ThrottlingException
)


def profiles(stub_url: str, credentials: Credentials = CREDENTIALS) -> Client:
    """The generated client, every request signed by botocore; use it in a ``with`` block."""
    return Client(base_url=stub_url, httpx_args={"auth": AwsSigV4(credentials, REGION)})


def delete(client: Client, profile_id: str = PROFILE_ID) -> Response[Outcome]:
    body = DeleteProfileObjectRequest(
        profile_id=profile_id, object_type_name=OBJECT_TYPE, profile_object_unique_key=OBJECT_KEY
    )
    return delete_profile_object.sync_detailed(DOMAIN, client=client, body=body)


def test_deletes_the_object_and_says_so(stub_url: str) -> None:
    with profiles(stub_url) as client:
        response = delete(client)

    assert response.status_code == HTTPStatus.OK
    assert isinstance(response.parsed, DeleteProfileObjectResponse)
    assert response.parsed.message == "OK"
    assert response.headers["x-amzn-RequestId"]


def test_a_second_delete_is_resource_not_found(stub_url: str) -> None:
    with profiles(stub_url) as client:
        delete(client)

        response = delete(client)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.headers["x-amzn-ErrorType"] == "ResourceNotFoundException"
    assert isinstance(response.parsed, ResourceNotFoundException)
    assert OBJECT_KEY in response.parsed.message


def test_a_profile_id_off_the_pattern_is_a_bad_request(stub_url: str) -> None:
    # The id of the published sample request, which breaks the published pattern.
    with profiles(stub_url) as client:
        response = delete(client, profile_id="3991a7d959d248bba82546b2dEXAMPLE")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.headers["x-amzn-ErrorType"] == "BadRequestException"
    assert isinstance(response.parsed, BadRequestException)
    assert "ProfileId" in response.parsed.message


@pytest.mark.parametrize(
    "credentials",
    [
        pytest.param(Credentials(CREDENTIALS.access_key, "not-the-secret"), id="wrong secret"),
        pytest.param(Credentials("AKIAUNKNOWNKEY000000", CREDENTIALS.secret_key), id="unknown key"),
    ],
)
def test_a_bad_signature_is_access_denied(stub_url: str, credentials: Credentials) -> None:
    with profiles(stub_url, credentials) as client:
        response = delete(client)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response.headers["x-amzn-ErrorType"] == "AccessDeniedException"
    assert isinstance(response.parsed, AccessDeniedException)
