"""The worklists in a browser, in English and in Welsh: my cases, the team view and reassigning a case
(with its errors and its success banner). axe-core and the GOV.UK look on every page; screenshots saved."""

import pytest
from django.urls import reverse

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
from tests.worklists.conftest import officers_owing, owe
from victimcare.charter.rules import CommitmentKind

pytestmark = pytest.mark.browser

TEXT = {
    "en": {"my_cases": "My cases", "team": "Team", "reassign": "Reassign the case", "late": "late",
           "error": "Select the officer to give the case to", "done": "is now with Gareth Lewis",
           "showing": "Showing the 20 officers with the most overdue", "all_officers": "Show all officers"},
    "cy": {"my_cases": "Fy achosion", "team": "Tîm", "reassign": "Ailbennu'r achos", "late": "yn hwyr",
           "error": "Dewiswch y swyddog i roi'r achos iddo", "done": "gyda Gareth Lewis bellach",
           "showing": "Yn dangos yr 20 swyddog sydd â'r nifer fwyaf o ymrwymiadau hwyr",
           "all_officers": "Dangos pob swyddog"},
}


def checked(page, name: str, language: str) -> None:
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")
    screenshot(page, f"worklists-{name}-{language}")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_worklists(page, context, live_server, personas, scene, language):
    text = TEXT[language]
    case = scene["case"]
    owe(case, hours=20, kind=CommitmentKind.VICTIM_UPDATE)
    use_language(context, live_server, language)

    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:list"))
    page.locator(".govuk-service-navigation__link", has_text=text["my_cases"]).click()
    assert page.get_by_role("heading", level=1).inner_text() == text["my_cases"]
    first = page.locator("tbody tr").first
    assert case.crime.reference in first.inner_text()
    assert text["late"] in first.inner_text()
    checked(page, "my-cases", language)

    sign_in_as(context, live_server, personas["supervisor"])
    page.goto(reverse("cases:list"))
    page.locator(".govuk-service-navigation__link", has_text=text["team"]).first.click()
    assert page.get_by_role("heading", level=1).inner_text() == text["team"]
    assert page.locator("#per-officer tbody tr").count() >= 1
    checked(page, "team", language)

    page.goto(reverse("worklists:team") + "?days=99&sort=nonsense")
    page.wait_for_selector(".govuk-notification-banner")
    checked(page, "team-filter-ignored", language)

    page.goto(reverse("worklists:team"))
    page.locator("#team-commitments a", has_text=case.crime.reference).first.wait_for()
    page.locator(f"#team-commitments a[href='{reverse('worklists:reassign', kwargs={'case_id': case.pk})}']") \
        .first.click()
    assert page.get_by_role("heading", level=1).inner_text() == text["reassign"]
    checked(page, "reassign", language)

    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")
    assert text["error"] in page.locator(".govuk-error-summary").inner_text()
    checked(page, "reassign-errors", language)

    page.get_by_label("Gareth Lewis").check()
    page.locator("main button[type=submit]").click()
    banner = page.locator(".govuk-notification-banner--success")
    assert text["done"] in banner.inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == text["team"]
    checked(page, "reassigned", language)
    case.refresh_from_db()
    assert case.officer == personas["colleague"]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_team_shows_20_officers_and_links_to_all(page, context, live_server, personas, scene, unit, language):
    text = TEXT[language]
    officers_owing(unit, personas["call_handler"], [1] * 21)
    use_language(context, live_server, language)
    sign_in_as(context, live_server, personas["supervisor"])
    page.goto(reverse("worklists:team") + "?days=3")
    assert page.locator("#per-officer tbody tr").count() == 20
    assert text["showing"] in page.locator("main").inner_text()
    checked(page, "team-20-officers", language)

    page.get_by_role("link", name=text["all_officers"]).click()
    page.wait_for_url("**officers=all**")
    assert "days=3" in page.url
    assert page.locator("#per-officer tbody tr").count() > 21
    assert page.get_by_role("link", name=text["all_officers"]).count() == 0
    checked(page, "team-all-officers", language)
