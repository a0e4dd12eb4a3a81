"""One whole journey: sign in as the officer, open a case, record a decision, see the new commitment, then the
decision on the case's timeline; switch to Welsh and see Welsh there and on the summary."""

import pytest

from tests.accounts.helpers import set_up_app_in_browser
from tests.browser.conftest import screenshot
from tests.factories import TEST_PASSWORD
from victimcare.cases.models import TimelineEvent

pytestmark = pytest.mark.browser


def test_officer_records_a_decision_then_reads_the_case_in_welsh(page, live_server, personas, scene):
    case = scene["case"]
    page.goto("/")
    assert page.url.startswith(f"{live_server.url}/sign-in/")

    page.fill("#id_username", "officer")
    page.fill("#id_password", TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # The second step: set up an authenticator app (tests/browser/test_two_factor.py), keep the recovery codes.
    page.wait_for_url("**/sign-in/set-up/**")
    set_up_app_in_browser(page)
    page.get_by_role("link", name="I have kept my codes: continue").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Cases"

    page.get_by_role("link", name=case.crime.reference).click()
    assert page.get_by_role("heading", level=1).inner_text() == case.victim.full_name
    rows_before = page.locator("tbody tr").count()

    page.get_by_role("button", name="Record an investigation decision").click()
    page.get_by_label("Suspect charged").check()
    page.get_by_label("What will you tell the victim?").fill("He has been charged and will appear in court.")
    page.get_by_label("Note (optional)").fill("Charged at Newport Central")
    page.get_by_role("button", name="Record decision").click()

    banner = page.locator(".govuk-notification-banner--success")
    assert "Decision recorded. Tell the victim by" in banner.inner_text()
    assert page.url.endswith(f"/cases/{case.pk}/")
    assert page.locator("tbody tr").count() == rows_before + 1
    new_row = page.locator("tbody tr", has_text="Tell the victim about an investigation decision").filter(
        has=page.locator(".govuk-tag", has_text="Open"))
    assert new_row.count() == 1
    assert TimelineEvent.objects.filter(case=case, kind="key_decision", data__decision="charged").exists()
    screenshot(page, "flow-decision-recorded")

    # The decision is on the timeline, a section of the case page away.
    sections = page.get_by_role("navigation", name="Sections of the case")
    sections.get_by_role("link", name="Timeline", exact=True).click()
    page.wait_for_url(f"**/cases/{case.pk}/timeline/")
    assert "Investigation decision: Suspect charged." in page.locator(".moj-timeline").inner_text()

    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_selector("html[lang=cy]")
    assert page.url.endswith(f"/cases/{case.pk}/timeline/")
    main = page.locator("main").inner_text()
    for welsh in ("Llinell amser", "Cyfeirnod trosedd", "Hawliau uwch",
                  "Penderfyniad yn yr ymchwiliad: Rhywun a amheuir wedi'i gyhuddo."):
        assert welsh in main, welsh
    for english in ("Timeline", "Crime reference", "Investigation decision"):
        assert english not in main, english
    screenshot(page, "flow-welsh-timeline")

    page.get_by_role("navigation", name="Adrannau'r achos").get_by_role("link", name="Crynodeb", exact=True).click()
    page.wait_for_url(f"**/cases/{case.pk}/")
    main = page.locator("main").inner_text()
    for welsh in ("Ymrwymiadau", "Llinell amser", "Cyfeirnod trosedd", "Hawliau uwch", "Hwyr"):
        assert welsh in main, welsh
    for english in ("Commitments", "Timeline", "Crime reference", "Overdue"):
        assert english not in main, english
    assert page.get_by_role("button", name="English").is_visible()
    screenshot(page, "flow-welsh")
