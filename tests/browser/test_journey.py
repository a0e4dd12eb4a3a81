"""The whole journey of one victim's case, in English and in Welsh, through the pages in a browser:
the call handler records the report (the wizard grades the response and gives the written
acknowledgement); the supervisor gives the case to an officer from the team view; the officer finds it in
My cases, dispatches and records attendance, agrees how the victim will be updated, records an update,
records an investigation decision and that the victim was told, and closes the case, moving between the case
page's sections by its sub navigation. Every page visited looks like GOV.UK and passes axe-core; each step is then
on the case's timeline, in the page's language."""

import datetime as dt

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from tests.factories import LocalAuthorityFactory, LsoaFactory, WardFactory
from victimcare.areas.models import Postcode
from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.timeline import describe
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind

pytestmark = pytest.mark.browser

Kind = TimelineEvent.Kind
PAGES = ("report:start", "worklists:team", "worklists:reassign", "worklists:my-cases", "response:dispatch",
         "response:attendance", "contact:agreement", "contact:record-update", "cases:record-decision",
         "cases:record-informed", "cases:close")
# One timeline entry for each step of the journey.
STEPS = (Kind.CASE_OPENED, Kind.RESPONSE_GRADED, Kind.ACKNOWLEDGEMENT_GIVEN, Kind.OFFICER_ASSIGNED,
         Kind.OFFICER_DISPATCHED, Kind.OFFICER_ATTENDED, Kind.CONTACT_AGREED, Kind.UPDATE_GIVEN, Kind.KEY_DECISION,
         Kind.VICTIM_INFORMED, Kind.CASE_CLOSED)


@pytest.fixture
def newport(unit):
    """Reports in Newport (postcode NP20 1AA) go to the personas' unit."""
    unit.local_authority = LocalAuthorityFactory()
    unit.email = "newport.cid@gwent.example"
    unit.save()
    Postcode.objects.create(postcode="NP20 1AA", lsoa=LsoaFactory(), ward=WardFactory())
    return unit


class Journey:
    """The browser page, and a check (GOV.UK look, axe, screenshot) on every page it lands on."""

    def __init__(self, page, context, live_server, language):
        self.page, self.context, self.live_server, self.language = page, context, live_server, language
        self.visited: list[str] = []

    def as_user(self, user) -> None:
        self.context.clear_cookies()
        use_language(self.context, self.live_server, self.language)
        sign_in_as(self.context, self.live_server, user)

    def check(self, name: str) -> None:
        self.page.wait_for_load_state()
        main = self.page.locator("main").inner_text()
        assert self.page.locator(".govuk-error-summary").count() == 0, f"{name}: {main}"
        check_looks_like_govuk(self.page, self.language)
        check_accessibility(self.page, f"journey {name} ({self.language})")
        self.visited.append(name)
        screenshot(self.page, f"journey-{len(self.visited):02d}-{name}-{self.language}")

    def go(self, url: str, name: str) -> None:
        self.page.goto(url)
        self.check(name)

    def follow(self, url: str, name: str) -> None:
        """Click the link to `url` on the page (so the link is there), then check where it lands."""
        self.page.locator(f"main a[href='{url}']").first.click()
        self.page.wait_for_url(f"**{url}")
        self.check(name)

    def submit(self, name: str, expect_url: str | None = None) -> None:
        self.page.locator("main form[method=post] button[type=submit]").last.click()
        if expect_url:
            self.page.wait_for_url(f"**{expect_url}")
        self.check(name)

    def success(self) -> str:
        return self.page.locator(".govuk-notification-banner--success").inner_text()


def fill_date(page, field, day, month, year):
    page.fill(f"#id_{field}", str(day))
    page.fill(f"#id_{field}_1", str(month))
    page.fill(f"#id_{field}_2", str(year))


def record_the_report(journey: Journey) -> Case:
    page = journey.page
    journey.go(reverse("report:start"), "report-start")
    page.locator("main button.govuk-button--start").click()
    page.wait_for_url("**/victim/")
    journey.check("report-victim")
    page.fill("#id_name", "Bevan")
    page.locator("main form[method=get] button").click()
    page.wait_for_load_state()
    journey.check("report-victim-search")
    page.check("input[name=victim][value=new]")
    journey.submit("report-victim-details", "**/victim-details/")

    page.fill("#id_given_name", "Nia")
    page.fill("#id_family_name", "Bevan")
    fill_date(page, "date_of_birth", 12, 9, 1990)
    page.fill("#id_phone", "07700 900321")
    page.fill("#id_postcode", "NP20 1AA")
    page.check(f"input[name=preferred_language][value={journey.language}]")
    page.check("#id_needs_interpreter-2")
    journey.submit("report-incident", "**/incident/")

    page.select_option("#id_category", "violent-crime")
    page.select_option("#id_offence", "coercive-control")
    page.check("#id_is_domestic_abuse")
    page.check("#id_is_hate_crime-2")
    page.check("#id_is_honour_based-2")
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    fill_date(page, "occurred_on", yesterday.day, yesterday.month, yesterday.year)
    page.fill("#id_occurred_time", "20:30")
    page.fill("#id_location_description", "At home")
    page.fill("#id_postcode", "NP20 1AA")
    journey.submit("report-thrive", "**/thrive/")

    for name in ("threat", "harm", "risk", "investigation", "vulnerability", "engagement"):
        page.check(f"#id_{name}_rating-2")
        page.fill(f"#id_{name}_rationale", f"Because of the {name}")
    journey.submit("report-needs", "**/needs/")

    page.check("#id_wants_attendance")
    page.check("#id_support_referral-3")  # not asked yet: not safe to ask now
    page.fill("#id_impact", "Frightened to go home")
    page.check("#id_safe_ways")
    page.fill("#id_safe_times", "Weekdays 9am to 3pm")
    page.check("#id_leave_messages-2")
    journey.submit("report-vulnerability", "**/vulnerability/")

    for field, answer in (("is_vulnerable", "-2"), ("is_intimidated", ""), ("is_persistently_targeted", "-2"),
                          ("is_bereaved_relative", "-2")):
        page.check(f"#id_{field}{answer}")
    journey.submit("report-dash", "**/dash/")

    for number in range(1, 25):
        page.check(f"#id_q{number}" if number <= 5 else f"#id_q{number}-2")
    journey.submit("report-proposals", "**/proposals/")
    journey.submit("report-check-your-answers", "**/check/")  # the proposals as they stand: the grade
    journey.submit("report-acknowledgement", "**/acknowledgement/")

    case = Case.objects.get(victim__given_name="Nia", victim__family_name="Bevan")
    assert case.response_grade is not None
    assert case.officer is None
    assert case.crime.reference in page.locator("main").inner_text()
    journey.submit("report-acknowledgement-given", reverse("report:acknowledgement", kwargs={"case_id": case.pk}))
    return case


def assign_from_the_team_view(journey: Journey, case: Case, officer) -> None:
    page = journey.page
    journey.go(reverse("worklists:team"), "team")
    row = page.locator("#team-commitments tbody tr", has_text=case.crime.reference).first
    assert row.is_visible()
    journey.follow(reverse("worklists:reassign", kwargs={"case_id": case.pk}), "reassign")
    page.check(f"input[name=officer][value='{officer.pk}']")
    journey.submit("team-after-reassigning", reverse("worklists:team"))
    assert case.crime.reference in journey.success()
    case.refresh_from_db()
    assert case.officer == officer


def officer_works_the_case(journey: Journey, case: Case, officer) -> None:
    page = journey.page
    detail = reverse("cases:detail", kwargs={"case_id": case.pk})
    contact = reverse("cases:contact", kwargs={"case_id": case.pk})
    journey.go(reverse("worklists:my-cases"), "my-cases")
    assert case.crime.reference in page.locator("tbody tr").first.inner_text()
    journey.follow(detail, "case")
    # The case page's sections, through its sub navigation (the first link to each on the page).
    journey.follow(reverse("cases:support", kwargs={"case_id": case.pk}), "case-support")
    assert page.locator("#support-question-to-ask").is_visible()  # the referral question is still to ask

    journey.follow(contact, "case-contact")
    journey.follow(reverse("response:dispatch", kwargs={"case_id": case.pk}), "dispatch")
    page.check(f"input[name=officer][value='{officer.pk}']")
    journey.submit("case-after-dispatch", contact)
    journey.follow(reverse("response:attendance", kwargs={"case_id": case.pk}), "attendance")
    journey.submit("case-after-attendance", contact)
    assert not case.commitments.open().filter(kind=CommitmentKind.RESPONSE).exists()

    journey.follow(reverse("contact:agreement", kwargs={"case_id": case.pk}), "contact-agreement")
    page.check("input[name=channel][value=phone]")
    page.check("input[name=frequency][value='14']")
    page.check(f"input[name=language][value={journey.language}]")
    journey.submit("case-after-agreement", contact)
    journey.follow(reverse("contact:record-update", kwargs={"case_id": case.pk}), "contact-update")
    page.check("input[name=channel][value=phone]")
    page.check(f"input[name=language][value={journey.language}]")
    page.fill("#id_summary", "We have spoken to a witness.")
    journey.submit("case-after-update", contact)

    journey.follow(detail, "case-summary")
    journey.follow(reverse("cases:record-decision", kwargs={"case_id": case.pk}), "record-decision")
    page.check("input[name=decision][value=charged]")
    page.fill("#id_tell_victim", "The suspect has been charged with coercive control.")
    journey.submit("case-after-decision", detail)
    inform = case.commitments.get(kind=CommitmentKind.INFORM_DECISION, status=Commitment.Status.OPEN)
    journey.follow(reverse("cases:record-informed", kwargs={"case_id": case.pk, "commitment_id": inform.pk}),
                   "record-informed")
    page.check("input[name=how][value=phone]")
    journey.submit("case-after-informing", detail)

    journey.follow(reverse("cases:close", kwargs={"case_id": case.pk}), "close")
    page.check("input[name=outcome][value=charged]")
    for commitment in case.commitments.open():
        page.check(f"input[name=end_{commitment.pk}][value=waive]")
        page.fill(f"#id_reason_{commitment.pk}", "The case is closed: charged")
    journey.submit("case-closed", detail)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_whole_journey(page, context, live_server, personas, newport, language):
    for name in PAGES:
        try:
            reverse(name, kwargs={"case_id": 1, "commitment_id": 1} if name == "cases:record-informed"
                    else {"case_id": 1} if ":" in name and name.split(":")[1] not in ("start", "team", "my-cases")
                    else None)
        except NoReverseMatch:
            pytest.fail(f"The journey needs the page {name}, which does not exist yet")

    journey = Journey(page, context, live_server, language)
    journey.as_user(personas["call_handler"])
    case = record_the_report(journey)

    journey.as_user(personas["supervisor"])
    assign_from_the_team_view(journey, case, personas["officer"])

    journey.as_user(personas["officer"])
    officer_works_the_case(journey, case, personas["officer"])

    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert not case.commitments.open().exists()
    # The case's timeline shows the newest entries; the journey made more, so the whole of it is a link away.
    timeline_url = reverse("cases:timeline", kwargs={"case_id": case.pk})
    journey.follow(timeline_url, "case-timeline")
    page.locator("main a[href='?timeline=all#timeline']").click()
    page.wait_for_url(f"**{timeline_url}?timeline=all#timeline")
    timeline = page.locator(".moj-timeline").inner_text()
    events = {event.kind: event for event in TimelineEvent.objects.filter(case=case)}
    with translation.override(language):
        for kind in STEPS:
            assert kind in events, f"no {kind} on the timeline"
            assert describe(events[kind], case).description in timeline, kind
    assert len(journey.visited) >= 30
