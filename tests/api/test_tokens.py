"""System accounts and their tokens: `manage.py create_api_token`, and token authentication."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from victimcare.accounts.models import User
from victimcare.cases.models import CaseAccessLog
from victimcare.organisations.models import Membership


def create_api_token(*args) -> str:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_creates_a_system_account_with_a_membership_and_prints_its_token(unit):
    key = create_api_token("niche-rms", "--organisation", "newport-cid", "--role", "supervisor")

    user = User.objects.get(username="niche-rms")
    assert user.is_system_account
    assert not user.has_usable_password()
    assert list(user.memberships.values_list("organisation__code", "role")) == [("newport-cid", "supervisor")]
    assert Token.objects.get(user=user).key == key


def test_the_role_defaults_to_officer(unit):
    create_api_token("niche-rms", "--organisation", "newport-cid")

    assert Membership.objects.get(user__username="niche-rms").role == Membership.Role.OFFICER


def test_running_it_again_reuses_the_account_and_token(unit, other_unit):
    first = create_api_token("niche-rms", "--organisation", "newport-cid")
    again = create_api_token("niche-rms")
    with_another_unit = create_api_token("niche-rms", "--organisation", "caerphilly-cid")

    assert first == again == with_another_unit
    assert User.objects.filter(username="niche-rms").count() == 1
    assert Membership.objects.filter(user__username="niche-rms").count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new-system"], "needs --organisation"),
        (["new-system", "--organisation", "no-such-unit"], "No organisation"),
        (["officer", "--organisation", "newport-cid"], "a person's account"),
        (["new-system", "--role", "officer"], "--role needs --organisation"),
    ],
)
def test_refuses_what_it_should_not_do(officer, args, message):
    with pytest.raises(CommandError, match=message):
        create_api_token(*args)
    assert not Token.objects.exists()
    assert not User.objects.filter(username="new-system").exists()


def test_an_unknown_role_is_refused(unit):
    with pytest.raises(CommandError):
        create_api_token("niche-rms", "--organisation", "newport-cid", "--role", "chief")


def test_token_authentication_works_and_sees_what_the_membership_allows(unit, case):
    key = create_api_token("niche-rms", "--organisation", "newport-cid")
    client = APIClient(headers={"authorization": f"Token {key}"})

    response = client.get(reverse("api:case-detail", args=[case.pk]))

    assert response.status_code == 200
    log = CaseAccessLog.objects.get(user__username="niche-rms")
    assert (log.case_id, log.channel) == (case.pk, CaseAccessLog.Channel.API)


def test_a_system_account_of_another_unit_gets_404(other_unit, case):
    key = create_api_token("other-rms", "--organisation", "caerphilly-cid")
    client = APIClient(headers={"authorization": f"Token {key}"})

    assert client.get(reverse("api:case-detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("api:case-list")).json()["count"] == 0


def test_token_can_record_a_decision_without_csrf(unit, case):
    key = create_api_token("niche-rms", "--organisation", "newport-cid")
    client = APIClient(enforce_csrf_checks=True, headers={"authorization": f"Token {key}"})

    response = client.post(reverse("api:case-decisions", args=[case.pk]), {"decision": "charged"}, format="json")

    assert response.status_code == 201


@pytest.mark.parametrize(
    "authorization",
    [None, "Token not-a-real-token", "Token ", "Bearer abc", "Token two words"],
    ids=["no token", "wrong token", "empty token", "other scheme", "malformed"],
)
def test_without_a_good_token_it_is_401(unit, case, authorization):
    create_api_token("niche-rms", "--organisation", "newport-cid")
    client = APIClient(headers={"authorization": authorization} if authorization else {})

    for url in [reverse("api:case-list"), reverse("api:case-detail", args=[case.pk])]:
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.headers["WWW-Authenticate"] == "Token"
    assert not CaseAccessLog.objects.filter(action=CaseAccessLog.Action.VIEWED).exists()


def test_a_token_of_a_deactivated_account_is_401(unit, case):
    key = create_api_token("niche-rms", "--organisation", "newport-cid")
    User.objects.filter(username="niche-rms").update(is_active=False)
    client = APIClient(headers={"authorization": f"Token {key}"})

    assert client.get(reverse("api:case-list")).status_code == 401
