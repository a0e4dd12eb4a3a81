"""State changes on a case, one named function each. Every function runs in a transaction, writes the
timeline entry with the acting user, and opens or ends the commitments the charter rules call for."""

from dataclasses import replace
from datetime import UTC

from django.db import IntegrityError, transaction
from django.utils import timezone

from victimcare.cases.access import log_case_access
from victimcare.cases.models import Case, CaseAccessLog, TimelineEvent
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.services import deadlines, meet_commitment, miss_commitment, open_commitment, waive_commitment


class CaseStateError(Exception):
    """The case is not in a state that allows the change asked for."""


def _submission_key(idempotency_key: str | None) -> str | None:
    return f"submission:{idempotency_key}" if idempotency_key else None


def record_event(case: Case, kind: str, actor, at, *, idempotency_key: str | None = None, **data) -> TimelineEvent:
    return TimelineEvent.objects.create(
        crime_id=case.crime_id, case=case, kind=kind, occurred_at=at, actor=actor, data=data,
        source_key=_submission_key(idempotency_key),
    )


def replayed_event(case: Case, idempotency_key: str | None) -> TimelineEvent | None:
    """The event an earlier submission with this key recorded (a form sent twice, a retry), if any."""
    if not idempotency_key:
        return None
    return TimelineEvent.objects.filter(crime_id=case.crime_id, source_key=_submission_key(idempotency_key)).first()


def once(case: Case, idempotency_key: str | None, perform, replay):
    """Run `perform()` unless a submission with this key was already recorded; then `replay(event)`
    returns what the first one did. Two racing submissions: the unique (crime, source_key) constraint
    stops the second, which then replays the first."""
    previous = replayed_event(case, idempotency_key)
    if previous is not None:
        return replay(previous)
    try:
        with transaction.atomic():
            return perform()
    except IntegrityError:
        previous = replayed_event(case, idempotency_key)
        if previous is None:
            raise
        return replay(previous)


def _opened_by(kind):
    return lambda event: event.opened_commitments.get(kind=kind)


def log_change(case: Case, actor, what: str, channel: str) -> None:
    if actor is not None:
        log_case_access(case, actor, CaseAccessLog.Action.CHANGED, what=what, channel=channel)


def require_open(case: Case) -> None:
    if case.status != Case.Status.OPEN:
        raise CaseStateError("The case is closed")


def circumstances_of(case: Case) -> rules.VictimCircumstances:
    crime = case.crime
    reference_day = timezone.localdate(crime.occurred_at or case.opened_at)
    return rules.VictimCircumstances(
        offence=crime.offence,
        is_domestic_abuse=crime.is_domestic_abuse,
        is_hate_crime=crime.is_hate_crime,
        age=case.victim.age_on(reference_day),
        is_vulnerable=case.is_vulnerable,
        is_intimidated=case.is_intimidated,
        is_persistently_targeted=case.is_persistently_targeted,
        is_bereaved_relative=case.is_bereaved_relative,
    )


@transaction.atomic
def open_case(*, victim, crime, unit, recorded_by, officer=None, at=None, channel="web", **circumstances) -> Case:
    """A victim's case in a crime, with enhanced rights assessed from the start."""
    at = at or timezone.now()
    case = Case(victim=victim, crime=crime, unit=unit, officer=officer, recorded_by=recorded_by, opened_at=at,
                **circumstances)
    reasons = rules.enhanced_rights_reasons(circumstances_of(case))
    case.enhanced_rights = bool(reasons)
    case.enhanced_rights_reasons = [reason.value for reason in reasons]
    case.save()
    record_event(case, TimelineEvent.Kind.CASE_OPENED, recorded_by, at, unit=unit.pk)
    record_event(case, TimelineEvent.Kind.ENHANCED_RIGHTS_ASSESSED, recorded_by, at,
           eligible=case.enhanced_rights, reasons=case.enhanced_rights_reasons)
    log_change(case, recorded_by, "opened the case", channel)
    return case


def assign_officer(case: Case, officer, *, actor, at=None, channel="web", idempotency_key=None) -> Case:
    """Make `officer` the officer in charge; open commitments with no person owner become theirs."""
    return once(
        case, idempotency_key,
        lambda: _assign_officer(case, officer, actor, at, channel, idempotency_key),
        lambda event: Case.objects.get(pk=case.pk),
    )


def _assign_officer(case, officer, actor, at, channel, idempotency_key) -> Case:
    require_open(case)
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.officer_id == officer.pk:
        return case  # already in charge: nothing happened, nothing to record
    at = at or timezone.now()
    case.officer = officer
    case.save(update_fields=["officer"])
    # Only what the unit owes becomes the officer's; a victims' service or partner owes its own.
    case.commitments.open().filter(owner_person__isnull=True, owner_organisation=case.unit).update(owner_person=officer)
    record_event(case, TimelineEvent.Kind.OFFICER_ASSIGNED, actor, at, idempotency_key=idempotency_key,
           officer=officer.pk, officer_name=str(officer))
    log_change(case, actor, "assigned the officer", channel)
    return case


def grade_response(case: Case, grade: int, *, actor, rationale: str, at=None, channel="web",
                   idempotency_key=None) -> Commitment:
    """Set (or re-set) the response grade. A re-grade waives the previous response commitment."""
    return once(
        case, idempotency_key,
        lambda: _grade_response(case, grade, actor, rationale, at, channel, idempotency_key),
        _opened_by(rules.CommitmentKind.RESPONSE),
    )


def _grade_response(case, grade, actor, rationale, at, channel, idempotency_key) -> Commitment:
    require_open(case)
    # In UTC: a target is elapsed time, and adding it to a London time would add wall-clock time
    # (one hour out across a British Summer Time change).
    at = (at or timezone.now()).astimezone(UTC)
    due = rules.response_commitment(grade, at, case.location_is_rural, deadlines())
    for previous in case.commitments.open().filter(kind=rules.CommitmentKind.RESPONSE):
        waive_commitment(previous, actor=actor, reason=f"Re-graded to grade {grade}", at=at)
    previous_grade = case.response_grade
    case.response_grade = grade
    case.save(update_fields=["response_grade"])
    event = record_event(case, TimelineEvent.Kind.RESPONSE_GRADED, actor, at, idempotency_key=idempotency_key,
                   grade=grade, previous_grade=previous_grade, rationale=rationale)
    log_change(case, actor, f"graded the response {grade}", channel)
    return open_commitment(case, due, opened_by_event=event, at=at)


def record_attendance(case: Case, *, actor, at=None, channel="web", idempotency_key=None) -> TimelineEvent:
    """An officer attended: the open response commitment is met (late if after its target)."""
    return once(
        case, idempotency_key,
        lambda: _record_attendance(case, actor, at, channel, idempotency_key),
        lambda event: event,
    )


def _record_attendance(case, actor, at, channel, idempotency_key) -> TimelineEvent:
    require_open(case)
    at = at or timezone.now()
    event = record_event(case, TimelineEvent.Kind.OFFICER_ATTENDED, actor, at, idempotency_key=idempotency_key)
    for commitment in case.commitments.open().filter(kind=rules.CommitmentKind.RESPONSE):
        meet_commitment(commitment, actor=actor, at=at)
    log_change(case, actor, "recorded attendance", channel)
    return event


def record_key_decision(case: Case, decision: rules.KeyDecision, *, actor, at=None, note: str = "",
                        tell_victim: str = "", channel="web", idempotency_key=None) -> Commitment:
    """An investigation decision the victim must be told about within 1 (enhanced) or 5 working days.
    `tell_victim` is what the officer will tell them; it is kept on the event and the commitment."""
    return once(
        case, idempotency_key,
        lambda: _record_key_decision(case, decision, actor, at, note, tell_victim, channel, idempotency_key),
        _opened_by(rules.CommitmentKind.INFORM_DECISION),
    )


def _record_key_decision(case, decision, actor, at, note, tell_victim, channel, idempotency_key) -> Commitment:
    require_open(case)
    at = at or timezone.now()
    extra = {"tell_victim": tell_victim} if tell_victim else {}
    event = record_event(case, TimelineEvent.Kind.KEY_DECISION, actor, at, idempotency_key=idempotency_key,
                   decision=decision.value, note=note, **extra)
    due = rules.inform_decision_commitment(decision, at, case.enhanced_rights, deadlines())
    if tell_victim:
        due = replace(due, detail={**due.detail, "tell_victim": tell_victim})
    log_change(case, actor, f"recorded decision: {decision.value}", channel)
    return open_commitment(case, due, opened_by_event=event, at=at)


def record_victim_informed(commitment: Commitment, *, actor, at=None, how: str = "", channel="web",
                           idempotency_key=None) -> Commitment:
    """The victim was told about the decision the commitment is for."""
    return once(
        commitment.case, idempotency_key,
        lambda: _record_victim_informed(commitment, actor, at, how, channel, idempotency_key),
        lambda event: Commitment.objects.get(pk=commitment.pk),
    )


def _record_victim_informed(commitment, actor, at, how, channel, idempotency_key) -> Commitment:
    if commitment.kind != rules.CommitmentKind.INFORM_DECISION:
        raise CaseStateError("Only an inform-the-victim commitment is met by informing the victim")
    at = at or timezone.now()
    case = commitment.case
    event = record_event(case, TimelineEvent.Kind.VICTIM_INFORMED, actor, at, idempotency_key=idempotency_key,
                         decision=commitment.detail.get("decision"), how=how)
    log_change(case, actor, "recorded that the victim was informed", channel)
    from victimcare.notifications import victim_messages

    victim_messages.victim_informed(commitment, how, cause=event, at=at)  # in writing: the outbox sends it
    return meet_commitment(commitment, actor=actor, at=at)


@transaction.atomic
def close_case(case: Case, *, actor, at=None, channel="web") -> Case:
    """Close the case. Anything still owed is recorded as missed."""
    require_open(case)
    at = at or timezone.now()
    for commitment in case.commitments.open():
        miss_commitment(commitment, actor=actor, reason="Case closed before it was met", at=at)
    case.status = Case.Status.CLOSED
    case.closed_at = at
    case.save(update_fields=["status", "closed_at"])
    record_event(case, TimelineEvent.Kind.CASE_CLOSED, actor, at)
    log_change(case, actor, "closed the case", channel)
    return case


CLOSED_BEFORE_MET = "Case closed before it was met"


def close_case_with_outcome(case: Case, outcome: str, *, actor, waive: dict[int, str] | None = None, at=None,
                            channel="web", idempotency_key=None) -> Case:
    """Close the case with its outcome. Each commitment still open is waived with the reason given for
    it in `waive` ({commitment id: reason}) or, if it has none there, recorded as missed. All or nothing."""
    return once(
        case, idempotency_key,
        lambda: _close_case_with_outcome(case, outcome, actor, waive or {}, at, channel, idempotency_key),
        lambda event: Case.objects.get(pk=case.pk),
    )


def _close_case_with_outcome(case, outcome, actor, waive, at, channel, idempotency_key) -> Case:
    if not (outcome or "").strip():
        raise CaseStateError("An outcome is needed to close a case")
    case = Case.objects.select_for_update().get(pk=case.pk)
    require_open(case)
    at = at or timezone.now()
    for commitment in case.commitments.open().order_by("due_at", "id"):
        reason = (waive.get(commitment.pk) or "").strip()
        if reason:
            waive_commitment(commitment, actor=actor, reason=reason, at=at)
        else:
            miss_commitment(commitment, actor=actor, reason=CLOSED_BEFORE_MET, at=at)
    case.status = Case.Status.CLOSED
    case.closed_at = at
    case.save(update_fields=["status", "closed_at"])
    record_event(case, TimelineEvent.Kind.CASE_CLOSED, actor, at, idempotency_key=idempotency_key, outcome=outcome)
    log_change(case, actor, "closed the case", channel)
    return case
