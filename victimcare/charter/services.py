"""The one place commitments are opened and ended. Each function runs in a transaction and writes
the timeline entry for what it did."""

from functools import lru_cache

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from victimcare.cases.models import TimelineEvent
from victimcare.charter.models import Commitment, OverdueAlert
from victimcare.charter.rules import CommitmentDue, CommitmentKind, Deadlines
from victimcare.charter.signals import commitments_changed


class CommitmentStateError(Exception):
    """The commitment is not in a state that allows the change asked for."""


class AlertStateError(Exception):
    """The overdue alert is not in a state that allows the change asked for."""


@lru_cache(maxsize=1)
def deadlines() -> Deadlines:
    return Deadlines.with_overrides(settings.CHARTER_DEADLINES)


@receiver(setting_changed)
def _forget_deadlines(*, setting, **kwargs) -> None:
    if setting == "CHARTER_DEADLINES":
        deadlines.cache_clear()


def _record(commitment: Commitment, kind: str, actor, at, **data) -> TimelineEvent:
    """The timeline entry for a change to `commitment`; listeners (the Commissioner's figures) hear of it."""
    return _record_each([commitment], kind, actor, at, lambda _commitment: data)[0]


CASE_OFFICER = object()  # the default owner in person: the case's officer in charge, if any


@transaction.atomic
def open_commitment(case, due: CommitmentDue, *, opened_by_event=None, owner_organisation=None,
                    owner_person=CASE_OFFICER, at=None) -> Commitment:
    """Open what `due` says is owed. By default the case's unit and officer owe it; another organisation
    (a victims' service, a neighbourhood team, a partner agency) owes it when given as
    `owner_organisation`, with `owner_person` a named person or None for the organisation as a whole."""
    at = at or timezone.now()
    if owner_person is CASE_OFFICER:
        owner_person = case.officer if owner_organisation in (None, case.unit) else None
    commitment = Commitment.objects.create(
        case=case,
        kind=due.kind.value,
        standard=due.standard,
        owner_organisation=owner_organisation or case.unit,
        owner_person=owner_person,
        opened_by_event=opened_by_event,
        opened_at=at,
        due_at=due.due_at,
        detail=due.detail,
    )
    _record(commitment, TimelineEvent.Kind.COMMITMENT_OPENED, None, at, due_at=due.due_at.isoformat())
    return commitment


def _lock_open(commitment: Commitment) -> Commitment:
    locked = Commitment.objects.select_for_update(of=("self",)).select_related("case").get(pk=commitment.pk)
    if locked.status != Commitment.Status.OPEN:
        raise CommitmentStateError(f"Commitment {locked.pk} is already {locked.status}")
    return locked


@transaction.atomic
def meet_commitment(commitment: Commitment, *, actor, at=None) -> Commitment:
    """Met on time if done by the due time, otherwise met late."""
    at = at or timezone.now()
    locked = _lock_open(commitment)
    locked.status = Commitment.Status.MET if at <= locked.due_at else Commitment.Status.MET_LATE
    locked.closed_at = at
    locked.closed_by = actor
    locked.save(update_fields=["status", "closed_at", "closed_by"])
    _record(locked, TimelineEvent.Kind.COMMITMENT_MET, actor, at, on_time=locked.status == Commitment.Status.MET)
    return locked


@transaction.atomic
def waive_commitment(commitment: Commitment, *, actor, reason: str, at=None) -> Commitment:
    reason = (reason or "").strip()
    if not reason:
        raise CommitmentStateError("A reason is needed to waive a commitment")
    at = at or timezone.now()
    locked = _lock_open(commitment)
    locked.status = Commitment.Status.WAIVED
    locked.waive_reason = reason
    locked.closed_at = at
    locked.closed_by = actor
    locked.save(update_fields=["status", "waive_reason", "closed_at", "closed_by"])
    _record(locked, TimelineEvent.Kind.COMMITMENT_WAIVED, actor, at, reason=reason)
    return locked


@transaction.atomic
def miss_commitment(commitment: Commitment, *, actor, reason: str, at=None) -> Commitment:
    """The commitment can no longer be met (e.g. the case closed with it still open)."""
    at = at or timezone.now()
    locked = _lock_open(commitment)
    locked.status = Commitment.Status.MISSED
    locked.closed_at = at
    locked.closed_by = actor
    locked.save(update_fields=["status", "closed_at", "closed_by"])
    _record(locked, TimelineEvent.Kind.COMMITMENT_MISSED, actor, at, reason=reason)
    return locked


def record_overdue(commitment: Commitment, *, at=None) -> bool:
    """Note once, on the timeline and for its owner, that an open commitment has passed its due time.

    False if there is nothing to record (not open, not yet due, or already recorded).
    """
    return bool(record_overdue_batch([commitment], at=at))


@transaction.atomic
def record_overdue_batch(commitments, *, at=None) -> list[Commitment]:
    """Record each of `commitments` now past its due time as overdue, exactly as record_overdue records one
    (a timeline entry, an alert for its owner and, to an owner in person, an email through the outbox), in the
    same few queries however many there are. Returns those recorded: not those closed, not yet due or
    recorded already."""
    at = at or timezone.now()
    # The case with all the figures need (crime, victim's equality answers), so that they read nothing more.
    locked = (Commitment.objects.select_for_update(of=("self",))
              .select_related("case__crime", "case__victim__equality", "owner_person")
              .filter(pk__in=[commitment.pk for commitment in commitments]).order_by("due_at", "id"))
    due = [commitment for commitment in locked
           if commitment.status == Commitment.Status.OPEN and not commitment.overdue_recorded_at
           and commitment.due_at < at]
    if not due:
        return []
    Commitment.objects.filter(pk__in=[commitment.pk for commitment in due]).update(overdue_recorded_at=at)
    for commitment in due:
        commitment.overdue_recorded_at = at
    events = _record_each(due, TimelineEvent.Kind.COMMITMENT_OVERDUE, None, at,
                          lambda commitment: {"owner_organisation": commitment.owner_organisation_id,
                                              "owner_person": commitment.owner_person_id})
    OverdueAlert.objects.bulk_create(
        OverdueAlert(commitment_id=commitment.pk, owner_organisation_id=commitment.owner_organisation_id,
                     owner_person_id=commitment.owner_person_id, created_at=at)
        for commitment in due
    )
    _remind_owners([(commitment, event) for commitment, event in zip(due, events, strict=True)
                    if commitment.owner_person_id is not None], at)
    return due


def _record_each(commitments: list[Commitment], kind: str, actor, at, data_of) -> list[TimelineEvent]:
    """The timeline entries for commitments changed in the same way (one, or the overdue sweep's batch), written
    together; listeners (the Commissioner's figures) hear of them at once. `data_of(commitment)` gives each
    entry's own data."""
    commitments_changed.send(sender=Commitment, commitments=commitments)
    return TimelineEvent.objects.bulk_create(
        TimelineEvent(crime_id=commitment.case.crime_id, case_id=commitment.case_id, kind=kind, occurred_at=at,
                      actor=actor,
                      data={"commitment": commitment.pk, "commitment_kind": commitment.kind, **data_of(commitment)})
        for commitment in commitments
    )


def _remind_owners(overdue: list[tuple[Commitment, TimelineEvent]], at) -> None:
    """An email to each overdue commitment's owner in person, through the outbox, once (the message's key):
    the messages queue_message would write, written together. An owner with no email address goes through
    queue_message itself, which holds the message back and says so on the timeline."""
    from victimcare.notifications.services import StaffEmail, queue_staff_emails

    queue_staff_emails("staff_reminder", [
        StaffEmail(case=commitment.case, staff_user=commitment.owner_person, cause=event,
                   key=_reminder_key(commitment), context=_reminder_context(commitment))
        for commitment, event in overdue
    ], at=at)


def _reminder_key(commitment: Commitment) -> str:
    return f"staff-reminder-{commitment.pk}"


def _reminder_context(commitment: Commitment) -> dict:
    kind = CommitmentKind(commitment.kind)
    return {"commitment": commitment, "label_en": kind.label_en, "label_cy": kind.label_cy,
            "case_url": settings.SITE_URL.rstrip("/") + reverse("cases:detail", args=[commitment.case_id])}


@transaction.atomic
def acknowledge_alert(alert: OverdueAlert, actor, *, at=None) -> OverdueAlert:
    """The owner has seen the overdue alert. Only someone it is for may acknowledge it, and only once."""
    if not OverdueAlert.objects.for_user(actor).filter(pk=alert.pk).exists():
        raise PermissionDenied("This alert is not for you")
    locked = OverdueAlert.objects.select_for_update().get(pk=alert.pk)
    if locked.acknowledged_at is not None:
        raise AlertStateError(f"Overdue alert {locked.pk} was already acknowledged")
    locked.acknowledged_at = at or timezone.now()
    locked.acknowledged_by = actor
    locked.save(update_fields=["acknowledged_at", "acknowledged_by"])
    return locked


@transaction.atomic
def replan_commitment(commitment: Commitment, due_at, *, actor, at=None, detail: dict | None = None) -> Commitment:
    """Move an open commitment's due time (e.g. the victim agreed a different frequency of updates),
    recording the old and new times on the timeline. `detail` entries are merged into its detail."""
    at = at or timezone.now()
    locked = _lock_open(commitment)
    previous_due_at = locked.due_at
    locked.due_at = due_at
    if detail:
        locked.detail = {**locked.detail, **detail}
    locked.save(update_fields=["due_at", "detail"])
    _record(locked, TimelineEvent.Kind.COMMITMENT_REPLANNED, actor, at, due_at=due_at.isoformat(),
            previous_due_at=previous_due_at.isoformat())
    return locked
