"""The administrators' API tokens pages in a browser, in English and Welsh: an administrator issues a token
(first with a mistake, then right), sees it once, finds it in the list without its secret and revokes it with a
reason. Every page looks like GOV.UK and axe-core finds no serious or critical violation."""

import pytest
from django.urls import reverse

from tests.api.helpers import system_account
from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from victimcare.api.models import ApiToken
from victimcare.organisations.models import Membership

pytestmark = pytest.mark.browser


def checked(page, language: str, name: str) -> None:
    screenshot(page, f"api-tokens-{name}-{language}")
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"API tokens: {name} ({language})")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_administrator_issues_and_revokes_a_token(page, context, live_server, administrator, unit, language):
    system_account(unit, Membership.Role.OFFICER, username="niche-rms")
    use_language(context, live_server, language)
    sign_in_as(context, live_server, administrator)

    page.goto(reverse("api-tokens:list"))
    checked(page, language, "empty-list")
    page.locator("main a.govuk-button").click()
    page.wait_for_url(f"**{reverse('api-tokens:issue')}")
    checked(page, language, "issue")

    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")
    checked(page, language, "issue-errors")
    assert page.locator(".govuk-error-message").count() == 3  # system, account, scopes

    page.fill("#id_system", "Niche RMS")
    page.select_option("#id_account", label="niche-rms")
    page.check("#id_scopes")
    page.fill("#id_expires", "30/6/2099")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-panel--confirmation")
    checked(page, language, "issued")
    text = page.locator("#token").inner_text()
    token = ApiToken.objects.get()
    assert text.startswith(f"vc_{token.prefix}_")

    page.goto(reverse("api-tokens:list"))
    assert text not in page.content()
    checked(page, language, "list")
    page.locator("main td a.govuk-link").click()
    page.wait_for_url(f"**{reverse('api-tokens:revoke', kwargs={'token_id': token.pk})}")
    checked(page, language, "revoke")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")
    checked(page, language, "revoke-errors")
    page.fill("#id_reason", "Niche RMS replaced")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**{reverse('api-tokens:list')}")
    checked(page, language, "revoked")
    token.refresh_from_db()
    assert token.revoke_reason == "Niche RMS replaced"
