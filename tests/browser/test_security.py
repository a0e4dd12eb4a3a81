"""GOV.UK Frontend's JavaScript still works under the Content Security Policy (no inline script): the
js-enabled marker is set from a file, the error summary takes focus and its links move focus to the field.
Any violation the page reports fails the test (tests/browser/conftest.py)."""

import pytest
from django.urls import reverse

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
    wait_until_loaded,
)

pytestmark = pytest.mark.browser


def test_govuk_javascript_runs_under_the_policy(page, context, live_server, officer, scene):
    sign_in_as(context, live_server, officer)
    response = page.goto(reverse("cases:close", kwargs={"case_id": scene["case"].pk}))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    classes = page.locator("body").get_attribute("class").split()
    assert {"js-enabled", "govuk-frontend-supported"} <= set(classes)

    page.get_by_role("button", name="Close the case").click()
    wait_until_loaded(page)
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    # GOV.UK's ErrorSummary component moves focus to the summary when it is initialised.
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('govuk-error-summary')")
    page.locator(".govuk-error-summary__list a").first.click()
    assert page.evaluate("document.activeElement.type") == "radio"



@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_not_found_page(page, context, live_server, officer, language):
    sign_in_as(context, live_server, officer)
    use_language(context, live_server, language)
    response = page.goto("/cases/999999/")
    assert response.status == 404
    heading = {"en": "Page not found", "cy": "Heb ddod o hyd i'r dudalen"}[language]
    assert page.get_by_role("heading", level=1).inner_text() == heading
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"not found ({language})")
    screenshot(page, f"security-not-found-{language}")
