"""Staff sessions end after SESSION_IDLE_MINUTES unused and SESSION_COOKIE_AGE after signing in; "sign out
everywhere" ends every session of the user."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.conftest import in_welsh
from victimcare.accounts import sessions

CASES = reverse("cases:list")
SIGN_IN = reverse("accounts:sign-in")


def _age(client, **seconds_ago):
    session = client.session
    now = timezone.now().timestamp()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_signing_in_starts_both_clocks(client, officer):
    client.force_login(officer)
    session = client.session
    assert abs(session[sessions.SIGNED_IN_AT] - timezone.now().timestamp()) < 5
    assert session[sessions.SEEN_AT] == session[sessions.SIGNED_IN_AT]


def test_an_idle_session_ends_with_a_clear_message(client, officer, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(officer)
    _age(client, **{sessions.SEEN_AT: 30 * 60 + 5})
    response = client.get(CASES)
    assert response["Location"] == f"{SIGN_IN}?next=%2Fcases%2F"
    assert "_auth_user_id" not in client.session
    html = client.get(response["Location"]).content.decode()
    assert "You were signed out because you were inactive for 30 minutes." in html


def test_the_idle_time_is_configurable_and_activity_keeps_the_session(client, officer, settings):
    settings.SESSION_IDLE_MINUTES = 10
    client.force_login(officer)
    _age(client, **{sessions.SEEN_AT: 9 * 60})
    assert client.get(CASES).status_code == 200
    assert timezone.now().timestamp() - client.session[sessions.SEEN_AT] < 5, "seen again"
    _age(client, **{sessions.SEEN_AT: 10 * 60 + 1})
    assert client.get(CASES).status_code == 302


def test_a_busy_request_does_not_write_the_session_every_time(client, officer):
    client.force_login(officer)
    before = client.session[sessions.SEEN_AT]
    client.get(CASES)
    assert client.session[sessions.SEEN_AT] == before, "written at most once a minute"


def test_a_session_ends_at_the_absolute_limit_however_busy(client, officer, settings):
    settings.SESSION_COOKIE_AGE = 8 * 60 * 60
    client.force_login(officer)
    _age(client, **{sessions.SIGNED_IN_AT: 8 * 60 * 60 + 1, sessions.SEEN_AT: 10})
    response = client.get(CASES, follow=True)
    assert response.redirect_chain[0][0].startswith(SIGN_IN)
    assert "You were signed out because you signed in more than 8 hours ago" in response.content.decode()


def test_the_message_in_welsh(client, officer):
    client.force_login(officer)
    _age(client, **{sessions.SEEN_AT: 31 * 60})
    in_welsh(client)
    html = client.get(CASES, follow=True).content.decode()
    assert "Cawsoch eich allgofnodi am nad oeddech wedi gwneud dim am 30 munud." in html


def test_the_api_after_the_idle_time_is_not_signed_in(client, officer):
    client.force_login(officer)
    _age(client, **{sessions.SEEN_AT: 31 * 60})
    assert client.get("/api/cases/").status_code in (401, 403)


def test_a_victims_portal_session_is_not_a_staff_session(client, db):
    session = client.session
    session["portal_case_id"] = 1
    session.save()
    assert client.get(reverse("portal:start")).status_code in (200, 302)
    assert sessions.SEEN_AT not in client.session


def test_sign_out_everywhere_ends_every_session(officer, colleague):
    here, elsewhere, someone_else = Client(), Client(), Client()
    here.force_login(officer)
    elsewhere.force_login(officer)
    someone_else.force_login(colleague)
    response = here.post(reverse("accounts:sign-out-everywhere"), follow=True)
    assert "You have signed out on every device." in response.content.decode()
    assert elsewhere.get(CASES)["Location"].startswith(SIGN_IN)
    assert here.get(CASES)["Location"].startswith(SIGN_IN)
    assert someone_else.get(CASES).status_code == 200


@pytest.mark.parametrize("method", ["get"])
def test_sign_out_everywhere_needs_a_post(client, officer, method):
    client.force_login(officer)
    assert client.get(reverse("accounts:sign-out-everywhere")).status_code == 405
