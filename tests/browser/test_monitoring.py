"""The Commissioner's dashboards in a browser, in English and Welsh: every page looks like GOV.UK and axe-core
finds no serious or critical violation, with the known dataset's figures (tests/monitoring/conftest.py) and
a filter error. Screenshots are saved for review."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from tests.monitoring.conftest import known  # noqa: F401 (the known dataset, a fixture)
from tests.monitoring.plenty import add_plenty

pytestmark = pytest.mark.browser

YEAR_2026 = {"start_month": "1", "start_year": "2026", "end_month": "12", "end_year": "2026"}

PAGES = {
    "overview": ("overview", {}, {"en": "Commitments by charter standard", "cy": "Ymrwymiadau yn ôl safon y siarter"}),
    "compliance": ("compliance", {"by": "area"}, {"en": "Commitments by local authority",
                                                  "cy": "Ymrwymiadau yn ôl awdurdod lleol"}),
    "fairness": ("fairness", {"characteristic": "age_band"}, {"en": "On time by age", "cy": "Mewn pryd yn ôl oed"}),
    "satisfaction": ("satisfaction", {"by": "updates"}, {"en": "Are victims whose updates were on time more satisfied?",
                                                         "cy": "A yw dioddefwyr"}),
    "quarterly-return": ("quarterly-return", {"year": "2026", "quarter": "2"},
                         {"en": "Download the report in Welsh (PDF)", "cy": "Lawrlwytho'r adroddiad yn Gymraeg (PDF)"}),
    "errors": ("compliance", {"start_month": "6", "start_year": "2026", "end_month": "3", "end_year": "2026"},
               {"en": "The last month must be the same as or after the first month",
                "cy": "Rhaid i'r mis olaf fod yr un fath â'r mis cyntaf neu ar ei ôl"}),
}


@pytest.fixture
def plenty(unit, officer, call_handler):
    """Enough cases that the figures are shown, not withheld, and the charts have bars."""
    return add_plenty(unit, officer, call_handler)


def _url(name, query):
    full = {**YEAR_2026, **query} if name != "quarterly-return" else query
    return f"{reverse(f'monitoring:{name}')}?{urlencode(full)}"


@pytest.mark.usefixtures("known", "plenty")
@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page(page, context, live_server, analyst, name, language):
    url_name, query, expected = PAGES[name]
    use_language(context, live_server, language)
    sign_in_as(context, live_server, analyst)
    page.goto(_url(url_name, query))
    screenshot(page, f"monitoring-{name}-{language}")
    assert expected[language] in page.locator("main").inner_text()
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"monitoring {name} ({language})")


@pytest.mark.usefixtures("known", "plenty")
def test_filters_and_breakdowns_by_hand(page, context, live_server, analyst):
    """The analyst narrows the overview to Newport, then follows a breakdown: the filters go with them."""
    sign_in_as(context, live_server, analyst)
    page.goto(reverse("home"))
    page.wait_for_url(f"**{reverse('monitoring:overview')}")
    page.get_by_label("Month").first.fill("1")
    page.get_by_label("Year").first.fill("2026")
    page.get_by_label("Local authority").select_option(label="Newport")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**area=W06000022**")
    assert "Torfaen" not in page.locator("#table-1").inner_text()
    page.get_by_role("link", name="Crime category").first.click()
    page.wait_for_url("**by=category**")
    table = page.locator("#table-1").inner_text()
    assert "Violence and sexual offences" in table and "Burglary" not in table
    assert page.get_by_label("Local authority").input_value() == "W06000022"
