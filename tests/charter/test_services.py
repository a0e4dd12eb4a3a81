"""Commitments opened and ended through the case services, with the timeline they write."""

import datetime as dt
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from tests.factories import CrimeFactory, VictimFactory
from victimcare.cases import services as cases
from victimcare.cases.models import TimelineEvent
from victimcare.charter import services as charter
from victimcare.charter.calendar import LONDON
from victimcare.charter.models import Commitment, OverdueAlert
from victimcare.charter.rules import DEFAULT_DEADLINES, CommitmentKind, KeyDecision, inform_decision_commitment

pytestmark = pytest.mark.django_db

Status = Commitment.Status
Kind = TimelineEvent.Kind

FRIDAY_4PM = dt.datetime(2025, 7, 4, 16, 0, tzinfo=LONDON)


def london(year, month, day, hour=0, minute=0, second=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


def kinds(case) -> list[str]:
    return list(case.timeline.values_list("kind", flat=True))


def new_case(unit, officer, recorded_by, *, victim=None, crime=None, **circumstances):
    return cases.open_case(
        victim=victim or VictimFactory(), crime=crime or CrimeFactory(), unit=unit, officer=officer,
        recorded_by=recorded_by, **circumstances,
    )


# Opening a case


def test_open_case_writes_the_timeline_and_assesses_an_ordinary_case(case, call_handler):
    assert kinds(case) == [Kind.CASE_OPENED, Kind.ENHANCED_RIGHTS_ASSESSED]
    assessed = case.timeline.get(kind=Kind.ENHANCED_RIGHTS_ASSESSED)
    assert assessed.actor == call_handler
    assert assessed.data == {"eligible": False, "reasons": []}
    assert case.enhanced_rights is False


def test_under_18_victim_has_enhanced_rights(unit, officer, call_handler):
    fifteen = timezone.localdate() - dt.timedelta(days=15 * 365 + 10)
    case = new_case(unit, officer, call_handler, victim=VictimFactory(date_of_birth=fifteen))
    assert case.enhanced_rights is True
    assert case.enhanced_rights_reasons == ["under_18"]
    assert case.timeline.get(kind=Kind.ENHANCED_RIGHTS_ASSESSED).data == {"eligible": True, "reasons": ["under_18"]}


def test_domestic_abuse_crime_gives_enhanced_rights(unit, officer, call_handler):
    case = new_case(unit, officer, call_handler, crime=CrimeFactory(is_domestic_abuse=True))
    assert case.enhanced_rights is True
    assert case.enhanced_rights_reasons == ["domestic_abuse"]


def test_circumstances_found_at_first_contact_give_enhanced_rights(unit, officer, call_handler):
    case = new_case(unit, officer, call_handler, is_vulnerable=True, is_intimidated=True)
    assert case.enhanced_rights_reasons == ["vulnerable", "intimidated"]


# Response grade and attendance


def test_grade_opens_a_response_commitment_due_at_the_grade_target(case, call_handler, unit, officer):
    at = london(2025, 7, 7, 10)
    commitment = cases.grade_response(case, 2, actor=call_handler, rationale="Suspect nearby", at=at)
    assert commitment.kind == CommitmentKind.RESPONSE
    assert commitment.standard == 2
    assert commitment.status == Status.OPEN
    assert commitment.due_at == at + timedelta(minutes=60)
    assert commitment.owner_organisation == unit
    assert commitment.owner_person == officer
    graded = case.timeline.get(kind=Kind.RESPONSE_GRADED)
    assert commitment.opened_by_event == graded
    assert graded.data == {"grade": 2, "previous_grade": None, "rationale": "Suspect nearby"}
    assert case.timeline.filter(kind=Kind.COMMITMENT_OPENED, data__commitment=commitment.pk).exists()


def test_grade_1_in_a_rural_place_allows_20_minutes(unit, officer, call_handler):
    case = new_case(unit, officer, call_handler, location_is_rural=True)
    at = london(2025, 7, 7, 10)
    commitment = cases.grade_response(case, 1, actor=call_handler, rationale="Weapon seen", at=at)
    assert commitment.due_at == at + timedelta(minutes=20)


def test_regrading_waives_the_earlier_commitment_with_a_reason_and_opens_a_new_one(case, call_handler):
    first_at, second_at = london(2025, 7, 7, 10), london(2025, 7, 7, 10, 20)
    first = cases.grade_response(case, 3, actor=call_handler, rationale="No immediate risk", at=first_at)
    second = cases.grade_response(case, 1, actor=call_handler, rationale="Suspect returned", at=second_at)

    first.refresh_from_db()
    assert first.status == Status.WAIVED
    assert first.waive_reason == "Re-graded to grade 1"
    assert first.closed_at == second_at
    assert second.status == Status.OPEN
    assert second.due_at == second_at + timedelta(minutes=15)
    assert case.commitments.open().get() == second
    rationales = list(case.timeline.filter(kind=Kind.RESPONSE_GRADED).values_list("data__rationale", flat=True))
    assert rationales == ["No immediate risk", "Suspect returned"]
    assert case.timeline.get(kind=Kind.COMMITMENT_WAIVED).data["reason"] == "Re-graded to grade 1"


@pytest.mark.parametrize(("minutes_after", "status"), [(59, Status.MET), (60, Status.MET), (61, Status.MET_LATE)])
def test_attendance_meets_the_response_on_time_or_late(case, call_handler, officer, minutes_after, status):
    at = london(2025, 7, 7, 10)
    commitment = cases.grade_response(case, 2, actor=call_handler, rationale="Priority", at=at)
    cases.record_attendance(case, actor=officer, at=at + timedelta(minutes=minutes_after))
    commitment.refresh_from_db()
    assert commitment.status == status
    assert commitment.closed_by == officer
    met = case.timeline.get(kind=Kind.COMMITMENT_MET)
    assert met.data["on_time"] is (status == Status.MET)
    assert Kind.OFFICER_ATTENDED in kinds(case)


# Key decisions and telling the victim


def test_key_decision_gives_five_working_days_without_enhanced_rights(case, officer):
    commitment = cases.record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=officer, at=FRIDAY_4PM)
    assert commitment.kind == CommitmentKind.INFORM_DECISION
    assert commitment.due_at == london(2025, 7, 11, 23, 59, 59)
    assert commitment.detail == {"decision": "suspect_arrested", "working_days": 5, "enhanced": False}
    assert commitment.opened_by_event == case.timeline.get(kind=Kind.KEY_DECISION)


def test_key_decision_gives_one_working_day_with_enhanced_rights(unit, officer, call_handler):
    case = new_case(unit, officer, call_handler, crime=CrimeFactory(is_hate_crime=True))
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    assert commitment.due_at == london(2025, 7, 7, 23, 59, 59)


def test_deadline_policy_comes_from_settings(case, officer):
    with override_settings(CHARTER_DEADLINES={"decision_working_days": 2}):
        commitment = cases.record_key_decision(case, KeyDecision.BAILED, actor=officer, at=FRIDAY_4PM)
    assert commitment.due_at == london(2025, 7, 8, 23, 59, 59)
    later = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    assert later.due_at == london(2025, 7, 11, 23, 59, 59)


def test_informing_the_victim_meets_the_commitment(case, officer):
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    met = cases.record_victim_informed(commitment, actor=officer, at=london(2025, 7, 7, 9), how="phone")
    assert met.status == Status.MET
    informed = case.timeline.get(kind=Kind.VICTIM_INFORMED)
    assert informed.data == {"decision": "charged", "how": "phone"}


def test_informing_the_victim_after_the_deadline_is_met_late(unit, officer, call_handler):
    case = new_case(unit, officer, call_handler, is_vulnerable=True)
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    met = cases.record_victim_informed(commitment, actor=officer, at=london(2025, 7, 8, 0, 0, 1))
    assert met.status == Status.MET_LATE


def test_informing_twice_is_refused(case, officer):
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    cases.record_victim_informed(commitment, actor=officer, at=london(2025, 7, 7, 9))
    with pytest.raises(charter.CommitmentStateError):
        cases.record_victim_informed(commitment, actor=officer, at=london(2025, 7, 7, 10))


# Referral to support: tests/support (consent in the ledger, the referral's life, each step's commitment).


# Refusals


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_waiving_without_a_reason_is_refused_and_changes_nothing(case, officer, supervisor, reason):
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    timeline_before = case.timeline.count()
    with pytest.raises(charter.CommitmentStateError, match="reason"):
        charter.waive_commitment(commitment, actor=supervisor, reason=reason)
    commitment.refresh_from_db()
    assert commitment.status == Status.OPEN
    assert commitment.closed_at is None
    assert commitment.closed_by is None
    assert case.timeline.count() == timeline_before


def test_waiving_with_a_reason_closes_it(case, officer, supervisor):
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    waived = charter.waive_commitment(commitment, actor=supervisor, reason="  Victim asked not to be told  ")
    assert waived.status == Status.WAIVED
    assert waived.waive_reason == "Victim asked not to be told"
    assert waived.closed_by == supervisor


@pytest.mark.parametrize("close", ["meet", "waive", "miss"])
def test_meeting_a_closed_commitment_is_refused(case, officer, close):
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    if close == "meet":
        charter.meet_commitment(commitment, actor=officer)
    elif close == "waive":
        charter.waive_commitment(commitment, actor=officer, reason="Duplicate")
    else:
        charter.miss_commitment(commitment, actor=officer, reason="Case closed")
    closed = Commitment.objects.get(pk=commitment.pk)
    timeline_before = case.timeline.count()
    with pytest.raises(charter.CommitmentStateError, match="already"):
        charter.meet_commitment(commitment, actor=officer)
    assert Commitment.objects.get(pk=commitment.pk).status == closed.status
    assert case.timeline.count() == timeline_before


def test_only_an_inform_commitment_is_met_by_informing(case, call_handler, officer):
    response = cases.grade_response(case, 2, actor=call_handler, rationale="Priority")
    with pytest.raises(cases.CaseStateError):
        cases.record_victim_informed(response, actor=officer)


# Closing a case


def test_closing_a_case_marks_open_commitments_missed(case, call_handler, officer, supervisor):
    response = cases.grade_response(case, 3, actor=call_handler, rationale="Scheduled", at=london(2025, 7, 7, 9))
    inform = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=london(2025, 7, 7, 10))
    cases.record_victim_informed(inform, actor=officer, at=london(2025, 7, 7, 11))

    cases.close_case(case, actor=supervisor, at=london(2025, 7, 8, 9))

    response.refresh_from_db()
    inform.refresh_from_db()
    assert response.status == Status.MISSED
    assert response.closed_by == supervisor
    assert inform.status == Status.MET
    assert case.timeline.filter(kind=Kind.COMMITMENT_MISSED).count() == 1
    assert case.timeline.filter(kind=Kind.CASE_CLOSED, actor=supervisor).count() == 1
    with pytest.raises(cases.CaseStateError):
        cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer)


# Overdue: the timeline and the owner's alert


def test_record_overdue_writes_the_timeline_and_an_alert_for_the_owner(case, officer, unit):
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    after_due = commitment.due_at + timedelta(seconds=1)
    assert charter.record_overdue(commitment, at=after_due) is True

    commitment.refresh_from_db()
    assert commitment.overdue_recorded_at == after_due
    assert commitment.status == Status.OPEN
    overdue = case.timeline.get(kind=Kind.COMMITMENT_OVERDUE)
    assert overdue.data["owner_organisation"] == unit.pk
    assert overdue.data["owner_person"] == officer.pk
    alert = OverdueAlert.objects.get(commitment=commitment)
    assert (alert.owner_organisation, alert.owner_person, alert.created_at) == (unit, officer, after_due)
    assert alert.acknowledged_at is None


def test_record_overdue_only_once_and_only_when_due(case, officer):
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    assert charter.record_overdue(commitment, at=commitment.due_at) is False
    assert charter.record_overdue(commitment, at=commitment.due_at + timedelta(hours=1)) is True
    assert charter.record_overdue(commitment, at=commitment.due_at + timedelta(hours=2)) is False
    assert case.timeline.filter(kind=Kind.COMMITMENT_OVERDUE).count() == 1
    assert OverdueAlert.objects.count() == 1


def test_alerts_are_for_the_owner_and_their_organisations(case, officer, colleague, supervisor, other_officer):
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    charter.record_overdue(commitment, at=commitment.due_at + timedelta(hours=1))
    alert = OverdueAlert.objects.get()
    for user in (officer, colleague, supervisor):
        assert list(OverdueAlert.objects.for_user(user)) == [alert]
    assert not OverdueAlert.objects.for_user(other_officer).exists()


def test_alert_for_a_named_owner_outside_the_owning_organisation(case, other_officer):
    due = inform_decision_commitment(KeyDecision.CHARGED, FRIDAY_4PM, False, DEFAULT_DEADLINES)
    commitment = charter.open_commitment(case, due, owner_person=other_officer, at=FRIDAY_4PM)
    charter.record_overdue(commitment, at=commitment.due_at + timedelta(hours=1))
    assert OverdueAlert.objects.for_user(other_officer).get().commitment == commitment


def test_acknowledging_an_alert(case, officer, colleague, other_officer):
    commitment = cases.record_key_decision(case, KeyDecision.CHARGED, actor=officer, at=FRIDAY_4PM)
    charter.record_overdue(commitment, at=commitment.due_at + timedelta(hours=1))
    alert = OverdueAlert.objects.get()

    with pytest.raises(PermissionDenied):
        charter.acknowledge_alert(alert, other_officer)
    acknowledged = charter.acknowledge_alert(alert, colleague)
    assert acknowledged.acknowledged_by == colleague
    assert acknowledged.acknowledged_at is not None
    assert not OverdueAlert.objects.for_user(officer).unacknowledged().exists()
    with pytest.raises(charter.AlertStateError):
        charter.acknowledge_alert(alert, officer)


# The timeline is append-only


def test_timeline_entries_cannot_be_changed_or_deleted(case):
    entry = case.timeline.first()
    with pytest.raises(ValidationError):
        TimelineEvent.objects.filter(pk=entry.pk).update(data={"changed": True})
    with pytest.raises(ValidationError):
        TimelineEvent.objects.filter(pk=entry.pk).delete()
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    assert TimelineEvent.objects.get(pk=entry.pk).data == entry.data
