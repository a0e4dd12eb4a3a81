"""Multi-agency meetings in a browser, in English and Welsh: the pages look like GOV.UK and axe-core finds no
serious or critical violation. The journey: an officer creates a meeting with two agencies, adds a flagged
repeat case sharing on the victim's consent, records an action for the partner agency; the partner agency's
user sees only what was shared and marks the action done."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
from tests.multiagency.conftest import consent_to_meeting, report
from victimcare.multiagency import services
from victimcare.multiagency.models import Action, MultiAgencyReferral

pytestmark = pytest.mark.browser

TEXT = {
    "en": {"created": "Meeting created.", "added": "Case added to the agenda.", "repeat": "Repeat",
           "in_force": "In force", "recorded": "Action recorded:", "done": "Action marked as done.",
           "done_tag": "Done", "nothing": "Nothing shared"},
    "cy": {"created": "Crëwyd y cyfarfod.", "added": "Ychwanegwyd yr achos at yr agenda.", "repeat": "Ailadroddus",
           "in_force": "Mewn grym", "recorded": "Cofnodwyd y cam gweithredu:",
           "done": "Nodwyd bod y cam gweithredu wedi'i wneud.", "done_tag": "Wedi'i wneud",
           "nothing": "Dim wedi'i rannu"},
}


@pytest.fixture
def scene(officer, partner, partner_agency, victim_service, other_partner_agency):
    """A victim flagged two months ago (discussed since) and flagged again today: a repeat, with consent to
    discussion at a multi-agency meeting."""
    first = report(officer, dash=15, at=timezone.now() - dt.timedelta(days=60), given_name="Ffion",
                   family_name="Morgan")
    MultiAgencyReferral.objects.filter(case=first).update(status=MultiAgencyReferral.Status.DISCUSSED)
    again = report(officer, victim_id=first.victim_id, dash=17)
    consent_to_meeting(again, officer)
    return {"case": again, "referral": again.multi_agency_referrals.get()}


def _check(page, language, name):
    screenshot(page, f"{name}-{language}")
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")


def _banner(page) -> str:
    return page.locator(".govuk-notification-banner--success").inner_text()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_meeting_with_a_repeat_case_and_an_action_the_partner_completes(
        page, context, live_server, officer, partner, partner_agency, victim_service, scene, language):
    text = TEXT[language]
    case, referral = scene["case"], scene["referral"]
    use_language(context, live_server, language)
    sign_in_as(context, live_server, officer)

    page.goto(reverse("multiagency:flagged"))
    assert text["repeat"] in page.locator("main").inner_text()
    _check(page, language, "multiagency-flagged")

    page.goto(reverse("multiagency:meetings"))
    _check(page, language, "multiagency-meetings-empty")
    page.locator(f"main a[href='{reverse('multiagency:meeting-create')}']").click()
    page.locator("main button[type=submit]").click()  # nothing filled in: every field says what is wrong
    page.wait_for_selector(".govuk-error-summary")
    _check(page, language, "multiagency-meeting-create-errors")
    day = timezone.localdate() + dt.timedelta(days=7)
    page.fill("#id_title", "Newport MARAC")
    page.fill("#id_held_on", str(day.day))
    page.fill("#id_held_on_1", str(day.month))
    page.fill("#id_held_on_2", str(day.year))
    page.fill("#id_time", "10:00")
    page.select_option("#id_chair", str(case.unit_id))
    for agency in (partner_agency, victim_service):
        page.locator(f"input[name=attending][value='{agency.pk}']").check()
    page.locator("main button[type=submit]").click()
    assert text["created"] in _banner(page)

    page.locator("main a[href$='/agenda/add/']").click()
    assert text["repeat"].lower() in page.locator("main").inner_text().lower()
    _check(page, language, "multiagency-agenda-add")
    page.locator(f"input[name=referral][value='{referral.pk}']").check()
    page.locator("input[name=basis][value=consent]").check()
    for item in ("incident_summary", "victim_name"):
        page.locator(f"input[name=items_{partner_agency.pk}][value={item}]").check()
    page.locator("main button[type=submit]").click()
    assert text["added"] in _banner(page)
    main = page.locator("main").inner_text()
    assert text["repeat"] in main and text["in_force"] in main and text["nothing"] in main

    page.locator("main a[href$='/actions/new/']").click()
    page.wait_for_url("**/actions/new/")
    _check(page, language, "multiagency-action-add")
    page.select_option("#id_owner", str(partner_agency.pk))
    page.fill("#id_description", "Fit a door alarm and check the locks")
    due = timezone.localdate() + dt.timedelta(days=14)
    page.fill("#id_due_on", str(due.day))
    page.fill("#id_due_on_1", str(due.month))
    page.fill("#id_due_on_2", str(due.year))
    page.locator("main button[type=submit]").click()
    assert text["recorded"] in _banner(page)
    _check(page, language, "multiagency-meeting-police")
    meeting_url = page.url

    sign_in_as(context, live_server, partner)
    page.goto(meeting_url)
    main = page.locator("main").inner_text()
    assert "Ffion Morgan" in main and "At home" in main  # shared: name and incident summary
    assert case.crime.reference not in main and "07700 900456" not in main and "DASH" not in main
    _check(page, language, "multiagency-meeting-partner")
    page.locator("main a[href$='/done/']").click()
    page.wait_for_url("**/done/")
    _check(page, language, "multiagency-action-done")
    page.locator("main button[type=submit]").click()
    assert text["done"] in _banner(page)
    assert text["done_tag"] in page.locator("main").inner_text()
    action = Action.objects.get()
    assert action.status == "done" and action.completed_by == partner and action.commitment.status == "met"


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_case_panel_and_the_flag_forms(page, context, live_server, officer, case, partner_agency, language):
    use_language(context, live_server, language)
    sign_in_as(context, live_server, officer)
    page.goto(reverse("multiagency:flag", kwargs={"case_id": case.pk}))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")
    _check(page, language, "multiagency-flag-errors")
    page.fill("#id_note", "Threats to kill made to a neighbour")
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**{reverse('cases:support', kwargs={'case_id': case.pk})}")  # the section with the panel
    page.wait_for_selector("#multi-agency")
    assert "Threats to kill made to a neighbour" in page.locator("main").inner_text()
    _check(page, language, "multiagency-case-panel")
    page.goto(reverse("multiagency:withdraw", kwargs={"case_id": case.pk}))
    _check(page, language, "multiagency-withdraw")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_cancelling_an_action(page, context, live_server, officer, partner_agency, victim_service, scene, force,
                              language):
    meeting = services.create_meeting(force=force, held_at=timezone.now() - dt.timedelta(days=2), title="Past MARAC",
                                      chair=scene["case"].unit, attending=[partner_agency], actor=officer)
    item = services.add_to_agenda(meeting, scene["referral"], actor=officer, basis="consent",
                                  items_by_agency={partner_agency: ["incident_summary"]})
    action = services.agree_action(item, owner=partner_agency, description="Visit", due_on=timezone.localdate(),
                                   actor=officer)
    use_language(context, live_server, language)
    sign_in_as(context, live_server, officer)
    page.goto(reverse("multiagency:action-cancel", kwargs={"action_id": action.pk}))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")
    _check(page, language, "multiagency-action-cancel-errors")
    page.goto(reverse("multiagency:meetings"))
    _check(page, language, "multiagency-meetings")
