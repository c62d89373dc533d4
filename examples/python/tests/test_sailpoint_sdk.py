"""SailPoint's Python SDK, configured from the environment as its docs say, against the stub: how it
gets its token, and what it makes of each answer.

The same scenarios hold for both lines of the SDK: 2.x (the version this project pins) calls Access
Profiles v1, ``DELETE /access-profiles/v1/{id}``; 1.x calls v3, ``DELETE /v3/access-profiles/{id}``.
The SDK matrix (``npm run sdk-matrix``) runs this file with each installed.
"""

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import version
from typing import Any

import pytest
from sailpoint.configuration import Configuration

from demo import (
    ACTIVE_DIRECTORY,
    HELPDESK,
    IN_USE_PROFILE,
    ORG_ADMIN,
    SALESFORCE,
    SECRET,
    SOURCE_ADMIN_IDENTITY,
    UNUSED_PROFILE,
    USERLESS,
    VPN_USERS,
)
from journal import gaps, recorded, statuses

SDK_VERSION = version("sailpoint")


@dataclass(frozen=True)
class SdkLine:
    """Where a major line of the SDK keeps its Access Profiles API, and which API it calls."""

    package: str
    # The end of its operations' names: "_v1" for 2.x (delete_access_profile_v1), "" for 1.x.
    suffix: str
    journal_api: str
    # What the stub's journal names it by, from its User-Agent (2.x says 1.0.0, whatever it is).
    user_agent: dict[str, str]


LINE = (
    SdkLine(
        "sailpoint.v3",
        "",
        "access-profiles",
        {"name": "OpenAPI-Generator", "version": SDK_VERSION},
    )
    if SDK_VERSION.startswith("1.")
    else SdkLine(
        "sailpoint.access_profiles",
        "_v1",
        "access-profiles-v1",
        {"name": "SailPoint-SDK-Python", "version": "1.0.0"},
    )
)
sdk = import_module(LINE.package)
errors = import_module(f"{LINE.package}.exceptions")
models = import_module(f"{LINE.package}.models")


def operation(api: Any, name: str) -> Callable[..., Any]:
    """The SDK's method for an operation of Access Profiles, in the API its line calls."""
    method: Callable[..., Any] = getattr(api, f"{name}{LINE.suffix}")
    return method


@pytest.fixture
def client_id() -> str:
    """The client the SDK authenticates as; a test parametrizes it to be another."""
    return ORG_ADMIN


@pytest.fixture
def access_profiles(
    stub_url: str, client_id: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Any]:
    """The SDK's AccessProfilesApi, configured from the environment as its docs say."""
    monkeypatch.setenv("SAIL_BASE_URL", stub_url)
    monkeypatch.setenv("SAIL_CLIENT_ID", client_id)
    monkeypatch.setenv("SAIL_CLIENT_SECRET", SECRET)
    with sdk.ApiClient(Configuration()) as api_client:
        yield sdk.AccessProfilesApi(api_client)


@pytest.fixture
def delete(access_profiles: Any) -> Callable[..., Any]:
    """The SDK's delete of an access profile, from the API its line calls."""
    return operation(access_profiles, "delete_access_profile")


def test_fetches_one_token_at_configuration_and_reuses_it(
    stub_url: str, delete: Callable[..., Any]
) -> None:
    delete(UNUSED_PROFILE)
    with pytest.raises(errors.NotFoundException):
        delete(UNUSED_PROFILE)

    tokens = recorded(stub_url, "sailpoint-oauth")
    assert statuses(tokens) == [200]
    assert tokens[0]["request"]["headers"]["content-type"] == "application/x-www-form-urlencoded"
    assert tokens[0]["request"]["body"]["client_id"] == ORG_ADMIN
    assert statuses(recorded(stub_url, LINE.journal_api)) == [204, 404]


def test_deletes_an_access_profile_nothing_uses(delete: Callable[..., Any]) -> None:
    assert delete(UNUSED_PROFILE) is None


def test_creates_reads_lists_and_deletes_one_then_reading_or_deleting_it_is_not_found(
    stub_url: str, access_profiles: Any
) -> None:
    new = models.AccessProfile.from_dict(
        {
            "name": "Contractor VPN",
            "owner": {"type": "IDENTITY", "id": SOURCE_ADMIN_IDENTITY},
            "source": {"type": "SOURCE", "id": ACTIVE_DIRECTORY},
            "entitlements": [{"type": "ENTITLEMENT", "id": VPN_USERS}],
            "enabled": True,
        }
    )
    created = operation(access_profiles, "create_access_profile")(new)
    assert created.id is not None
    assert created.source.name == "Active Directory"
    assert created.owner.name == "Sam Source"

    assert operation(access_profiles, "get_access_profile")(created.id).name == "Contractor VPN"
    listed = operation(access_profiles, "list_access_profiles")(filters='name eq "Contractor VPN"')
    assert [p.id for p in listed] == [created.id]

    operation(access_profiles, "delete_access_profile")(created.id)
    with pytest.raises(errors.NotFoundException):
        operation(access_profiles, "get_access_profile")(created.id)
    with pytest.raises(errors.NotFoundException):
        operation(access_profiles, "delete_access_profile")(created.id)
    assert statuses(recorded(stub_url, LINE.journal_api)) == [201, 200, 200, 204, 404, 404]


def test_deletes_in_bulk_all_or_nothing_then_best_effort_then_an_unknown_id_is_bad_request(
    stub_url: str, access_profiles: Any
) -> None:
    bulk_delete = operation(access_profiles, "delete_access_profiles_in_bulk")

    def request(*, best_effort: bool) -> Any:
        ids = [UNUSED_PROFILE, IN_USE_PROFILE]
        return models.AccessProfileBulkDeleteRequest(
            accessProfileIds=ids, bestEffortOnly=best_effort
        )

    kept = bulk_delete(request(best_effort=False))
    assert kept.pending == []
    assert [(u.access_profile_id, [r.name for r in u.used_by]) for u in kept.in_use] == [
        (IN_USE_PROFILE, ["Payroll Team"])
    ]
    deleted = bulk_delete(request(best_effort=True))
    assert deleted.task_id is not None
    assert deleted.pending == [UNUSED_PROFILE]
    with pytest.raises(errors.BadRequestException) as raised:
        bulk_delete(models.AccessProfileBulkDeleteRequest(accessProfileIds=[UNUSED_PROFILE]))
    assert json.loads(raised.value.body)["detailCode"] == "400.1.404 Referenced object not found"
    assert statuses(recorded(stub_url, LINE.journal_api)) == [200, 202, 400]


def test_patches_one_with_json_patch_then_a_source_without_entitlements_is_bad_request(
    stub_url: str, access_profiles: Any
) -> None:
    patch = operation(access_profiles, "patch_access_profile")
    value = models.JsonPatchOperationValue
    patched = patch(
        UNUSED_PROFILE,
        [
            models.JsonPatchOperation(
                op="replace", path="/description", value=value("Patched by the SDK.")
            ),
            models.JsonPatchOperation(
                op="add",
                path="/entitlements/-",
                value=value({"type": "ENTITLEMENT", "id": VPN_USERS}),
            ),
        ],
    )
    assert patched.description == "Patched by the SDK."
    assert [e.id for e in patched.entitlements][-1] == VPN_USERS
    read = operation(access_profiles, "get_access_profile")(UNUSED_PROFILE)
    assert read.description == "Patched by the SDK."

    source_alone = models.JsonPatchOperation(
        op="replace",
        path="/source",
        value=value({"type": "SOURCE", "id": SALESFORCE}),
    )
    with pytest.raises(errors.BadRequestException) as raised:
        patch(UNUSED_PROFILE, [source_alone])
    assert json.loads(raised.value.body)["detailCode"] == "400.1 Bad Request Content"
    assert statuses(recorded(stub_url, LINE.journal_api)) == [200, 200, 400]


def test_the_journal_names_the_sdk_from_its_user_agent(
    stub_url: str, delete: Callable[..., Any]
) -> None:
    delete(UNUSED_PROFILE)

    assert recorded(stub_url, LINE.journal_api)[0]["client"] == LINE.user_agent


def test_a_second_delete_raises_not_found_with_detail_code_in_its_body(
    delete: Callable[..., Any],
) -> None:
    delete(UNUSED_PROFILE)

    with pytest.raises(errors.NotFoundException) as raised:
        delete(UNUSED_PROFILE)

    # SailPoint's own spec documents no 404, so the SDK has no model for it: the body is raw JSON.
    assert raised.value.status == 404
    assert raised.value.data is None
    assert json.loads(raised.value.body)["detailCode"] == "404 Not found"


def test_an_access_profile_in_use_raises_bad_request_with_its_model(
    delete: Callable[..., Any],
) -> None:
    with pytest.raises(errors.BadRequestException) as raised:
        delete(IN_USE_PROFILE)

    assert raised.value.data.detail_code == "400.2.1.0 Object in use by another"


def test_a_token_that_is_not_valid_raises_unauthorized(
    stub_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A token given as is, which the SDK sends without asking the token endpoint.
    monkeypatch.setenv("SAIL_BASE_URL", stub_url)
    configuration = Configuration()
    configuration.access_token = "not-a-token"
    with (
        sdk.ApiClient(configuration) as api_client,
        pytest.raises(errors.UnauthorizedException) as raised,
    ):
        operation(sdk.AccessProfilesApi(api_client), "delete_access_profile")(UNUSED_PROFILE)

    assert raised.value.status == 401
    assert json.loads(raised.value.body)["error"].startswith("JWT validation failed")


@pytest.mark.parametrize("client_id", [HELPDESK])
def test_a_user_without_the_authority_raises_forbidden(delete: Callable[..., Any]) -> None:
    with pytest.raises(errors.ForbiddenException) as raised:
        delete(UNUSED_PROFILE)

    assert raised.value.data.detail_code == "403 Forbidden"


@pytest.mark.parametrize("client_id", [USERLESS])
def test_an_api_client_of_no_user_raises_forbidden(
    stub_url: str, delete: Callable[..., Any]
) -> None:
    with pytest.raises(errors.ForbiddenException) as raised:
        delete(UNUSED_PROFILE)

    assert raised.value.data.detail_code == "403 Forbidden"
    assert "no user owns" in raised.value.data.causes[0].text
    # The token endpoint granted the token: the API refused it.
    assert statuses(recorded(stub_url, "sailpoint-oauth")) == [200]


def test_throttling_is_retried_three_times_after_retry_after_then_raised(
    stub_url: str, delete: Callable[..., Any]
) -> None:
    with pytest.raises(errors.ApiException) as raised:
        delete(UNUSED_PROFILE, _headers={"Prefer": "code=429"})

    assert raised.value.status == 429
    entries = recorded(stub_url, LINE.journal_api)
    # urllib3's default Retry (3 retries) honours Retry-After on 429: the stub sends 1 (second).
    assert statuses(entries) == [429, 429, 429, 429]
    assert all(gap >= 0.9 for gap in gaps(entries))
