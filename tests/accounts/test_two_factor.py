"""Two-factor sign-in for staff, through the real pages (no force_login shortcut): setting up an authenticator
app, the recovery codes, the code step, what an unfinished sign-in may reach, and the limits on wrong codes."""

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import (
    CODE,
    SET_UP,
    SIGN_IN,
    code_for,
    key_from_secret_text,
    next_of,
    set_up_authenticator,
    sign_in_with_password,
)
from tests.factories import TEST_PASSWORD
from tests.web.conftest import in_welsh
from victimcare.accounts import two_factor
from victimcare.accounts.middleware import usable_before_two_factor
from victimcare.cases.models import TimelineEvent

pytestmark = pytest.mark.usefixtures("real_two_factor")
CASES = reverse("cases:list")


def test_first_sign_in_sets_up_the_app_shows_recovery_codes_once_then_the_cases(client, officer):
    response = sign_in_with_password(client, "officer")
    assert response["Location"] == f"{SET_UP}?next=%2Fcases%2F"
    assert client.get(CASES)["Location"].startswith(SET_UP), "no staff page before the second step"

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "Set up your authenticator app" in html
    assert "<svg" in html and "<title>QR code to scan with your authenticator app</title>" in html
    main = html.split("<main")[1].split("</main>")[0]
    assert "<script" not in main and "data:" not in main and "style=" not in main
    device = TOTPDevice.objects.get(user=officer, confirmed=False)
    assert key_from_secret_text(page.context["secret"]) == device.key, "the typed-in secret is the QR code's"
    assert client.get(SET_UP).context["secret"] == page.context["secret"], "the same secret until confirmed"

    wrong = client.post(SET_UP, {"code": "000000" if code_for(device) != "000000" else "111111", "next": "/cases/"})
    assert wrong.status_code == 200
    assert "The code is not right" in wrong.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    done = client.post(SET_UP, {"code": code_for(device), "next": "/cases/"})
    assert done["Location"] == reverse("accounts:recovery-codes")
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id

    codes_page = client.get(reverse("accounts:recovery-codes"))
    codes = codes_page.context["codes"]
    assert len(codes) == two_factor.RECOVERY_CODES == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))
    assert "This is the only time you will see these codes" in codes_page.content.decode()
    assert codes_page.context["after"] == "/cases/"
    assert client.get(reverse("accounts:recovery-codes"))["Location"] == reverse("accounts:account"), "shown once"
    assert client.get(CASES).status_code == 200


def test_with_an_app_the_second_step_asks_for_its_code_and_keeps_next(client, officer, case):
    key, _codes = set_up_authenticator(client, officer)
    client.post(reverse("accounts:sign-out"))
    detail = reverse("cases:detail", kwargs={"case_id": case.pk})

    response = sign_in_with_password(client, "officer", detail)
    assert response["Location"].startswith(CODE)
    assert next_of(response["Location"]) == detail
    page = client.get(response["Location"])
    assert "Enter the code from your authenticator app" in page.content.decode()
    response = client.post(CODE, {"code": code_for(key, steps_ahead=1), "next": detail})
    assert response["Location"] == detail
    assert client.get(detail).status_code == 200


def test_a_code_from_another_site_is_not_followed(client, officer):
    key, _codes = set_up_authenticator(client, officer)
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, "officer")
    response = client.post(CODE, {"code": code_for(key, steps_ahead=1), "next": "https://evil.example/"})
    assert response["Location"] == CASES


def test_a_recovery_code_signs_in_once(client, officer):
    _key, codes = set_up_authenticator(client, officer)
    client.post(reverse("accounts:sign-out"))

    sign_in_with_password(client, "officer")
    response = client.post(CODE, {"code": codes[0].upper()[:4] + " " + codes[0][4:]}, follow=True)
    assert response.redirect_chain[-1][0] == CASES
    assert "You signed in with a recovery code" in response.content.decode()
    assert "you have 9 left" in response.content.decode()
    client.post(reverse("accounts:sign-out"))

    sign_in_with_password(client, "officer")
    response = client.post(CODE, {"code": codes[0]})
    assert response.status_code == 200
    assert "The code is not right" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


@pytest.mark.parametrize("code, error", [
    ("", "Enter the code from your authenticator app"),
    ("12345", "Enter the 6-digit code from your authenticator app, or a recovery code"),
    ("12ab56", "Enter the 6-digit code from your authenticator app, or a recovery code"),
    ("<script>alert(1)</script>", "Enter the 6-digit code from your authenticator app, or a recovery code"),
])
def test_a_malformed_code_names_the_field_and_counts_as_nothing(client, officer, code, error):
    set_up_authenticator(client, officer)
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, "officer")
    response = client.post(CODE, {"code": code})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="#id_code">{error}' in html
    assert "<script>alert" not in html
    assert not AccessAttempt.objects.exists()


def test_wrong_codes_are_slowed_down_by_django_otp(client, officer):
    key, _codes = set_up_authenticator(client, officer)
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, "officer")
    right = code_for(key, steps_ahead=1)
    wrong = "123456" if right != "123456" else "654321"
    assert "The code is not right" in client.post(CODE, {"code": wrong}).content.decode()
    # At once, even the right code is not checked: the device waits (1 second after one failure, then 2, 4...).
    response = client.post(CODE, {"code": right})
    assert "Wait a few seconds, then try again" in response.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session
    assert TOTPDevice.objects.get(user=officer).throttling_failure_count == 1


@pytest.fixture
def no_throttle(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _wrong_code(key):
    right = {code_for(key, steps_ahead=n) for n in (-1, 0, 1, 2)}
    return next(code for code in ("123456", "234567", "345678", "456789", "567890") if code not in right)


def test_five_wrong_codes_sign_out_and_lock_the_username_out(client, officer, no_throttle):
    key, _codes = set_up_authenticator(client, officer)
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, "officer")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(CODE, {"code": _wrong_code(key)})
        assert response.status_code == 200
    response = client.post(CODE, {"code": _wrong_code(key)})
    assert response.status_code == 429
    assert "You cannot sign in for now" in response.content.decode()
    assert "_auth_user_id" not in client.session, "signed out"
    # Not even the right password and code get in now.
    assert sign_in_with_password(client, "officer").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_does_not_clear_wrong_codes(client, officer, no_throttle):
    key, _codes = set_up_authenticator(client, officer)
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, "officer")
    for _attempt in range(3):
        client.post(CODE, {"code": _wrong_code(key)})
    client.post(reverse("accounts:sign-out"))
    assert sign_in_with_password(client, "officer").status_code == 302  # 3 failures so far: not locked
    client.post(CODE, {"code": _wrong_code(key)})
    assert client.post(CODE, {"code": _wrong_code(key)}).status_code == 429


def test_the_session_limit_signs_out_even_when_axes_allows_more(client, officer, no_throttle, settings):
    settings.AXES_FAILURE_LIMIT = 50
    key, _codes = set_up_authenticator(client, officer)
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, "officer")
    for _attempt in range(two_factor.WRONG_CODES_ALLOWED - 1):
        assert client.post(CODE, {"code": _wrong_code(key)}).status_code == 200
    response = client.post(CODE, {"code": _wrong_code(key)}, follow=True)
    assert response.redirect_chain[-1][0] == SIGN_IN
    assert "You entered a wrong code too many times" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_complete_sign_in_clears_the_failures(client, officer, no_throttle):
    key, _codes = set_up_authenticator(client, officer)
    client.post(reverse("accounts:sign-out"))
    client.post(SIGN_IN, {"username": "officer", "password": "wrong"})
    sign_in_with_password(client, "officer")
    client.post(CODE, {"code": _wrong_code(key)})
    assert AccessAttempt.objects.get().failures_since_start == 2
    client.post(CODE, {"code": code_for(key, steps_ahead=1)})
    assert not AccessAttempt.objects.exists()


# --- What an unfinished sign-in reaches ----------------------------------------------------------------
@pytest.mark.parametrize("name, kwargs", [
    ("cases:list", {}), ("worklists:my-cases", {}), ("accounts:account", {}), ("accounts:users", {}),
    ("admin:index", {}), ("monitoring:overview", {}),
])
def test_every_staff_page_waits_for_the_second_step(client, administrator, name, kwargs):
    sign_in_with_password(client, "admin")
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(SET_UP)
    assert next_of(response["Location"]) == url


def test_a_post_waits_too_and_changes_nothing(client, officer, case):
    sign_in_with_password(client, "officer")
    url = reverse("cases:record-decision", kwargs={"case_id": case.pk})
    response = client.post(url, {"decision": "charged", "tell_victim": "x"})
    assert response["Location"] == SET_UP
    assert not TimelineEvent.objects.filter(crime=case.crime, kind="key_decision").exists()


def test_signing_out_the_language_switch_and_the_portal_work_before_the_second_step(client, officer):
    sign_in_with_password(client, "officer")
    assert client.post(reverse("set_language"), {"language": "cy", "next": SIGN_IN})["Location"] == SIGN_IN
    assert client.get(reverse("portal:start")).status_code == 200
    assert client.post(reverse("accounts:sign-out"))["Location"] == SIGN_IN
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("path, usable", [
    ("/health/ready/", True), ("/metrics", True), (f"/{settings.STATIC_URL.strip('/')}/build/application.css", True),
    ("/portal/", True), ("/portal/staff/1/messages/2/reply/", False), ("/cases/", False),
])
def test_what_is_exempt_by_path(path, usable):
    from django.urls import ResolverMatch

    request = RequestFactory().get(path)
    namespace = "portal" if path.startswith("/portal/") else ""
    url_name = "staff-reply" if "staff" in path else "start"
    match = ResolverMatch(lambda r: None, (), {}, url_name=url_name, namespaces=[namespace] if namespace else [])
    assert usable_before_two_factor(request, match) is usable


def test_the_api_refuses_a_session_before_the_second_step(client, officer):
    sign_in_with_password(client, "officer")
    assert client.get("/api/cases/").status_code in (401, 403)
    client.get(SET_UP)
    key = TOTPDevice.objects.get(user=officer).key
    client.post(SET_UP, {"code": code_for(key)})
    assert client.get("/api/cases/").status_code == 200


def test_the_set_up_and_code_pages_in_welsh(client, officer):
    in_welsh(client)
    sign_in_with_password(client, "officer")
    html = client.get(SET_UP).content.decode()
    assert "Gosod eich ap dilysu" in html
    assert "Set up your authenticator app" not in html
    key = TOTPDevice.objects.get(user=officer).key
    client.post(SET_UP, {"code": code_for(key)})
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, "officer")
    html = client.get(CODE).content.decode()
    assert "Rhowch y cod o\N{RIGHT SINGLE QUOTATION MARK}ch ap dilysu" in html
    assert "Enter the code from your authenticator app" not in html


def test_the_pages_stay_within_their_queries(client, officer, django_assert_max_num_queries):
    sign_in_with_password(client, "officer")
    with django_assert_max_num_queries(8):
        assert client.get(SET_UP).status_code == 200
    key = TOTPDevice.objects.get(user=officer).key
    client.post(SET_UP, {"code": code_for(key)})
    with django_assert_max_num_queries(8):
        assert client.get(reverse("accounts:recovery-codes")).status_code == 200
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, "officer")
    with django_assert_max_num_queries(8):
        assert client.get(CODE).status_code == 200


def test_secret_text_is_base32_in_groups_of_four(officer):
    device = TOTPDevice.objects.create(user=officer, key="00" * 20, confirmed=False)
    assert re.fullmatch(r"(A{4} ){7}A{4}", two_factor.secret_text(device))


def test_a_second_client_is_not_verified_by_the_first(officer):
    first, second = Client(), Client()
    set_up_authenticator(first, officer)
    second.post(SIGN_IN, {"username": "officer", "password": TEST_PASSWORD})
    assert second.get(CASES)["Location"].startswith(CODE)


def test_the_sign_in_page_sends_a_finished_sign_in_to_the_start_page(client, officer):
    set_up_authenticator(client, officer)
    assert client.get(SIGN_IN)["Location"] == CASES
    client.post(reverse("accounts:sign-out"))
    sign_in_with_password(client, "officer")
    assert client.get(SIGN_IN)["Location"].startswith(CODE), "not yet past the second step"
