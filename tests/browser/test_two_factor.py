"""Two-factor sign-in in a browser, English and Welsh: the set-up page (QR code and key), the code page, the
recovery codes, Your account and an administrator's reset look like GOV.UK and pass axe; the whole first sign-in
(password, authenticator app set up with a code computed from the key on the page, recovery codes, the cases); a
sign-in with a recovery code; an administrator resetting an officer, whose session then ends."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.helpers import code_for, set_up_app_in_browser
from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
from tests.factories import TEST_PASSWORD
from victimcare.accounts import two_factor

pytestmark = pytest.mark.browser


def sign_in_with_password(page, username: str) -> None:
    page.goto(reverse("accounts:sign-in"))
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/sign-in/**")


def check(page, name, language, expected):
    screenshot(page, f"{name}-{language}")
    assert expected in page.locator("main").inner_text()
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")


Q = "\N{RIGHT SINGLE QUOTATION MARK}"
WORDS = {
    "en": {"set-up": "Set up your authenticator app", "wrong": "The code is not right",
           "codes": "Your recovery codes", "cases": "Cases", "code": "Enter the code from your authenticator app",
           "format": "Enter the 6-digit code from your authenticator app", "account": "Your account",
           "users": "Users' two-factor authentication", "reset": "Reset two-factor authentication",
           "reason": "Enter why you are resetting two-factor authentication",
           "done": "Two-factor authentication reset"},
    "cy": {"set-up": "Gosod eich ap dilysu", "wrong": f"Nid yw{Q}r cod yn gywir", "codes": "Eich codau adfer",
           "cases": "Achosion", "code": f"Rhowch y cod o{Q}ch ap dilysu",
           "format": f"Rhowch y cod 6 digid o{Q}ch ap dilysu",
           "account": "Eich cyfrif", "users": "Dilysu dau gam defnyddwyr", "reset": "Ailosod dilysu dau gam",
           "reason": "Rhowch y rheswm dros ailosod dilysu dau gam", "done": f"Mae dilysu dau gam wedi{Q}i ailosod"},
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_first_sign_in_sets_up_the_app_then_shows_the_codes_then_the_cases(page, context, live_server, scene,
                                                                          officer, language):
    words = WORDS[language]
    use_language(context, live_server, language)
    page.goto("/")
    sign_in_with_password(page, "officer")
    assert "/sign-in/set-up/" in page.url
    assert page.locator("main svg[role=img] title").count() == 1, "the QR code, drawn as SVG"
    check(page, "two-factor-set-up", language, words["set-up"])

    page.fill("#id_code", "12")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector(".govuk-error-summary")
    check(page, "two-factor-set-up-error", language, words["format"])

    set_up_app_in_browser(page)
    codes = page.locator(".app-recovery-codes li").all_inner_texts()
    assert len(codes) == two_factor.RECOVERY_CODES
    check(page, "recovery-codes", language, words["codes"])
    page.locator("main a.govuk-button").click()
    page.wait_for_url("**/cases/")
    assert page.get_by_role("heading", level=1).inner_text() == words["cases"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_sign_in_with_the_app_or_a_recovery_code(page, context, live_server, scene, officer, language):
    words = WORDS[language]
    use_language(context, live_server, language)
    sign_in_with_password(page, "officer")
    key = set_up_app_in_browser(page)
    codes = page.locator(".app-recovery-codes li").all_inner_texts()
    page.locator("form[action$='/sign-out/'] button").first.click()

    sign_in_with_password(page, "officer")
    assert page.url.endswith("/sign-in/code/?next=%2Fcases%2F")
    check(page, "two-factor-code", language, words["code"])
    page.fill("#id_code", "0" * 6 if code_for(key, steps_ahead=1) != "0" * 6 else "1" * 6)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector(".govuk-error-summary")
    check(page, "two-factor-code-error", language, words["wrong"])
    TOTPDevice.objects.filter(user=officer).update(throttling_failure_count=0, throttling_failure_timestamp=None)

    page.fill("#id_code", codes[0].strip())
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/cases/")
    assert "9" in page.locator(".govuk-notification-banner").inner_text()
    check(page, "signed-in-with-recovery-code", language, words["cases"])


@pytest.mark.parametrize("language", ["en", "cy"])
def test_your_account(page, context, live_server, scene, officer, language):
    use_language(context, live_server, language)
    sign_in_as(context, live_server, officer)
    page.goto(reverse("accounts:account"))
    check(page, "your-account", language, WORDS[language]["account"])
    page.locator("form[action$='/recovery-codes/new/'] button").click()
    page.wait_for_url("**/account/recovery-codes/")
    assert page.locator(".app-recovery-codes li").count() == two_factor.RECOVERY_CODES


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_administrator_resets_an_officers_two_factor(browser, page, context, live_server, scene, officer,
                                                       administrator, language):
    words = WORDS[language]
    theirs = browser.new_context(base_url=live_server.url)
    try:
        sign_in_as(theirs, live_server, officer)
        their_page = theirs.new_page()
        their_page.goto(reverse("cases:list"))
        assert "/cases/" in their_page.url

        use_language(context, live_server, language)
        sign_in_as(context, live_server, administrator)
        page.goto(reverse("accounts:account"))
        page.locator(f"main a[href='{reverse('accounts:users')}']").click()
        page.wait_for_url("**/account/users/")
        page.fill("#id_q", "Olwen")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/account/users/?q=Olwen")
        check(page, "two-factor-users", language, words["users"])

        page.locator(f"main a[href='{reverse('accounts:reset-two-factor', kwargs={'username': 'officer'})}']").click()
        page.wait_for_url("**/reset-two-factor/")
        page.locator("main form button[type=submit]").click()
        page.wait_for_selector(".govuk-error-summary")
        check(page, "two-factor-reset-error", language, words["reason"])
        page.fill("#id_reason", "Lost phone; called back on the desk number")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url("**/account/users/")
        check(page, "two-factor-reset-done", language, words["done"])
        assert "Lost phone; called back on the desk number" in page.locator("main").inner_text()

        their_page.goto(reverse("cases:list"))
        assert "/sign-in/" in their_page.url, "their session ended"
        assert not TOTPDevice.objects.filter(user=officer).exists()
    finally:
        theirs.close()
