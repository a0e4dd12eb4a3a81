"""The response services: each writes its timeline entry and access-log change, ends or opens the
commitments the charter says, and records a submission once."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import CaseStateError, close_case, close_case_with_outcome, record_key_decision
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, KeyDecision
from victimcare.response import services
from victimcare.response.grades import grade, grades

Kind = TimelineEvent.Kind


def changes(case, user):
    return list(CaseAccessLog.objects.filter(case=case, user=user, action=CaseAccessLog.Action.CHANGED)
                .values_list("what", flat=True))


def response_commitments(case):
    return case.commitments.filter(kind=CommitmentKind.RESPONSE).order_by("opened_at", "id")


def test_grades_come_from_the_configured_deadlines(settings):
    assert [(g.number, g.name_en, g.target_minutes, g.rural_target_minutes) for g in grades()] == [
        (1, "Emergency", 15, 20), (2, "Priority", 60, 60), (3, "Scheduled", 48 * 60, 48 * 60),
        (4, "Resolution without deployment", 24 * 60, 24 * 60)]
    assert grade(1).name("cy") == "Argyfwng"
    settings.CHARTER_DEADLINES = {"response_minutes": {1: 12}, "response_grade_1_rural_minutes": 18}
    assert (grade(1).target_for(False), grade(1).target_for(True)) == (12, 18)


def test_dispatch(graded, officer, colleague, call_handler):
    event = services.record_dispatch(graded, colleague, actor=call_handler)
    assert event.kind == Kind.OFFICER_DISPATCHED
    assert event.data == {"officer": colleague.pk, "officer_name": "Gareth Lewis"}
    assert event.actor == call_handler
    assert response_commitments(graded).get().status == Commitment.Status.OPEN, "still owed until attendance"
    assert "dispatched an officer" in changes(graded, call_handler)


def test_attendance_meets_the_response_commitment(graded, officer):
    event = services.record_attendance(graded, actor=officer)
    assert event.kind == Kind.OFFICER_ATTENDED
    assert response_commitments(graded).get().status == Commitment.Status.MET
    assert "recorded attendance" in changes(graded, officer)


def test_late_attendance_is_met_late(graded, officer):
    services.record_attendance(graded, actor=officer, at=timezone.now() + timedelta(hours=2))
    assert response_commitments(graded).get().status == Commitment.Status.MET_LATE


def test_declined_attendance_waives_with_the_reason(graded, officer):
    event = services.record_attendance_declined(graded, actor=officer, reason="Would rather talk by phone")
    assert event.kind == Kind.ATTENDANCE_DECLINED
    assert event.data == {"reason": "Would rather talk by phone"}
    commitment = response_commitments(graded).get()
    assert commitment.status == Commitment.Status.WAIVED
    assert commitment.waive_reason == "The victim chose not to have an officer attend"
    waived = graded.timeline.get(kind=Kind.COMMITMENT_WAIVED)
    assert waived.data["reason"] == "The victim chose not to have an officer attend"
    assert "recorded that the victim did not want an officer to attend" in changes(graded, officer)


def test_regrade_keeps_every_grade_and_rationale(graded, officer, supervisor):
    later = timezone.now() + timedelta(minutes=5)
    second = services.regrade(graded, 1, actor=officer, rationale="Suspect returned with a knife", at=later)
    third = services.regrade(graded, 3, actor=supervisor, rationale="Suspect arrested; victim safe",
                             at=later + timedelta(minutes=10))

    graded.refresh_from_db()
    assert graded.response_grade == 3
    history = list(graded.timeline.filter(kind=Kind.RESPONSE_GRADED).order_by("occurred_at", "id")
                   .values_list("data", flat=True))
    assert [(h["grade"], h["previous_grade"], h["rationale"]) for h in history] == [
        (2, None, "Caller frightened, suspect nearby"),
        (1, 2, "Suspect returned with a knife"),
        (3, 1, "Suspect arrested; victim safe"),
    ]
    first, second_db, third_db = response_commitments(graded)
    assert (first.status, second_db.status, third_db.status) == ("waived", "waived", "open")
    assert first.waive_reason == "Re-graded to grade 1"
    assert second.due_at == later + timedelta(minutes=15), "re-timed from the re-grade"
    assert third.due_at == later + timedelta(minutes=10, hours=48)


def test_regrade_needs_a_rationale(graded, officer):
    with pytest.raises(CaseStateError):
        services.regrade(graded, 1, actor=officer, rationale="  ")
    assert response_commitments(graded).count() == 1


@pytest.mark.parametrize("record", [
    lambda case, user: services.record_dispatch(case, user, actor=user),
    lambda case, user: services.record_attendance(case, actor=user),
    lambda case, user: services.record_attendance_declined(case, actor=user),
    lambda case, user: services.regrade(case, 1, actor=user, rationale="r"),
], ids=["dispatch", "attendance", "declined", "regrade"])
def test_only_while_awaiting_attendance(case, graded, officer, record):
    services.record_attendance(graded, actor=officer)
    before = graded.timeline.count()
    with pytest.raises(CaseStateError):
        record(graded, officer)
    assert graded.timeline.count() == before


@pytest.mark.parametrize(("record", "kind"), [
    (lambda case, user, key: services.record_dispatch(case, user, actor=user, idempotency_key=key),
     Kind.OFFICER_DISPATCHED),
    (lambda case, user, key: services.record_attendance(case, actor=user, idempotency_key=key), Kind.OFFICER_ATTENDED),
    (lambda case, user, key: services.record_attendance_declined(case, actor=user, idempotency_key=key),
     Kind.ATTENDANCE_DECLINED),
    (lambda case, user, key: services.regrade(case, 1, actor=user, rationale="r", idempotency_key=key),
     Kind.RESPONSE_GRADED),
    (lambda case, user, key: close_case_with_outcome(case, "charged", actor=user, idempotency_key=key),
     Kind.CASE_CLOSED),
], ids=["dispatch", "attendance", "declined", "regrade", "close"])
def test_sent_twice_recorded_once(graded, officer, record, kind):
    key = str(uuid.uuid4())
    first = record(graded, officer, key)
    again = record(graded, officer, key)
    assert getattr(again, "pk", None) == getattr(first, "pk", None)
    assert graded.timeline.filter(kind=kind, source_key=f"submission:{key}").count() == 1
    assert graded.commitments.filter(kind=CommitmentKind.RESPONSE).count() == (2 if kind == Kind.RESPONSE_GRADED
                                                                                else 1)
    assert graded.timeline.filter(kind=Kind.COMMITMENT_OPENED).count() == (2 if kind == Kind.RESPONSE_GRADED else 1)


def test_closing_with_an_outcome_waives_or_misses_each_open_commitment(graded, officer):
    decision = record_key_decision(graded, KeyDecision.NO_FURTHER_ACTION, actor=officer, tell_victim="NFA")
    response = response_commitments(graded).get()
    case = close_case_with_outcome(graded, "nfa_evidential", actor=officer, waive={response.pk: "Victim moved away"})

    assert case.status == "closed" and case.closed_at
    response.refresh_from_db()
    decision.refresh_from_db()
    assert (response.status, response.waive_reason) == ("waived", "Victim moved away")
    assert decision.status == "missed"
    closed = graded.timeline.get(kind=Kind.CASE_CLOSED)
    assert closed.data == {"outcome": "nfa_evidential"}
    assert "closed the case" in changes(graded, officer)


def test_closing_is_all_or_nothing(graded, officer, monkeypatch):
    record_key_decision(graded, KeyDecision.CHARGED, actor=officer)
    from victimcare.cases import services as case_services

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(case_services, "miss_commitment", broken)
    with pytest.raises(RuntimeError):
        close_case_with_outcome(graded, "charged", actor=officer, waive={response_commitments(graded).get().pk: "x"})
    graded.refresh_from_db()
    assert graded.status == "open"
    assert graded.commitments.open().count() == 2
    assert not graded.timeline.filter(kind__in=[Kind.CASE_CLOSED, Kind.COMMITMENT_WAIVED]).exists()


def test_closing_needs_an_outcome_and_an_open_case(graded, officer):
    with pytest.raises(CaseStateError):
        close_case_with_outcome(graded, "", actor=officer)
    close_case(graded, actor=officer)
    with pytest.raises(CaseStateError):
        close_case_with_outcome(graded, "charged", actor=officer)
