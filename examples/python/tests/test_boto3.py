"""boto3, configured as its users configure it, against the stub: what it makes of each answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import boto3
import pytest

if TYPE_CHECKING:
    # Types only (boto3-stubs): the SDK matrix runs this file with boto3 alone.
    from mypy_boto3_customer_profiles import CustomerProfilesClient

from demo import CREDENTIALS, DOMAIN, OBJECT_KEY, OBJECT_TYPE, PROFILE_ID, REGION
from journal import gaps, recorded, statuses


def client(
    stub_url: str,
    secret_key: str = CREDENTIALS.secret_key,
    access_key: str = CREDENTIALS.access_key,
) -> CustomerProfilesClient:
    return boto3.client(
        "customer-profiles",
        endpoint_url=stub_url,
        region_name=REGION,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
    )


def delete(profiles: CustomerProfilesClient, profile_id: str = PROFILE_ID) -> str:
    output = profiles.delete_profile_object(
        DomainName=DOMAIN,
        ProfileId=profile_id,
        ObjectTypeName=OBJECT_TYPE,
        ProfileObjectUniqueKey=OBJECT_KEY,
    )
    return output["Message"]


def with_prefer(profiles: CustomerProfilesClient, value: str) -> CustomerProfilesClient:
    """Adds a Prefer header to every DeleteProfileObject request, by botocore's event system."""

    def add_header(request: Any, **_: Any) -> None:
        request.headers["Prefer"] = value

    profiles.meta.events.register("before-sign.customer-profiles.DeleteProfileObject", add_header)
    return profiles


def test_deletes_and_returns_the_message(stub_url: str) -> None:
    assert delete(client(stub_url)) == "OK"


def test_a_second_delete_raises_resource_not_found(stub_url: str) -> None:
    profiles = client(stub_url)
    delete(profiles)

    with pytest.raises(profiles.exceptions.ResourceNotFoundException) as raised:
        delete(profiles)

    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert OBJECT_KEY in raised.value.response["Error"]["Message"]


def test_defines_a_type_and_a_profile_puts_lists_and_deletes_an_object_then_it_is_gone(
    stub_url: str,
) -> None:
    """The lifecycle a test of DeleteProfileObject arranges and asserts through the API itself."""
    profiles = client(stub_url)
    profiles.put_profile_object_type(
        DomainName=DOMAIN,
        ObjectTypeName="Subscription",
        Description="Subscriptions of a customer",
        Fields={
            "subscriptionId": {"Source": "_source.subscriptionId", "ContentType": "STRING"},
            "email": {
                "Source": "_source.email",
                "Target": "_profile.EmailAddress",
                "ContentType": "EMAIL_ADDRESS",
            },
        },
        Keys={
            "subscriptionId": [
                {"StandardIdentifiers": ["UNIQUE"], "FieldNames": ["subscriptionId"]}
            ],
            "email": [{"StandardIdentifiers": ["PROFILE"], "FieldNames": ["email"]}],
        },
    )
    # botocore reads restJson1's epoch seconds as a datetime.
    created = profiles.get_profile_object_type(DomainName=DOMAIN, ObjectTypeName="Subscription")
    assert created["CreatedAt"].year >= 2026
    profile_id = profiles.create_profile(
        DomainName=DOMAIN, FirstName="Ana", EmailAddress="ana.silva@example.com"
    )["ProfileId"]
    subscription = '{"subscriptionId":"sub-1","email":"ana.silva@example.com"}'
    key = profiles.put_profile_object(
        DomainName=DOMAIN, ObjectTypeName="Subscription", Object=subscription
    )["ProfileObjectUniqueKey"]

    def listed() -> list[str]:
        page = profiles.list_profile_objects(
            DomainName=DOMAIN, ObjectTypeName="Subscription", ProfileId=profile_id
        )
        return [item["ProfileObjectUniqueKey"] for item in page["Items"]]

    assert listed() == [key]
    object_ = {
        "DomainName": DOMAIN,
        "ObjectTypeName": "Subscription",
        "ProfileId": profile_id,
        "ProfileObjectUniqueKey": key,
    }
    assert profiles.delete_profile_object(**object_)["Message"] == "OK"
    assert listed() == []
    with pytest.raises(profiles.exceptions.ResourceNotFoundException):
        profiles.delete_profile_object(**object_)
    profiles.delete_profile(DomainName=DOMAIN, ProfileId=profile_id)
    profiles.delete_profile_object_type(DomainName=DOMAIN, ObjectTypeName="Subscription")
    with pytest.raises(profiles.exceptions.ResourceNotFoundException):
        profiles.get_profile_object_type(DomainName=DOMAIN, ObjectTypeName="Subscription")
    assert statuses(recorded(stub_url, "customer-profiles")) == [200] * 7 + [404, 200, 200, 404]


def test_a_profile_id_off_the_pattern_is_sent_and_raises_bad_request(
    stub_url: str,
) -> None:
    # botocore checks types and lengths, not patterns: the service is the one to refuse it.
    profiles = client(stub_url)

    with pytest.raises(profiles.exceptions.BadRequestException) as raised:
        delete(profiles, profile_id="3991a7d959d248bba82546b2dEXAMPLE")

    assert "ProfileId" in raised.value.response["Error"]["Message"]
    assert statuses(recorded(stub_url, "customer-profiles")) == [400]


@pytest.mark.parametrize(
    "make_client",
    [
        pytest.param(lambda url: client(url, secret_key="not-the-secret"), id="wrong secret"),
        pytest.param(lambda url: client(url, access_key="AKIAUNKNOWNKEY000000"), id="unknown key"),
    ],
)
def test_a_bad_signature_raises_access_denied_once(
    stub_url: str, make_client: Callable[[str], CustomerProfilesClient]
) -> None:
    profiles = make_client(stub_url)

    with pytest.raises(profiles.exceptions.AccessDeniedException):
        delete(profiles)

    assert statuses(recorded(stub_url, "customer-profiles")) == [403]


def test_a_clock_20_minutes_off_is_refused_and_not_corrected(stub_url: str) -> None:
    # The stub's clock 20 minutes ahead: to it, the client's clock is 20 minutes slow.
    profiles = with_prefer(client(stub_url), "clock-offset=1200")

    with pytest.raises(profiles.exceptions.AccessDeniedException) as raised:
        delete(profiles)

    assert "Signature expired" in raised.value.response["Error"]["Message"]
    # botocore reads no clock skew from the service's Date header: one attempt, refused.
    assert statuses(recorded(stub_url, "customer-profiles")) == [403]


def test_throttling_is_retried_twice_then_raised(stub_url: str) -> None:
    profiles = with_prefer(client(stub_url), "code=429")

    with pytest.raises(profiles.exceptions.ThrottlingException) as raised:
        delete(profiles)

    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 2
    entries = recorded(stub_url, "customer-profiles")
    assert statuses(entries) == [429, 429, 429]
    # Standard retry mode: a random wait below 1 s, then below 2 s; Retry-After (1 s) is not read.
    first, second = gaps(entries)
    assert first < 1.5
    assert second < 2.5


def test_an_internal_error_is_retried_as_a_server_fault_then_raised(stub_url: str) -> None:
    profiles = with_prefer(client(stub_url), "code=500")

    with pytest.raises(profiles.exceptions.InternalServerException) as raised:
        delete(profiles)

    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert raised.value.response["ResponseMetadata"]["RetryAttempts"] == 2
    assert statuses(recorded(stub_url, "customer-profiles")) == [500, 500, 500]
