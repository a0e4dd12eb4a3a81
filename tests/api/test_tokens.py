"""API tokens: issued to a system by `manage.py create_api_token` (shown once, kept as a hash), scoped,
revocable (`manage.py revoke_api_token`), and checked by the token authentication."""

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import URLPattern, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.helpers import system_account, system_like, token_client, token_for
from victimcare.accounts.models import User
from victimcare.api.models import ApiToken, Scope, TokenFailure
from victimcare.api.tokens import TokenError, issue_token, revoke_token
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.organisations.models import Membership

READ = ["--scope", "cases:read"]


def create_api_token(*args) -> str:
    out = StringIO()
    call_command("create_api_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def revoke_api_token(*args) -> str:
    out = StringIO()
    call_command("revoke_api_token", *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def client_with(text: str, **kwargs) -> APIClient:
    return APIClient(headers={"authorization": f"Token {text}"}, **kwargs)


# --- Issuing ---------------------------------------------------------------------------------------------
def test_creates_a_system_account_and_prints_a_token_kept_only_as_a_hash(unit):
    text = create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", "--role", "supervisor",
                            "--scope", "decisions:write", "--scope", "cases:read")

    user = User.objects.get(username="niche-rms")
    assert user.is_system_account
    assert not user.has_usable_password()
    assert list(user.memberships.values_list("organisation__code", "role")) == [("newport-cid", "supervisor")]
    token = ApiToken.objects.get(user=user)
    assert (token.system, token.scopes, token.expires_at) == ("Niche RMS", ["cases:read", "decisions:write"], None)
    prefix, secret = text.removeprefix("vc_").split("_", 1)
    assert token.prefix == prefix and len(secret) >= 40
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = " ".join(str(value) for value in ApiToken.objects.values_list().get())
    assert secret not in stored


def test_the_role_defaults_to_officer_and_expiry_is_the_end_of_the_day_named(unit):
    create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", *READ, "--expires", "2027-06-30")

    assert Membership.objects.get(user__username="niche-rms").role == Membership.Role.OFFICER
    expires = timezone.localtime(ApiToken.objects.get().expires_at)
    assert (expires.date(), expires.time()) == (dt.date(2027, 7, 1), dt.time(0, 0))


def test_running_it_again_issues_another_token_for_the_same_account(unit, other_unit):
    first = create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", *READ)
    again = create_api_token("Niche RMS", "niche-rms", *READ)
    with_another_unit = create_api_token("Niche RMS", "niche-rms", "--organisation", "caerphilly-cid", *READ)

    assert len({first, again, with_another_unit}) == 3
    assert User.objects.filter(username="niche-rms").count() == 1
    assert Membership.objects.filter(user__username="niche-rms").count() == 2
    for text in (first, again, with_another_unit):
        assert client_with(text).get(reverse("api:case-list")).status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["New", "new-system", *READ], "needs --organisation"),
        (["New", "new-system", "--organisation", "no-such-unit", *READ], "No organisation"),
        (["New", "officer", "--organisation", "newport-cid", *READ], "a person's account"),
        (["New", "new-system", "--role", "officer", *READ], "--role needs --organisation"),
        (["New", "new-system", "--organisation", "newport-cid"], "--scope"),
        (["New", "new-system", "--organisation", "newport-cid", "--scope", "everything"], "invalid choice"),
        (["New", "new-system", "--organisation", "newport-cid", "--role", "chief", *READ], "invalid choice"),
        (["New", "new-system", "--organisation", "newport-cid", *READ, "--expires", "2020-01-01"], "future"),
        (["New", "new-system", "--organisation", "newport-cid", *READ, "--expires", "next week"], "expires"),
        (["  ", "new-system", "--organisation", "newport-cid", *READ], "which system"),
    ],
)
def test_refuses_what_it_should_not_do_and_makes_nothing(officer, args, message):
    with pytest.raises(CommandError, match=message):
        create_api_token(*args)
    assert not ApiToken.objects.exists()
    assert not User.objects.filter(username="new-system").exists()


def test_a_token_acts_only_as_a_system_account(officer):
    with pytest.raises(TokenError, match="system account"):
        issue_token(system="Niche RMS", user=officer, scopes=Scope.values)


# --- Using a token ----------------------------------------------------------------------------------------
def test_a_token_sees_what_its_accounts_membership_allows_and_the_read_is_logged(unit, case):
    text = create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", *READ)

    response = client_with(text).get(reverse("api:case-detail", args=[case.pk]))

    assert response.status_code == 200
    log = CaseAccessLog.objects.get(user__username="niche-rms")
    assert (log.case_id, log.channel) == (case.pk, CaseAccessLog.Channel.API)
    assert ApiToken.objects.get().last_used_at is not None


def test_last_use_is_written_at_most_once_a_minute(unit, case):
    text = create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", *READ)
    client = client_with(text)
    client.get(reverse("api:crime-list"))
    first = ApiToken.objects.get().last_used_at

    client.get(reverse("api:crime-list"))
    assert ApiToken.objects.get().last_used_at == first

    ApiToken.objects.update(last_used_at=first - dt.timedelta(minutes=2))
    client.get(reverse("api:crime-list"))
    assert ApiToken.objects.get().last_used_at > first


def test_a_system_account_of_another_unit_gets_404(other_unit, case):
    text = create_api_token("Other RMS", "other-rms", "--organisation", "caerphilly-cid", *READ)
    client = client_with(text)

    assert client.get(reverse("api:case-detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("api:case-list")).json()["count"] == 0


def test_a_token_records_a_decision_without_csrf(unit, case):
    text = create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", "--scope", "decisions:write")
    client = client_with(text, enforce_csrf_checks=True)

    response = client.post(reverse("api:case-decisions", args=[case.pk]), {"decision": "charged"}, format="json")

    assert response.status_code == 201


@pytest.mark.parametrize(
    "authorization",
    [None, "Token not-a-real-token", "Token ", "Bearer abc", "Token two words", "Token vc_000000000000_nope",
     "Token vc_short_secret", "Token vc_\u00e9\u00e9"],
    ids=["no token", "wrong token", "empty token", "other scheme", "malformed", "unknown prefix", "short prefix",
         "not ascii"],
)
def test_without_a_good_token_it_is_401(unit, case, authorization):
    create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", *READ)
    client = APIClient(headers={"authorization": authorization} if authorization else {})

    for url in [reverse("api:case-list"), reverse("api:case-detail", args=[case.pk])]:
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.headers["WWW-Authenticate"] == "Token"
    assert not CaseAccessLog.objects.filter(action=CaseAccessLog.Action.VIEWED).exists()


def test_the_right_prefix_with_the_wrong_secret_is_401(unit, case):
    text = create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", *READ)
    wrong = text[:-4] + ("aaaa" if not text.endswith("aaaa") else "bbbb")

    response = client_with(wrong).get(reverse("api:case-list"))

    assert response.status_code == 401
    assert response.json()["detail"] == "The token is not valid."
    assert TokenFailure.objects.count() == 1


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda token: revoke_token(token, reason="Replaced"), "The token was revoked."),
        (lambda token: ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now()),
         "The token has expired."),
        (lambda token: User.objects.filter(pk=token.user_id).update(is_active=False),
         "The token's account is deactivated."),
    ],
    ids=["revoked", "expired", "deactivated"],
)
def test_a_token_no_longer_live_is_401_and_says_why(unit, case, spoil, message):
    text = create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", *READ)
    client = client_with(text)
    assert client.get(reverse("api:case-list")).status_code == 200

    spoil(ApiToken.objects.get())
    response = client.get(reverse("api:case-list"))

    assert response.status_code == 401
    assert response.json()["detail"] == message
    assert not TokenFailure.objects.exists(), "not a guess: does not count towards the address's lockout"


# --- Scopes -----------------------------------------------------------------------------------------------
def test_a_token_without_the_decisions_scope_may_read_but_not_record(unit, case):
    client = token_client(system_account(unit, Membership.Role.OFFICER), [Scope.READ_CASES])

    assert client.get(reverse("api:case-detail", args=[case.pk])).status_code == 200
    response = client.post(reverse("api:case-decisions", args=[case.pk]), {"decision": "charged"}, format="json")

    assert response.status_code == 403
    assert response.json()["detail"] == "This token may not do this: it needs the scope decisions:write."
    assert not TimelineEvent.objects.filter(kind=TimelineEvent.Kind.KEY_DECISION).exists()


@pytest.mark.parametrize("name", ["api:case-list", "api:crime-list", "api:commitment-list"])
def test_a_token_without_the_read_scope_may_not_read_cases(unit, case, name):
    client = token_client(system_account(unit, Membership.Role.OFFICER), [Scope.RECORD_DECISIONS])

    response = client.get(reverse(name))

    assert response.status_code == 403
    assert "cases:read" in response.json()["detail"]
    assert not CaseAccessLog.objects.filter(user__is_system_account=True).exists()


def test_shared_cases_need_their_own_scope(partner):
    account = system_like(partner)
    reading_cases = token_client(account, [Scope.READ_CASES])
    reading_shared = token_client(account, [Scope.READ_SHARED_CASES])

    assert reading_cases.get(reverse("api:shared-case-list")).status_code == 403
    assert reading_shared.get(reverse("api:shared-case-list")).status_code == 200
    assert reading_shared.get(reverse("api:case-list")).status_code == 403


def test_scope_errors_are_in_welsh_when_asked(unit, case):
    client = token_client(system_account(unit, Membership.Role.OFFICER), [Scope.RECORD_DECISIONS])

    response = client.get(reverse("api:case-list"), headers={"accept-language": "cy"})

    assert response.status_code == 403
    assert "cases:read" in response.json()["detail"]
    assert "This token" not in response.json()["detail"]


def _api_views():
    for pattern in get_resolver().url_patterns:
        if str(pattern.pattern) == "api/":
            for inner in pattern.url_patterns:
                if isinstance(inner, URLPattern) and hasattr(inner.callback, "cls"):
                    yield inner.name, inner.callback


def test_every_api_endpoint_names_the_scope_a_token_needs():
    views = dict(_api_views())
    assert {"case-list", "case-decisions", "shared-case-detail"} <= set(views)
    for name, callback in views.items():
        if name == "schema":
            continue
        scope = callback.initkwargs.get("token_scope", getattr(callback.cls, "token_scope", None))
        assert scope in Scope.values, name


def test_a_staff_member_signed_in_in_a_browser_is_not_limited_by_scopes(api, officer, case):
    response = api.as_user(officer).post(reverse("api:case-decisions", args=[case.pk]), {"decision": "charged"},
                                         format="json")

    assert response.status_code == 201


def test_the_analysts_token_still_reaches_nothing(analyst, case):
    client = token_client(system_like(analyst))

    assert client.get(reverse("api:case-list")).status_code == 404


# --- Revoking ---------------------------------------------------------------------------------------------
def test_revoke_api_token_revokes_at_once_and_keeps_who_and_why(unit, case, administrator):
    text = create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", *READ)
    prefix = ApiToken.objects.get().prefix

    message = revoke_api_token(prefix, "--reason", "Niche RMS replaced", "--by", "admin")

    assert prefix in message
    token = ApiToken.objects.get()
    assert (token.revoke_reason, token.revoked_by, token.revoked_at is not None) == (
        "Niche RMS replaced", administrator, True)
    assert client_with(text).get(reverse("api:case-list")).status_code == 401


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["000000000000", "--reason", "Lost"], "No token"),
        (["{prefix}", "--reason", "   "], "why"),
        (["{prefix}", "--reason", "Lost", "--by", "nobody"], "No account"),
    ],
)
def test_revoke_api_token_refuses_what_it_cannot_do(unit, args, message):
    create_api_token("Niche RMS", "niche-rms", "--organisation", "newport-cid", *READ)
    prefix = ApiToken.objects.get().prefix

    with pytest.raises(CommandError, match=message):
        revoke_api_token(*[arg.format(prefix=prefix) for arg in args])
    assert ApiToken.objects.get().revoked_at is None


def test_a_token_is_revoked_once(unit):
    account = system_account(unit, Membership.Role.OFFICER)
    token_for(account)
    token = ApiToken.objects.get()
    revoke_token(token, reason="Lost")

    with pytest.raises(TokenError, match="already revoked"):
        revoke_token(token, reason="Lost again")
    assert ApiToken.objects.get().revoke_reason == "Lost"
