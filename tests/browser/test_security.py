"""GOV.UK Frontend's JavaScript still works under the Content Security Policy (no inline script): the
js-enabled marker is set from a file, the error summary takes focus and its links move focus to the field.
Any violation the page reports fails the test (tests/browser/conftest.py)."""

import pytest
from django.urls import reverse

from tests.browser.conftest import sign_in_as, wait_until_loaded

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

