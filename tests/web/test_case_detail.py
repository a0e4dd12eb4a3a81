"""The case page: who may see it, what it shows, the overdue commitments, the timeline, the logging, and its
sections joined by sub navigation."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.factories import CrimeFactory, VictimFactory, WardFactory
from tests.web.conftest import count_queries, in_welsh, make_case, make_overdue
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.sections import SECTIONS
from victimcare.cases.services import close_case, grade_response, record_attendance, record_victim_informed
from victimcare.cases.views import TIMELINE_LATEST
from victimcare.charter.rules import KeyDecision
from victimcare.charter.services import waive_commitment


def detail(case) -> str:
    return reverse("cases:detail", kwargs={"case_id": case.pk})


def section(case, name: str) -> str:
    return reverse(f"cases:{name}", kwargs={"case_id": case.pk})


def timeline(case) -> str:
    return section(case, "timeline")


@pytest.mark.parametrize("persona", ["officer", "colleague", "supervisor", "call_handler"])
def test_the_unit_and_the_call_handler_see_the_case(client, personas, overdue_case, persona):
    client.force_login(personas[persona])
    response = client.get(detail(overdue_case))
    assert response.status_code == 200
    assert overdue_case.crime.reference in response.content.decode()


@pytest.mark.parametrize("persona", ["other_officer", "administrator"])
def test_outsiders_get_404_and_nothing_about_the_case(client, personas, overdue_case, persona):
    client.force_login(personas[persona])
    response = client.get(detail(overdue_case))
    assert response.status_code == 404
    html = response.content.decode()
    assert overdue_case.crime.reference not in html
    assert overdue_case.victim.family_name not in html
    assert not CaseAccessLog.objects.filter(user=personas[persona]).exists()


def test_a_case_that_does_not_exist_is_404_too(client, officer):
    client.force_login(officer)
    assert client.get(reverse("cases:detail", kwargs={"case_id": 999999})).status_code == 404


def test_reading_the_case_is_logged(client, colleague, overdue_case):
    client.force_login(colleague)
    client.get(detail(overdue_case))
    entry = CaseAccessLog.objects.get(user=colleague)
    assert entry.case == overdue_case
    assert entry.action == CaseAccessLog.Action.VIEWED
    assert entry.channel == CaseAccessLog.Channel.WEB
    assert entry.what == "case page"


def test_summary(client, officer, unit, call_handler):
    victim = VictimFactory(given_name="Megan", family_name="Watkins", date_of_birth=dt.date(2010, 1, 2),
                           preferred_language="cy", needs_interpreter=True, communication_needs="Prefers text messages",
                           phone="07700 900456", email="megan@example.org", postcode="NP20 1AA")
    crime = CrimeFactory(offence="harassment", is_hate_crime=True, last_outcome="Awaiting court outcome",
                         ward=WardFactory(code="W05001700", name_en="Stow Hill", name_cy="Bryn Stow"))
    case = make_case(unit, officer, call_handler, victim=victim, crime=crime, is_vulnerable=True)
    grade_response(case, 2, actor=officer, rationale="Caller frightened")
    client.force_login(officer)
    html = client.get(detail(case)).content.decode()
    age = victim.age_on(timezone.localdate())
    for text in (crime.reference, "Violence and sexual offences", "Harassment", "Domestic abuse", "Hate crime",
                 "On or near Commercial Street", "Stow Hill ward", "Newport", "Megan Watkins", "2 January 2010",
                 f"age {age}", "Welsh", "Needs an interpreter", "Prefers text messages", "07700 900456",
                 "megan@example.org", "NP20 1AA", "Newport CID", "Olwen Price", "Victim of hate crime", "Under 18",
                 "Vulnerable", "Grade 2 (priority)", "Last outcome on data.police.uk", "Awaiting court outcome"):
        assert text in html, text


def overdue_row(html: str) -> str:
    match = re.search(r'<tr class="govuk-table__row app-commitment--overdue">(.*?)</tr>', html, re.S)
    assert match, "no overdue row"
    return match.group(1)


def test_overdue_commitments_stand_out(client, officer, overdue_case):
    due = overdue_case.commitments.get().due_at
    client.force_login(officer)
    html = client.get(detail(overdue_case)).content.decode()
    row = overdue_row(html)
    assert "Tell the victim about an investigation decision" in row
    assert "Standard 4: Updates agreed with the victim" in row
    assert "Olwen Price" in row
    assert timezone.localtime(due).strftime("%H:%M") in row
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in row
    assert re.search(r"\d+ days? (\d+ hours? )?late", row), "says how long overdue"


def test_commitment_statuses_as_tags(client, officer, unit, call_handler):
    case = make_case(unit, officer, call_handler)
    grade_response(case, 1, actor=officer, rationale="Emergency")
    record_attendance(case, actor=officer)  # met
    late = make_overdue(case, officer)
    waive_commitment(late, actor=officer, reason="Victim asked not to be contacted")
    grade_response(case, 3, actor=officer, rationale="Scheduled")  # open, not overdue
    client.force_login(officer)
    html = client.get(detail(case)).content.decode()
    assert '<strong class="govuk-tag govuk-tag--green">Met</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--grey">Waived</strong>' in html
    assert '<strong class="govuk-tag ">Open</strong>' in html
    assert "app-commitment--overdue" not in html


def test_missed_and_met_late(client, officer, unit, call_handler):
    case = make_case(unit, officer, call_handler)
    commitment = make_overdue(case, officer)
    record_victim_informed(commitment, actor=officer, how="phone")
    make_overdue(case, officer)
    close_case(case, actor=officer)
    client.force_login(officer)
    html = client.get(detail(case)).content.decode()
    assert '<strong class="govuk-tag govuk-tag--yellow">Met late</strong>' in html
    assert '<strong class="govuk-tag govuk-tag--red">Missed</strong>' in html
    assert "Record an investigation decision" not in html, "no actions on a closed case"


def test_timeline_newest_first_in_plain_words(client, officer, overdue_case):
    TimelineEvent.objects.create(crime=overdue_case.crime, kind=TimelineEvent.Kind.OUTCOME,
                                 data={"outcome": "Unable to prosecute suspect"},
                                 occurred_at=timezone.now() - dt.timedelta(days=1))
    client.force_login(officer)
    response = client.get(timeline(overdue_case))
    entries = response.context["timeline"]
    assert [entry.at for entry in entries] == sorted((entry.at for entry in entries), reverse=True)
    html = response.content.decode()
    assert "data.police.uk outcome: Unable to prosecute suspect." in html
    assert "Investigation decision: Suspect arrested." in html
    assert "The case was opened and given to Newport CID." in html
    assert "The victim is entitled to enhanced rights: Victim of domestic abuse." in html
    assert "by Cerys Bowen" in html
    assert 'class="moj-timeline"' in html
    assert html.index("data.police.uk outcome") < html.index("The case was opened")


def test_a_long_timeline_shows_the_newest_entries_and_links_to_the_whole_of_it(client, officer, overdue_case):
    now = timezone.now()
    for days_ago in range(1, TIMELINE_LATEST + 11):
        TimelineEvent.objects.create(crime=overdue_case.crime, kind=TimelineEvent.Kind.OUTCOME,
                                     data={"outcome": f"Outcome {days_ago} days ago"},
                                     occurred_at=now - dt.timedelta(days=days_ago))
    total = TimelineEvent.objects.filter(crime=overdue_case.crime).count()
    client.force_login(officer)

    response = client.get(timeline(overdue_case))
    shown = response.context["timeline"]
    assert len(shown) == TIMELINE_LATEST
    html = response.content.decode()
    assert "Outcome 1 days ago" in html
    assert f"Outcome {TIMELINE_LATEST + 10} days ago" not in html
    assert f"Showing the newest {TIMELINE_LATEST} entries." in html
    assert 'href="?timeline=all#timeline"' in html

    everything = client.get(timeline(overdue_case) + "?timeline=all")
    assert len(everything.context["timeline"]) == total > TIMELINE_LATEST
    assert f"Outcome {TIMELINE_LATEST + 10} days ago" in everything.content.decode()
    assert "Show the whole timeline" not in everything.content.decode()

    welsh = in_welsh(client).get(timeline(overdue_case)).content.decode()
    assert f"Yn dangos y {TIMELINE_LATEST} cofnod diweddaraf." in welsh
    assert "Dangos y llinell amser gyfan" in welsh


def test_a_short_timeline_is_shown_whole_with_no_link(client, officer, overdue_case):
    client.force_login(officer)
    response = client.get(timeline(overdue_case))
    assert len(response.context["timeline"]) == TimelineEvent.objects.filter(crime=overdue_case.crime).count()
    assert "Show the whole timeline" not in response.content.decode()


@pytest.mark.parametrize("persona, sees_actions, sees_log", [
    ("officer", True, False),
    ("colleague", True, False),
    ("supervisor", True, True),
    ("call_handler", False, False),
])
def test_actions_and_access_log_link(client, personas, overdue_case, persona, sees_actions, sees_log):
    client.force_login(personas[persona])
    html = client.get(detail(overdue_case)).content.decode()
    commitment = overdue_case.commitments.get()
    decision_url = reverse("cases:record-decision", kwargs={"case_id": overdue_case.pk})
    informed_url = reverse("cases:record-informed", kwargs={"case_id": overdue_case.pk,
                                                            "commitment_id": commitment.pk})
    log_url = reverse("cases:access-log", kwargs={"case_id": overdue_case.pk})
    assert (decision_url in html) is sees_actions
    assert (informed_url in html) is sees_actions
    assert (log_url in html) is sees_log


def test_query_count_does_not_grow_with_commitments_and_events(client, officer, unit, call_handler,
                                                               django_assert_max_num_queries):
    client.force_login(officer)
    case = make_case(unit, officer, call_handler)
    make_overdue(case, officer)
    client.get(detail(case))  # once untimed: the first request in a process reads what it then caches
    one = count_queries(client, detail(case))
    # The summary reads the case and its commitments; the panels are on the other sections (14 queries with them
    # all on one page, 28 before cases.page_reads).
    assert one <= 7
    timeline_before = count_queries(client, timeline(case))
    for n in range(19):
        make_overdue(case, officer, decision=list(KeyDecision)[n % len(KeyDecision)], days_ago=n + 1)
        TimelineEvent.objects.create(crime=case.crime, kind=TimelineEvent.Kind.OUTCOME,
                                     data={"outcome": "Under investigation"})
    assert case.commitments.count() == 20
    twenty = count_queries(client, detail(case))
    print(f"case page: {one} queries for 1 commitment, {twenty} for 20 commitments and many more events")
    assert twenty == one
    assert count_queries(client, timeline(case)) == timeline_before
    with django_assert_max_num_queries(one):
        client.get(detail(case))


def test_the_welsh_case_page_is_welsh(client, officer, overdue_case):
    TimelineEvent.objects.create(crime=overdue_case.crime, kind=TimelineEvent.Kind.OUTCOME,
                                 data={"outcome": "Investigation complete; no suspect identified"})
    client.force_login(officer)
    html = in_welsh(client).get(detail(overdue_case)).content.decode()
    assert '<html lang="cy"' in html
    for welsh in ("Cyfeirnod trosedd", "Dioddefwr", "Hwyr", "Ymrwymiadau", "Hawliau uwch",
                  "Cofnodi penderfyniad yn yr ymchwiliad", "Rhoi gwybod i'r dioddefwr am benderfyniad",
                  "Safon 4: Diweddariadau fel y cytunwyd â'r dioddefwr", "Dioddefwr cam-drin domestig",
                  "Trais a throseddau rhywiol", "Ymosodiad cyffredin", "CID Casnewydd", "Casnewydd", "yn hwyr",
                  "Allgofnodi", "English", "Crynodeb", "Cyswllt ac ymateb",
                  "Cymorth a phartneriaid", "Llys ac eiddo", "Dogfennau a negeseuon", "Llinell amser"):
        assert escape(welsh) in html, welsh
    assert 'aria-label="Adrannau\'r achos"' in html
    for english in ("Crime reference", "Victim", "Overdue", "Commitments", "Timeline", "Enhanced rights",
                    "Record an investigation decision", "Updates agreed with the victim", "Common assault",
                    "Newport CID", " late", "Sign out", "Domestic abuse", ">Yes<", "Status", "Cymraeg",
                    "Summary", "Sections of the case", "Support and partners", "Court and property"):
        assert english not in html, english
    welsh_timeline = in_welsh(client).get(timeline(overdue_case)).content.decode()
    assert escape("Ymchwiliad wedi'i gwblhau; ni nodwyd neb a amheuir") in welsh_timeline
    assert "Investigation complete" not in welsh_timeline


def sub_navigation(html: str) -> list[tuple[str, str, bool]]:
    """The sub navigation's links: (address, text, whether it is marked as the current page)."""
    nav = re.search(r'<nav class="moj-sub-navigation"[^>]*>(.*?)</nav>', html, re.S)
    assert nav, "no sub navigation"
    return [(href, text.strip(), bool(current)) for current, href, text in re.findall(
        r'<a class="moj-sub-navigation__link" (aria-current="page" )?href="([^"]+)">([^<]+)</a>', nav.group(1))]


def test_every_section_has_the_sub_navigation_with_itself_marked_current(client, officer, overdue_case):
    client.force_login(officer)
    addresses = [section(overdue_case, s.name) for s in SECTIONS]
    for address in addresses:
        links = sub_navigation(client.get(address).content.decode())
        assert [href for href, _text, _current in links] == addresses
        assert [text for _href, text, _current in links] == ["Summary", "Contact and response",
                                                             "Support and partners", "Court and property",
                                                             "Documents and messages", "Timeline"]
        assert [href for href, _text, current in links if current] == [address]


def test_each_section_names_itself_in_the_title(client, officer, overdue_case):
    client.force_login(officer)
    reference = overdue_case.crime.reference
    title = re.compile(r"<title>\s*(.*?)\s*\u2013 Victim Care", re.S)
    assert title.search(client.get(detail(overdue_case)).content.decode()).group(1).startswith(reference)
    support = title.search(client.get(section(overdue_case, "support")).content.decode()).group(1)
    assert support.startswith(f"Support and partners \u2013 {reference}")


@pytest.mark.parametrize("name", [s.name for s in SECTIONS])
@pytest.mark.parametrize("persona", ["other_officer", "administrator"])
def test_outsiders_get_404_on_every_section(client, personas, overdue_case, persona, name):
    client.force_login(personas[persona])
    response = client.get(section(overdue_case, name))
    assert response.status_code == 404
    assert overdue_case.victim.family_name not in response.content.decode()
    assert not CaseAccessLog.objects.filter(user=personas[persona]).exists()


def test_each_section_view_is_logged_as_that_section(client, colleague, overdue_case):
    client.force_login(colleague)
    for each in SECTIONS:
        client.get(section(overdue_case, each.name))
    logged = list(CaseAccessLog.objects.filter(user=colleague).order_by("id").values_list("what", "action", "case"))
    assert logged == [(each.logged_as, CaseAccessLog.Action.VIEWED, overdue_case.pk) for each in SECTIONS]
    assert logged[2][0] == "case page: support and partners"


def test_a_commitment_links_to_the_section_where_it_is_dealt_with(client, officer, unit, call_handler):
    case = make_case(unit, officer, call_handler)
    grade_response(case, 3, actor=officer, rationale="Scheduled")  # an attendance commitment: the contact section
    make_overdue(case, officer)  # telling the victim of a decision: recorded on the summary itself
    client.force_login(officer)
    html = client.get(detail(case)).content.decode()
    contact = section(case, "contact")
    assert re.search(rf'<a class="govuk-link" href="{contact}">[^<]+</a>', html), "the response links to its section"
    row = overdue_row(html)
    assert 'class="govuk-link" href="/cases/' not in row.split("<br>")[0], "no section link for the summary's own"


@pytest.mark.parametrize("name", [s.name for s in SECTIONS if s.name != "detail"])
def test_each_section_reads_a_bounded_number_of_queries(client, officer, overdue_case, name):
    client.force_login(officer)
    url = section(overdue_case, name)
    client.get(url)  # once untimed: the first request in a process reads what it then caches
    queries = count_queries(client, url)
    print(f"{name}: {queries} queries")
    assert queries <= {"contact": 9, "support": 10, "court": 6, "documents": 7, "timeline": 7}[name]
