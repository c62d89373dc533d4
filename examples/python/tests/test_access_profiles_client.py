"""The generated Access Profiles client, with a token from the stub's token endpoint.

openapi-python-client returns a documented error as the parsed model of its response
(`response.parsed` is an `ErrorResponseDto` for a 404) rather than raising it: every documented
status is an outcome of the call, typed, and only an undocumented one raises (with
`raise_on_unexpected_status`). So these scenarios read the status and the model; they do not expect
an exception.
"""

from collections.abc import Iterator
from http import HTTPStatus
from typing import cast

import pytest
from access_profiles import AuthenticatedClient, Client
from access_profiles.api.access_profiles import (
    create_access_profile,
    delete_access_profile,
    get_access_profile,
)
from access_profiles.models import AccessProfile, ErrorResponseDto, UnauthorizedError

from consumer.sailpoint_token import client_credentials_token
from demo import (
    ACTIVE_DIRECTORY,
    HELPDESK,
    IN_USE_PROFILE,
    ORG_ADMIN,
    SECRET,
    SOURCE_ADMIN_IDENTITY,
    UNUSED_PROFILE,
    VPN_USERS,
)
from journal import recorded, statuses


@pytest.fixture
def org_admin(stub_url: str) -> Iterator[AuthenticatedClient]:
    token = client_credentials_token(stub_url, ORG_ADMIN, SECRET)
    with AuthenticatedClient(base_url=f"{stub_url}/v3", token=token) as client:
        yield client


def test_deletes_an_access_profile_nothing_uses(org_admin: AuthenticatedClient) -> None:
    response = delete_access_profile.sync_detailed(UNUSED_PROFILE, client=org_admin)

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert response.content == b""


def test_creates_and_reads_one_deletes_it_then_reading_or_deleting_it_is_not_found(
    stub_url: str, org_admin: AuthenticatedClient
) -> None:
    new = AccessProfile.from_dict(
        {
            "name": "Contractor VPN",
            "owner": {"type": "IDENTITY", "id": SOURCE_ADMIN_IDENTITY},
            "source": {"type": "SOURCE", "id": ACTIVE_DIRECTORY},
            "entitlements": [{"type": "ENTITLEMENT", "id": VPN_USERS}],
            "enabled": True,
        }
    )
    created = create_access_profile.sync_detailed(client=org_admin, body=new)
    assert created.status_code == HTTPStatus.CREATED
    assert isinstance(created.parsed, AccessProfile)
    profile_id = str(created.parsed.id)
    assert created.parsed.source.name == "Active Directory"

    read = get_access_profile.sync_detailed(profile_id, client=org_admin)
    assert isinstance(read.parsed, AccessProfile)
    assert read.parsed.name == "Contractor VPN"

    deleted = delete_access_profile.sync_detailed(profile_id, client=org_admin)
    assert deleted.status_code == HTTPStatus.NO_CONTENT
    gone = get_access_profile.sync_detailed(profile_id, client=org_admin)
    assert isinstance(gone.parsed, ErrorResponseDto)
    assert gone.parsed.detail_code == "404 Not found"
    again = delete_access_profile.sync_detailed(profile_id, client=org_admin)
    assert again.status_code == HTTPStatus.NOT_FOUND
    assert statuses(recorded(stub_url, "access-profiles")) == [201, 200, 204, 404, 404]


def test_a_second_delete_is_not_found(org_admin: AuthenticatedClient) -> None:
    delete_access_profile.sync_detailed(UNUSED_PROFILE, client=org_admin)

    response = delete_access_profile.sync_detailed(UNUSED_PROFILE, client=org_admin)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert isinstance(response.parsed, ErrorResponseDto)
    assert response.parsed.detail_code == "404 Not found"
    assert response.parsed.tracking_id == response.headers["X-Tracking-Id"]


def test_an_access_profile_in_use_is_refused(org_admin: AuthenticatedClient) -> None:
    response = delete_access_profile.sync_detailed(IN_USE_PROFILE, client=org_admin)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert isinstance(response.parsed, ErrorResponseDto)
    assert response.parsed.detail_code == "400.2.1.0 Object in use by another"
    assert isinstance(response.parsed.messages, list)
    assert "in use" in str(response.parsed.messages[0].text)


def test_without_a_token_the_gateway_answers_401(stub_url: str) -> None:
    # The generated signature asks for an AuthenticatedClient; this caller forgot the token.
    with cast(AuthenticatedClient, Client(base_url=f"{stub_url}/v3")) as anonymous:
        response = delete_access_profile.sync_detailed(UNUSED_PROFILE, client=anonymous)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert isinstance(response.parsed, UnauthorizedError)
    assert isinstance(response.parsed.error, str)
    assert "JWT" in response.parsed.error


def test_a_client_without_the_authority_is_forbidden(stub_url: str) -> None:
    token = client_credentials_token(stub_url, HELPDESK, SECRET)
    with AuthenticatedClient(base_url=f"{stub_url}/v3", token=token) as helpdesk:
        response = delete_access_profile.sync_detailed(UNUSED_PROFILE, client=helpdesk)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert isinstance(response.parsed, ErrorResponseDto)
    assert response.parsed.detail_code == "403 Forbidden"
