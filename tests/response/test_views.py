"""The response pages, the control room and case closure, through the web client."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CrimeFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.web.conftest import count_queries, in_welsh, make_case
from victimcare.cases.models import TimelineEvent
from victimcare.cases.services import close_case, grade_response, record_key_decision
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, KeyDecision
from victimcare.organisations.models import Membership, Organisation
from victimcare.response import services

Kind = TimelineEvent.Kind
PAGES = ["response:dispatch", "response:attendance", "response:declined", "response:regrade"]


def url(name, case):
    return reverse(name, kwargs={"case_id": case.pk})


def submission_id(html):
    return html.split('name="submission_id" value="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("persona, status", [
    ("officer", 200), ("colleague", 200), ("supervisor", 200), ("call_handler", 200),
    ("other_officer", 404), ("administrator", 404),
])
def test_who_may_use_the_response_pages(client, personas, graded, name, persona, status):
    client.force_login(personas[persona])
    assert client.get(url(name, graded)).status_code == status


@pytest.mark.parametrize("name", PAGES)
def test_not_awaiting_attendance_is_404(client, officer, graded, name):
    services.record_attendance(graded, actor=officer)
    client.force_login(officer)
    assert client.get(url(name, graded)).status_code == 404


def test_case_panel_links_only_while_awaiting(client, officer, other_officer, graded):
    client.force_login(officer)
    page = client.get(url("cases:contact", graded)).content.decode()
    assert "Awaiting attendance" in page
    for name in PAGES:
        assert url(name, graded) in page
    services.record_attendance(graded, actor=officer)
    page = client.get(url("cases:contact", graded)).content.decode()
    assert "Awaiting attendance" not in page and url("response:dispatch", graded) not in page


@pytest.mark.parametrize("name", PAGES)
def test_the_pages_lead_back_to_the_contact_section(client, officer, graded, name):
    client.force_login(officer)
    page = client.get(url(name, graded)).content.decode()
    back = f'href="{url("cases:contact", graded)}"'
    assert f'<a {back} class="govuk-back-link">' in page
    assert f'<a class="govuk-link" {back}>Cancel</a>' in page


def test_dispatch_page(client, call_handler, colleague, other_officer, graded):
    client.force_login(call_handler)
    page = client.get(url("response:dispatch", graded)).content.decode()
    assert "Gareth Lewis" in page and "Olwen Price" in page
    assert "Dewi Hughes" not in page, "only the unit's officers"
    response = client.post(url("response:dispatch", graded), {"officer": other_officer.pk})
    assert response.status_code == 200
    assert 'href="#id_officer">Select the officer being sent' in response.content.decode()
    response = client.post(url("response:dispatch", graded), {"officer": colleague.pk})
    assert response.status_code == 302
    assert graded.timeline.get(kind=Kind.OFFICER_DISPATCHED).data["officer_name"] == "Gareth Lewis"


@pytest.mark.parametrize("name, data, kind", [
    ("response:dispatch", lambda users: {"officer": users["colleague"].pk}, Kind.OFFICER_DISPATCHED),
    ("response:attendance", lambda users: {}, Kind.OFFICER_ATTENDED),
    ("response:declined", lambda users: {"reason": "Prefers the phone"}, Kind.ATTENDANCE_DECLINED),
    ("response:regrade", lambda users: {"grade": "1", "rationale": "Weapon now seen"}, Kind.RESPONSE_GRADED),
])
def test_each_page_sent_twice_records_once(client, personas, graded, name, data, kind):
    client.force_login(personas["officer"])
    form = {**data(personas), "submission_id": submission_id(client.get(url(name, graded)).content.decode())}
    assert client.post(url(name, graded), form).status_code == 302
    assert client.post(url(name, graded), form).status_code == 302
    assert graded.timeline.filter(kind=kind, actor=personas["officer"]).count() == 1


def test_regrade_page_shows_targets_and_needs_a_rationale(client, officer, graded):
    client.force_login(officer)
    page = client.get(url("response:regrade", graded)).content.decode()
    assert "Grade 1: Emergency, within 15 minutes" in page
    assert "Grade 3: Scheduled, within 48 hours" in page
    graded.location_is_rural = True
    graded.save()
    assert "Grade 1: Emergency, within 20 minutes" in client.get(url("response:regrade", graded)).content.decode()
    response = client.post(url("response:regrade", graded), {"grade": "1", "rationale": " "})
    html = response.content.decode()
    assert '<a href="#id_rationale">Enter why the response is being re-graded</a>' in html
    assert graded.commitments.filter(kind=CommitmentKind.RESPONSE).count() == 1


def test_declined_page_waives(client, officer, graded):
    client.force_login(officer)
    response = client.post(url("response:declined", graded), {"reason": "Would rather talk by phone"})
    assert response.status_code == 302
    assert response["Location"] == url("cases:contact", graded)
    commitment = graded.commitments.get(kind=CommitmentKind.RESPONSE)
    assert commitment.status == Commitment.Status.WAIVED
    page = client.get(response["Location"]).content.decode()
    assert "Awaiting attendance" not in page, "the panel goes once no officer is to attend"
    timeline = client.get(url("cases:timeline", graded)).content.decode()
    assert "The victim chose not to have an officer attend." in timeline
    assert "Would rather talk by phone" in timeline
    welsh = in_welsh(client).get(url("cases:timeline", graded)).content.decode()
    assert "Dewisodd y dioddefwr beidio â chael swyddog yn dod" in welsh


# --- Control room ---------------------------------------------------------------------------------

def awaiting(unit, officer, recorded_by, grade=2, minutes_ago=0, **crime):
    case = make_case(unit, officer, recorded_by, crime=CrimeFactory(**crime))
    grade_response(case, grade, actor=recorded_by, rationale="r", at=timezone.now() - timedelta(minutes=minutes_ago))
    return case


def test_control_room_orders_by_time_left_overdue_first(client, call_handler, unit, officer, colleague):
    later = awaiting(unit, officer, call_handler, grade=3, reference="GW/LATER")
    awaiting(unit, officer, call_handler, grade=1, minutes_ago=40, reference="GW/LATE")
    soon = awaiting(unit, officer, call_handler, grade=2, minutes_ago=10, reference="GW/SOON")
    services.record_dispatch(soon, colleague, actor=call_handler)
    attended = awaiting(unit, officer, call_handler, reference="GW/ATTENDED")
    services.record_attendance(attended, actor=officer)
    client.force_login(call_handler)
    html = client.get(reverse("response:control-room")).content.decode()
    assert html.index("GW/LATE") < html.index("GW/SOON") < html.index("GW/LATER")
    assert "GW/ATTENDED" not in html
    assert "25 minutes late" in html and "govuk-tag--red" in html
    assert "Gareth Lewis" in html
    assert "2: Priority" in html and f'href="{url("cases:contact", later)}"' in html
    welsh = in_welsh(client).get(reverse("response:control-room")).content.decode()
    assert "Ystafell reoli" in welsh and "25 munud yn hwyr" in welsh


@pytest.fixture
def elsewhere(db):
    """A unit of another force, with its own call handler and a report awaiting attendance."""
    force = OrganisationFactory(code="dyfed-powys", kind=Organisation.Kind.FORCE, name_en="Dyfed-Powys Police")
    unit = OrganisationFactory(code="dp-response", parent=OrganisationFactory(code="dp-west", parent=force))
    handler = UserFactory(username="dp-handler")
    MembershipFactory(user=handler, organisation=force, role=Membership.Role.CALL_HANDLER)
    return {"unit": unit, "handler": handler,
            "case": awaiting(unit, None, handler, reference="GW/DYFED")}


def test_call_handler_sees_the_force_and_can_open_those_cases(client, call_handler, other_unit, other_officer,
                                                              elsewhere):
    theirs = awaiting(other_unit, other_officer, other_officer, reference="GW/CAERPHILLY")
    not_awaiting = make_case(other_unit, other_officer, other_officer, crime=CrimeFactory(reference="GW/QUIET"))
    client.force_login(call_handler)
    html = client.get(reverse("response:control-room")).content.decode()
    assert "GW/CAERPHILLY" in html
    assert "GW/DYFED" not in html, "another force"
    assert f'href="{url("cases:contact", theirs)}"' in html, "the control room opens the contact section"
    pages = ("cases:detail", "cases:contact")  # the summary, and the section the control room links to
    for name in pages:
        assert client.get(url(name, theirs)).status_code == 200, name
        assert client.get(url(name, not_awaiting)).status_code == 404, name
        assert client.get(url(name, elsewhere["case"])).status_code == 404, name
    assert client.get(url("response:dispatch", theirs)).status_code == 200
    services.record_attendance(theirs, actor=other_officer)
    for name in pages:
        assert client.get(url(name, theirs)).status_code == 404, f"{name}: once attended, no longer the control room's"


def test_officers_see_their_units_only(client, officer, other_officer, call_handler, unit, other_unit):
    awaiting(unit, officer, call_handler, reference="GW/MINE")
    awaiting(other_unit, other_officer, call_handler, reference="GW/THEIRS")
    client.force_login(officer)
    html = client.get(reverse("response:control-room")).content.decode()
    assert "GW/MINE" in html and "GW/THEIRS" not in html


def test_administrator_is_refused(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("response:control-room")).status_code == 403


def test_control_room_queries_are_bounded(client, call_handler, unit, officer, colleague):
    first = awaiting(unit, officer, call_handler)
    services.record_dispatch(first, colleague, actor=call_handler)
    client.force_login(call_handler)
    one = count_queries(client, reverse("response:control-room"))
    for _ in range(19):
        services.record_dispatch(awaiting(unit, officer, call_handler), colleague, actor=call_handler)
    assert count_queries(client, reverse("response:control-room")) == one


# --- Closing a case -------------------------------------------------------------------------------

def close_url(case):
    return reverse("cases:close", kwargs={"case_id": case.pk})


def test_close_page_lists_what_is_still_owed(client, officer, graded):
    record_key_decision(graded, KeyDecision.CHARGED, actor=officer)
    client.force_login(officer)
    page = client.get(close_url(graded)).content.decode()
    assert "Attend within the response target, due" in page
    assert "Tell the victim about an investigation decision, due" in page
    assert "No further action: evidential difficulties" in page


def test_close_with_outcome(client, officer, graded):
    decision = record_key_decision(graded, KeyDecision.CHARGED, actor=officer)
    response_commitment = graded.commitments.get(kind=CommitmentKind.RESPONSE)
    client.force_login(officer)
    form = {"outcome": "charged", f"end_{response_commitment.pk}": "waive",
            f"reason_{response_commitment.pk}": "Victim attended the station instead",
            f"end_{decision.pk}": "miss",
            "submission_id": submission_id(client.get(close_url(graded)).content.decode())}
    response = client.post(close_url(graded), form)
    assert response.status_code == 302
    assert client.post(close_url(graded), form).status_code == 302, "sent twice: recorded once"
    graded.refresh_from_db()
    assert graded.status == "closed"
    assert graded.timeline.filter(kind=Kind.CASE_CLOSED).count() == 1
    response_commitment.refresh_from_db()
    decision.refresh_from_db()
    assert response_commitment.waive_reason == "Victim attended the station instead"
    assert decision.status == "missed"
    assert response["Location"] == url("cases:detail", graded)
    page = client.get(url("cases:timeline", graded)).content.decode()
    assert "The case was closed. Outcome: Charged or summonsed." in page
    assert "Victim attended the station instead" in page


@pytest.mark.parametrize("data, field, message", [
    ({}, "outcome", "Select the outcome"),
    ({"outcome": "won"}, "outcome", "Select the outcome"),
    ({"outcome": "charged"}, "end_{pk}", "Select what happens to: Attend within the response target"),
    ({"outcome": "charged", "end_{pk}": "waive"}, "reason_{pk}",
     "Enter why it is waived: Attend within the response target"),
])
def test_close_errors_name_the_field_and_change_nothing(client, officer, graded, data, field, message):
    pk = graded.commitments.get(kind=CommitmentKind.RESPONSE).pk
    client.force_login(officer)
    before = (graded.timeline.count(), list(graded.commitments.values_list("status", flat=True)))
    response = client.post(close_url(graded), {k.format(pk=pk): v for k, v in data.items()})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<a href="#id_{field.format(pk=pk)}">{message}' in html
    assert "<title>Error: " in html
    graded.refresh_from_db()
    assert graded.status == "open"
    assert (graded.timeline.count(), list(graded.commitments.values_list("status", flat=True))) == before


def test_closed_case_close_page_redirects(client, officer, case):
    close_case(case, actor=officer)
    client.force_login(officer)
    assert client.get(close_url(case)).status_code == 302


def test_close_page_in_welsh(client, officer, graded):
    client.force_login(officer)
    html = in_welsh(client).post(close_url(graded), {}).content.decode()
    assert "Cau'r achos" in html and "Mae problem wedi codi" in html


def test_decision_form_lists_every_decision_and_asks_what_to_tell_the_victim(client, officer, case):
    client.force_login(officer)
    page = client.get(reverse("cases:record-decision", kwargs={"case_id": case.pk})).content.decode()
    for decision in KeyDecision:
        assert f'value="{decision.value}"' in page
    assert "No further action" in page
    assert "What will you tell the victim?" in page
    response = client.post(reverse("cases:record-decision", kwargs={"case_id": case.pk}),
                           {"decision": "no_further_action", "tell_victim": "No further action will be taken."})
    assert response.status_code == 302
    commitment = case.commitments.get(kind=CommitmentKind.INFORM_DECISION)
    assert commitment.detail["tell_victim"] == "No further action will be taken."
    told = client.get(reverse("cases:record-informed", kwargs={"case_id": case.pk, "commitment_id": commitment.pk}))
    assert "No further action will be taken." in told.content.decode()


def test_call_handler_dispatches_in_another_unit_of_the_force(client, call_handler, other_unit, other_officer):
    theirs = awaiting(other_unit, other_officer, other_officer)
    client.force_login(call_handler)
    response = client.post(url("response:dispatch", theirs), {"officer": other_officer.pk})
    assert response.status_code == 302
    assert theirs.timeline.get(kind=Kind.OFFICER_DISPATCHED).actor == call_handler
    assert client.get(reverse("cases:record-decision", kwargs={"case_id": theirs.pk})).status_code == 403
