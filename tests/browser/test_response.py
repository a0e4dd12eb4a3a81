"""Response pages (control room, dispatch, attendance, declined attendance, re-grade), the decision form
and case closure in a browser, in English and Welsh: they look like GOV.UK and axe-core finds no serious
or critical violation. Screenshots are saved for review."""

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
from tests.factories import CrimeFactory
from tests.web.conftest import make_case
from victimcare.cases.models import TimelineEvent
from victimcare.cases.services import grade_response
from victimcare.response import services

pytestmark = pytest.mark.browser


@pytest.fixture
def awaiting(scene, unit, officer, colleague, call_handler):
    now = timezone.now()
    late = make_case(unit, officer, call_handler, crime=CrimeFactory(reference="GW/2026/000901"))
    grade_response(late, 1, actor=call_handler, rationale="Weapon seen", at=now - dt.timedelta(minutes=40))
    soon = make_case(unit, colleague, call_handler, crime=CrimeFactory(reference="GW/2026/000902",
                                                                        category="burglary", offence="burglary-home"))
    grade_response(soon, 2, actor=call_handler, rationale="Intruder left", at=now - dt.timedelta(minutes=10))
    services.record_dispatch(soon, colleague, actor=call_handler)
    return {"late": late, "soon": soon}


def url(name, case):
    return reverse(name, kwargs={"case_id": case.pk})


def control_room(page, users, awaiting):
    page.goto(reverse("response:control-room"))


SECTION_LINKS = {"en": "Contact and response", "cy": "Cyswllt ac ymateb"}


def case_panel(page, users, awaiting):
    """From the case's summary to the response panel, through the sub navigation in the page's language."""
    page.goto(url("cases:detail", awaiting["late"]))
    language = page.locator("html").get_attribute("lang")
    page.locator(".moj-sub-navigation").get_by_role("link", name=SECTION_LINKS[language], exact=True).click()
    page.wait_for_url(f'**{url("cases:contact", awaiting["late"])}')
    page.wait_for_selector(".app-response-panel")


def dispatch_errors(page, users, awaiting):
    page.goto(url("response:dispatch", awaiting["late"]))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def attendance(page, users, awaiting):
    page.goto(url("response:attendance", awaiting["late"]))


def declined(page, users, awaiting):
    page.goto(url("response:declined", awaiting["late"]))


def regrade_errors(page, users, awaiting):
    page.goto(url("response:regrade", awaiting["late"]))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def decision_errors(page, users, awaiting):
    page.goto(url("cases:record-decision", awaiting["late"]))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def close_errors(page, users, awaiting):
    page.goto(url("cases:close", awaiting["late"]))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


PAGES = {
    "control-room": (control_room, "call_handler", {"en": "minutes late", "cy": "munud yn hwyr"}),
    "response-panel": (case_panel, "call_handler", {"en": "Awaiting attendance", "cy": "Yn aros i swyddog ddod"}),
    "dispatch-errors": (dispatch_errors, "call_handler", {"en": "Select the officer being sent",
                                                          "cy": "Dewiswch y swyddog sy'n cael ei anfon"}),
    "attendance": (attendance, "officer", {"en": "Record attendance", "cy": "Cofnodi presenoldeb"}),
    "declined": (declined, "officer", {"en": "What did the victim say?", "cy": "Beth ddywedodd y dioddefwr?"}),
    "regrade-errors": (regrade_errors, "officer", {"en": "Enter why the response is being re-graded",
                                                   "cy": "Nodwch pam mae'r ymateb yn cael ei ailraddio"}),
    "decision-errors": (decision_errors, "officer", {"en": "Enter what you will tell the victim",
                                                     "cy": "Nodwch beth fyddwch chi'n ei ddweud wrth y dioddefwr"}),
    "close-errors": (close_errors, "officer", {"en": "Select what happens to: Attend within the response target",
                                               "cy": "Dewiswch beth sy'n digwydd i: Mynychu o fewn y targed ymateb"}),
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page(page, context, live_server, personas, awaiting, name, language):
    open_page, persona, expected = PAGES[name]
    use_language(context, live_server, language)
    sign_in_as(context, live_server, personas[persona])
    open_page(page, personas, awaiting)
    screenshot(page, f"response-{name}-{language}")
    assert expected[language] in page.locator("main").inner_text()
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")


def test_call_handler_regrades_then_the_officer_attends(page, context, live_server, personas, awaiting):
    sign_in_as(context, live_server, personas["call_handler"])
    page.goto(reverse("response:control-room"))
    case = awaiting["soon"]
    page.get_by_role("link", name="GW/2026/000902").click()
    page.wait_for_url(f'**{url("cases:contact", case)}')  # the control room opens the contact section
    page.get_by_role("link", name="Re-grade the response").click()
    page.get_by_label("Grade 1: Emergency, within 15 minutes").check()
    page.get_by_label("Why is the response being re-graded?").fill("Intruder came back")
    page.get_by_role("button", name="Re-grade").click()
    page.wait_for_url(f'**{url("cases:contact", case)}')
    assert "Response re-graded." in page.locator("main").inner_text()
    assert case.timeline.filter(kind=TimelineEvent.Kind.RESPONSE_GRADED).count() == 2

    page.get_by_role("link", name="Record attendance").click()
    page.get_by_role("button", name="Record attendance").click()
    page.wait_for_url(f'**{url("cases:contact", case)}')
    assert "Attendance recorded." in page.locator("main").inner_text()
    screenshot(page, "response-flow-attended")
    assert page.locator(".app-response-panel").count() == 0
