"""Charter standard 2: dispatch, attendance, the victim's choice not to have an officer attend, and
re-grading. One named function each; each runs in a transaction, writes the timeline entry and the
access-log change, and records a form submission only once (cases.services.once)."""

from django.utils import timezone
from django.utils.translation import gettext_noop

from victimcare.cases import services as cases
from victimcare.cases.models import Case, TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.charter.services import waive_commitment

ResponseStateError = cases.CaseStateError

DECLINED_REASON = gettext_noop("The victim chose not to have an officer attend")


def open_response(case: Case):
    return case.commitments.open().filter(kind=CommitmentKind.RESPONSE)


def awaiting_attendance(case: Case) -> bool:
    return case.status == Case.Status.OPEN and open_response(case).exists()


def _require_awaiting(case: Case) -> None:
    cases.require_open(case)
    if not open_response(case).exists():
        raise ResponseStateError("The report is not awaiting attendance")


def record_dispatch(case: Case, officer, *, actor, at=None, channel="web", idempotency_key=None) -> TimelineEvent:
    """An officer was sent to the victim. The response commitment stays open until they attend."""
    def perform():
        _require_awaiting(case)
        when = at or timezone.now()
        event = cases.record_event(case, TimelineEvent.Kind.OFFICER_DISPATCHED, actor, when,
                             idempotency_key=idempotency_key, officer=officer.pk, officer_name=str(officer))
        cases.log_change(case, actor, "dispatched an officer", channel)
        return event

    return cases.once(case, idempotency_key, perform, lambda event: event)


def record_attendance(case: Case, *, actor, at=None, channel="web", idempotency_key=None) -> TimelineEvent:
    """An officer attended: the response commitment is met (late if after the target)."""
    def perform():
        _require_awaiting(case)
        return cases._record_attendance(case, actor, at, channel, idempotency_key)

    return cases.once(case, idempotency_key, perform, lambda event: event)


def record_attendance_declined(case: Case, *, actor, reason: str = "", at=None, channel="web",
                               idempotency_key=None) -> TimelineEvent:
    """The victim chose not to have an officer attend: recorded, and the response commitment waived."""
    def perform():
        _require_awaiting(case)
        when = at or timezone.now()
        event = cases.record_event(case, TimelineEvent.Kind.ATTENDANCE_DECLINED, actor, when,
                             idempotency_key=idempotency_key, reason=(reason or "").strip())
        for commitment in open_response(case):
            waive_commitment(commitment, actor=actor, reason=DECLINED_REASON, at=when)
        cases.log_change(case, actor, "recorded that the victim did not want an officer to attend", channel)
        return event

    return cases.once(case, idempotency_key, perform, lambda event: event)


def regrade(case: Case, grade: int, *, actor, rationale: str, at=None, channel="web",
            idempotency_key=None) -> Commitment:
    """A new grade with its rationale: the previous response commitment is waived and a new one is
    timed from now. Every earlier grade and rationale stays on the timeline."""
    rationale = (rationale or "").strip()
    if not rationale:
        raise ResponseStateError("A rationale is needed to re-grade a response")
    previous = cases.replayed_event(case, idempotency_key)
    if previous is None:
        _require_awaiting(case)
    return cases.grade_response(case, grade, actor=actor, rationale=rationale, at=at, channel=channel,
                                idempotency_key=idempotency_key)
