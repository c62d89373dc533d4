"""SailPoint's Python SDK (sailpoint 1.x, its v3 API), configured from the environment as its docs
say, against the stub: how it gets its token, and what it makes of each answer."""

import json
from collections.abc import Iterator
from typing import Any

import pytest
import sailpoint.v3
from sailpoint.configuration import Configuration
from sailpoint.v3.exceptions import (
    ApiException,
    BadRequestException,
    ForbiddenException,
    NotFoundException,
)

from demo import HELPDESK, IN_USE_PROFILE, ORG_ADMIN, SECRET, UNUSED_PROFILE
from journal import gaps, recorded, statuses


@pytest.fixture
def client_id() -> str:
    """The API client the SDK authenticates as; a test parametrizes it to be another."""
    return ORG_ADMIN


@pytest.fixture
def access_profiles(
    stub_url: str, client_id: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """The SDK's v3 Access Profiles API."""
    monkeypatch.setenv("SAIL_BASE_URL", stub_url)
    monkeypatch.setenv("SAIL_CLIENT_ID", client_id)
    monkeypatch.setenv("SAIL_CLIENT_SECRET", SECRET)
    with sailpoint.v3.ApiClient(Configuration()) as api_client:
        yield sailpoint.v3.AccessProfilesApi(api_client)


def test_fetches_one_token_at_configuration_and_reuses_it(
    stub_url: str, access_profiles: Any
) -> None:
    access_profiles.delete_access_profile(UNUSED_PROFILE)
    with pytest.raises(NotFoundException):
        access_profiles.delete_access_profile(UNUSED_PROFILE)

    tokens = recorded(stub_url, "sailpoint-oauth")
    assert statuses(tokens) == [200]
    assert tokens[0]["request"]["headers"]["content-type"] == "application/x-www-form-urlencoded"
    assert tokens[0]["request"]["body"]["client_id"] == ORG_ADMIN
    assert statuses(recorded(stub_url, "access-profiles")) == [204, 404]


def test_deletes_an_access_profile_nothing_uses(access_profiles: Any) -> None:
    assert access_profiles.delete_access_profile(UNUSED_PROFILE) is None


def test_a_second_delete_raises_not_found_with_detail_code_in_its_body(
    access_profiles: Any,
) -> None:
    access_profiles.delete_access_profile(UNUSED_PROFILE)

    with pytest.raises(NotFoundException) as raised:
        access_profiles.delete_access_profile(UNUSED_PROFILE)

    # SailPoint's own spec documents no 404, so the SDK has no model for it: the body is raw JSON.
    assert raised.value.status == 404
    assert raised.value.data is None
    assert json.loads(raised.value.body)["detailCode"] == "404 Not found"


def test_an_access_profile_in_use_raises_bad_request_with_its_model(
    access_profiles: Any,
) -> None:
    with pytest.raises(BadRequestException) as raised:
        access_profiles.delete_access_profile(IN_USE_PROFILE)

    assert raised.value.data.detail_code == "400.2.1.0 Object in use by another"


@pytest.mark.parametrize("client_id", [HELPDESK])
def test_a_client_without_the_authority_raises_forbidden(access_profiles: Any) -> None:
    with pytest.raises(ForbiddenException) as raised:
        access_profiles.delete_access_profile(UNUSED_PROFILE)

    assert raised.value.data.detail_code == "403 Forbidden"


def test_throttling_is_retried_three_times_after_retry_after_then_raised(
    stub_url: str, access_profiles: Any
) -> None:
    with pytest.raises(ApiException) as raised:
        access_profiles.delete_access_profile(UNUSED_PROFILE, _headers={"Prefer": "code=429"})

    assert raised.value.status == 429
    entries = recorded(stub_url, "access-profiles")
    # urllib3's default Retry (3 retries) honours Retry-After on 429: the stub sends 1 (second).
    assert statuses(entries) == [429, 429, 429, 429]
    assert all(gap >= 0.9 for gap in gaps(entries))
