"""Limits on token authentication: an address that keeps sending bad tokens is locked out (429, counted in the
database), and each token has a request rate (DRF throttling, settings REST_FRAMEWORK)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from tests.api.helpers import system_account, token_for
from victimcare.api.models import TokenFailure
from victimcare.api.tokens import locked_until
from victimcare.organisations.models import Membership

LOCKOUT = {"failures": 3, "window_minutes": 15, "cooloff_minutes": 15}
ATTACKER, OTHER = "203.0.113.7", "198.51.100.20"


@pytest.fixture
def good_token(unit):
    return token_for(system_account(unit, Membership.Role.OFFICER))


def get(token: str, ip: str):
    return APIClient(REMOTE_ADDR=ip, headers={"authorization": f"Token {token}"}).get(reverse("api:case-list"))


@override_settings(API_TOKEN_LOCKOUT=LOCKOUT)
def test_an_address_sending_bad_tokens_is_locked_out_even_with_a_good_one(good_token):
    for attempt in range(3):
        assert get(f"vc_00000000000{attempt}_guess", ATTACKER).status_code == 401

    refused = get(good_token, ATTACKER)

    assert refused.status_code == 429
    assert refused.json()["detail"].startswith(
        "Too many tries with a token that did not work from this address. Try again later.")
    assert 14 * 60 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert TokenFailure.objects.filter(ip=ATTACKER).count() == 3, "refused before the token is looked at"
    assert get(good_token, OTHER).status_code == 200, "another address is not affected"


@override_settings(API_TOKEN_LOCKOUT=LOCKOUT)
def test_the_lockout_lifts_after_the_cool_off(good_token):
    long_ago = timezone.now() - dt.timedelta(minutes=16)
    TokenFailure.objects.bulk_create([TokenFailure(ip=ATTACKER, at=long_ago) for _ in range(3)])

    assert get(good_token, ATTACKER).status_code == 200


@override_settings(API_TOKEN_LOCKOUT=LOCKOUT)
def test_failures_spread_wider_than_the_window_do_not_lock(db):
    now = timezone.now()
    TokenFailure.objects.bulk_create([
        TokenFailure(ip=ATTACKER, at=now - dt.timedelta(minutes=20)),
        TokenFailure(ip=ATTACKER, at=now - dt.timedelta(minutes=2)),
        TokenFailure(ip=ATTACKER, at=now - dt.timedelta(minutes=1)),
    ])

    assert locked_until(ATTACKER, at=now) is None
    TokenFailure.objects.create(ip=ATTACKER, at=now)
    assert locked_until(ATTACKER, at=now) == now + dt.timedelta(minutes=15)


@override_settings(API_TOKEN_LOCKOUT=LOCKOUT)
def test_the_failures_are_counted_in_the_database_whichever_server_saw_them(good_token):
    """Several web servers behind a proxy: a failure another server recorded counts here too."""
    TokenFailure.objects.bulk_create([TokenFailure(ip=ATTACKER) for _ in range(3)])

    assert get(good_token, ATTACKER).status_code == 429


def address_from_proxy_header(request):
    return request.META.get("HTTP_X_CLIENT", request.META["REMOTE_ADDR"])


@override_settings(API_TOKEN_LOCKOUT=LOCKOUT, AXES_CLIENT_IP_CALLABLE=address_from_proxy_header)
def test_the_address_is_resolved_as_for_staff_sign_in(good_token):
    client = APIClient(REMOTE_ADDR="10.0.0.5", headers={"x-client": ATTACKER})
    for _ in range(3):
        client.get(reverse("api:case-list"), headers={"authorization": "Token vc_000000000000_guess"})

    assert list(TokenFailure.objects.values_list("ip", flat=True).distinct()) == [ATTACKER]
    assert get(good_token, "10.0.0.5").status_code == 200, "the proxy itself is not locked out"


@pytest.fixture
def two_a_minute():
    cache.clear()
    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "api_token": "2/minute"}
    from django.conf import settings

    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        yield
    cache.clear()


def test_each_token_has_its_own_request_rate(unit, two_a_minute, api, officer):
    account = system_account(unit, Membership.Role.OFFICER)
    first, second = token_for(account), token_for(account)

    answers = [get(first, OTHER).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert get(second, OTHER).status_code == 200, "another token has its own count"
    staff = api.as_user(officer)
    assert [staff.get(reverse("api:case-list")).status_code for _ in range(3)] == [200, 200, 200], (
        "staff signed in with a session are not throttled by token")


@override_settings(API_TOKEN_LOCKOUT=LOCKOUT)
def test_failures_too_old_to_matter_are_forgotten(db):
    now = timezone.now()
    TokenFailure.objects.create(ip=OTHER, at=now - dt.timedelta(minutes=31))
    kept = TokenFailure.objects.create(ip=OTHER, at=now - dt.timedelta(minutes=29))

    get("vc_000000000000_guess", ATTACKER)

    assert set(TokenFailure.objects.values_list("ip", flat=True)) == {OTHER, ATTACKER}
    assert TokenFailure.objects.filter(ip=OTHER).get() == kept
