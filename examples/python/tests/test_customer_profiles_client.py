"""The generated Customer Profiles client, signed by botocore, against the stub.

openapi-python-client returns each documented error as the parsed model of its status (a 404 is a
`ResourceNotFoundException` in `response.parsed`, see `Outcome`) instead of raising it, as the
generated code types every documented response as a value of the call; the scenarios read it.
"""

from http import HTTPStatus

import pytest
from botocore.credentials import Credentials
from customer_profiles import Client
from customer_profiles.api.object_types import (
    delete_profile_object_type,
    get_profile_object_type,
    put_profile_object_type,
)
from customer_profiles.api.profile_objects import (
    delete_profile_object,
    list_profile_objects,
    put_profile_object,
)
from customer_profiles.api.profiles import create_profile, delete_profile
from customer_profiles.models import (
    AccessDeniedException,
    BadRequestException,
    CreateProfileRequest,
    CreateProfileResponse,
    DeleteProfileObjectRequest,
    DeleteProfileObjectResponse,
    DeleteProfileRequest,
    InternalServerException,
    ListProfileObjectsRequest,
    ListProfileObjectsResponse,
    ProfileObjectType,
    PutProfileObjectRequest,
    PutProfileObjectResponse,
    PutProfileObjectTypeRequest,
    ResourceNotFoundException,
    ThrottlingException,
)
from customer_profiles.types import Response

from consumer.aws_sigv4 import AwsSigV4
from demo import CREDENTIALS, DOMAIN, OBJECT_KEY, OBJECT_TYPE, PROFILE_ID, REGION
from journal import recorded, statuses

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


def test_defines_a_type_and_a_profile_puts_lists_and_deletes_an_object_then_it_is_gone(
    stub_url: str,
) -> None:
    """The lifecycle a test of DeleteProfileObject arranges and asserts through the API itself."""
    subscription = PutProfileObjectTypeRequest.from_dict(
        {
            "Description": "Subscriptions of a customer",
            "Fields": {
                "subscriptionId": {"Source": "_source.subscriptionId", "ContentType": "STRING"},
                "email": {
                    "Source": "_source.email",
                    "Target": "_profile.EmailAddress",
                    "ContentType": "EMAIL_ADDRESS",
                },
            },
            "Keys": {
                "subscriptionId": [
                    {"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["subscriptionId"]}
                ],
                "email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
            },
        }
    )
    with profiles(stub_url) as client:
        put_profile_object_type.sync_detailed(
            DOMAIN, "Subscription", client=client, body=subscription
        )
        defined = get_profile_object_type.sync_detailed(DOMAIN, "Subscription", client=client)
        assert isinstance(defined.parsed, ProfileObjectType)
        created = create_profile.sync_detailed(
            DOMAIN,
            client=client,
            body=CreateProfileRequest(first_name="Ana", email_address="ana.silva@example.com"),
        )
        assert isinstance(created.parsed, CreateProfileResponse)
        profile_id = created.parsed.profile_id
        put = put_profile_object.sync_detailed(
            DOMAIN,
            client=client,
            body=PutProfileObjectRequest(
                object_type_name="Subscription",
                object_='{"subscriptionId":"sub-1","email":"ana.silva@example.com"}',
            ),
        )
        assert isinstance(put.parsed, PutProfileObjectResponse)
        key = str(put.parsed.profile_object_unique_key)

        def listed() -> list[str]:
            page = list_profile_objects.sync_detailed(
                DOMAIN,
                client=client,
                body=ListProfileObjectsRequest(
                    object_type_name="Subscription", profile_id=profile_id
                ),
            ).parsed
            assert isinstance(page, ListProfileObjectsResponse)
            return [str(item.profile_object_unique_key) for item in page.items or []]

        assert listed() == [key]
        the_object = DeleteProfileObjectRequest(
            profile_id=profile_id, object_type_name="Subscription", profile_object_unique_key=key
        )
        deleted = delete_profile_object.sync_detailed(DOMAIN, client=client, body=the_object)
        assert isinstance(deleted.parsed, DeleteProfileObjectResponse)
        assert listed() == []
        again = delete_profile_object.sync_detailed(DOMAIN, client=client, body=the_object)
        assert isinstance(again.parsed, ResourceNotFoundException)

        delete_profile.sync_detailed(
            DOMAIN, client=client, body=DeleteProfileRequest(profile_id=profile_id)
        )
        delete_profile_object_type.sync_detailed(DOMAIN, "Subscription", client=client)
        gone = get_profile_object_type.sync_detailed(DOMAIN, "Subscription", client=client)
        assert isinstance(gone.parsed, ResourceNotFoundException)
    assert statuses(recorded(stub_url, "customer-profiles")) == [200] * 7 + [404, 200, 200, 404]


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
