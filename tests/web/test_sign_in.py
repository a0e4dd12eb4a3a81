"""Signing in and out, the GOV.UK error pattern, and django-axes' lockout page."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import TEST_PASSWORD
from tests.web.conftest import in_welsh

SIGN_IN = reverse("accounts:sign-in")


def test_sign_in_page(client, db):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sign in to Victim Care" in html
    assert 'autocomplete="username"' in html
    assert 'type="password"' in html
    assert "govuk-error-summary" not in html


def test_empty_sign_in_names_both_fields(client, db):
    response = client.post(SIGN_IN, {"username": "", "password": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_username">Enter your username</a>' in html
    assert '<a href="#id_password">Enter your password</a>' in html
    assert 'id="id_username-error"' in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_wrong_password_says_what_to_do_without_saying_which(client, officer):
    response = client.post(SIGN_IN, {"username": "officer", "password": "not-the-password"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a correct username and password" in html
    assert "not-the-password" not in html, "a password is never sent back"
    assert 'value="officer"' in html
    assert "_auth_user_id" not in client.session


def test_sign_in_then_sign_out(client, officer):
    response = client.post(SIGN_IN, {"username": "officer", "password": TEST_PASSWORD})
    assert response.status_code == 302
    # The password is the first step; the authenticator app is the second (tests/accounts/test_two_factor.py).
    assert response["Location"] == f"{reverse('accounts:two-factor-set-up')}?next=%2Fcases%2F"
    assert client.session["_auth_user_id"] == str(officer.pk)

    response = client.post(reverse("accounts:sign-out"), follow=True)
    assert response.redirect_chain[-1][0] == SIGN_IN
    assert "_auth_user_id" not in client.session
    assert "You have signed out." in response.content.decode()


def test_sign_in_goes_back_to_the_page_asked_for(client, officer, case):
    detail = reverse("cases:detail", kwargs={"case_id": case.pk})
    response = client.get(detail)
    assert response.status_code == 302
    assert response["Location"] == f"{SIGN_IN}?next={detail}"
    response = client.post(f"{SIGN_IN}?next={detail}", {"username": "officer", "password": TEST_PASSWORD,
                                                        "next": detail})
    assert response["Location"] == f"{reverse('accounts:two-factor-set-up')}?{urlencode({'next': detail})}"


def test_sign_out_needs_a_post(client, officer):
    client.force_login(officer)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("name, kwargs", [
    ("cases:list", {}),
    ("cases:detail", {"case_id": 1}),
    ("cases:record-decision", {"case_id": 1}),
    ("cases:record-informed", {"case_id": 1, "commitment_id": 1}),
    ("cases:access-log", {"case_id": 1}),
])
def test_everything_else_needs_sign_in(client, db, name, kwargs):
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN + "?next=")


def test_repeated_failures_lock_the_username_out(client, officer):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(SIGN_IN, {"username": "officer", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(SIGN_IN, {"username": "officer", "password": "wrong"})
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    html = response.content.decode()
    assert "You cannot sign in for now" in html
    assert f"There were {settings.AXES_FAILURE_LIMIT} unsuccessful attempts" in html
    assert "You can try again in 30 minutes." in html

    # Even the right password is refused while locked out.
    response = client.post(SIGN_IN, {"username": "officer", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_locked_out_page_in_welsh(client, officer):
    in_welsh(client)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(SIGN_IN, {"username": "officer", "password": "wrong"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Ni allwch fewngofnodi am y tro" in html
    assert "You cannot sign in for now" not in html


def test_sign_in_in_welsh(client, db):
    in_welsh(client)
    html = client.post(SIGN_IN, {"username": "", "password": ""}).content.decode()
    assert 'lang="cy"' in html
    for welsh in ("Mewngofnodi", "Rhowch eich enw defnyddiwr", "Mae problem wedi codi", "English"):
        assert welsh in html
    for english in ("Enter your username", "There is a problem", "Sign in to Victim Care"):
        assert english not in html


def test_language_switch_returns_to_the_same_page(client, db):
    response = client.post(reverse("set_language"), {"language": "cy", "next": SIGN_IN})
    assert response.status_code == 302
    assert response["Location"] == SIGN_IN
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "cy"
    assert "Mewngofnodi i Gofal Dioddefwyr" in client.get(SIGN_IN).content.decode()
