"""Charter standard 4: agree with the victim how and when they will be updated, then keep to it.

Each function runs in a transaction, writes the timeline entry and the case access log, and opens,
meets, re-plans or waives the commitments the agreement promises. Each takes the key of the form
submission (`idempotency_key`), so a page sent twice or a retry is recorded once.
"""

from dataclasses import asdict, dataclass
from datetime import datetime
from datetime import time as dt_time

from django.utils import timezone

from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.services import CaseStateError, log_change, once, record_event, require_open
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.services import (
    meet_commitment,
    open_commitment,
    replan_commitment,
    waive_commitment,
)
from victimcare.contact.choices import KEY_EVENTS_ONLY_REASON, Channel, FailedAttemptReason, Language
from victimcare.contact.models import ContactAgreement, VictimUpdate
from victimcare.notifications import victim_messages


class ContactStateError(CaseStateError):
    """Nothing agreed yet to change, or an agreement already exists where a first one was asked for."""


@dataclass(frozen=True)
class Terms:
    """What is agreed with the victim. every_days None: updates only when something important happens."""

    channel: str
    every_days: int | None = None
    preferred_times: str = ""
    times_not_to_contact: str = ""
    details_not_to_use: str = ""
    language: str = Language.ENGLISH
    other_language: str = ""
    interpreter_needed: bool = False
    nominated_name: str = ""
    nominated_relationship: str = ""
    nominated_contact: str = ""
    # Written messages (email, text, letter) wait until quiet_until when queued between quiet_from and
    # quiet_until (Europe/London; the window may cross midnight). Both empty: any time.
    quiet_from: dt_time | None = None
    quiet_until: dt_time | None = None

    def __post_init__(self):
        if self.channel not in Channel.values:
            raise ValueError(f"Unknown channel {self.channel!r}")
        if self.language not in Language.values:
            raise ValueError(f"Unknown language {self.language!r}")
        if (self.quiet_from is None) != (self.quiet_until is None):
            raise ValueError("quiet_from and quiet_until are given together or not at all")
        if self.every_days is not None:
            rules.update_commitment(timezone.now(), self.every_days)  # raises ValueError unless positive


def current_agreement(case: Case) -> ContactAgreement | None:
    return ContactAgreement.objects.current().filter(case=case).select_related("agreed_by").first()


def _lock_case(case: Case) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    require_open(locked)
    return locked


def _open_update(case: Case, since: datetime, every_days: int, event: TimelineEvent, at) -> Commitment:
    due = rules.update_commitment(since, every_days)
    due = rules.CommitmentDue(due.kind, due.due_at, {**due.detail, "since": since.isoformat()})
    return open_commitment(case, due, opened_by_event=event, at=at)


def _open_updates(case: Case):
    return case.commitments.open().filter(kind=rules.CommitmentKind.VICTIM_UPDATE).order_by("due_at", "id")


def _agreement_event(case, terms: Terms, version: int, actor, at, idempotency_key) -> TimelineEvent:
    return record_event(case, TimelineEvent.Kind.CONTACT_AGREED, actor, at, idempotency_key=idempotency_key,
                  channel=terms.channel, every_days=terms.every_days, version=version)


def agree_contact(case: Case, terms: Terms, *, actor, at=None, via="web", idempotency_key=None) -> ContactAgreement:
    """The first agreement: meets the open contact-agreement commitment (on time or late) if there is
    one, and opens the first update commitment when updates are to come every so many days."""
    return once(case, idempotency_key, lambda: _agree_contact(case, terms, actor, at, via, idempotency_key),
                _agreement_recorded_by)


def _agreement_recorded_by(event: TimelineEvent) -> ContactAgreement:
    return ContactAgreement.objects.get(event=event)


def _agree_contact(case, terms, actor, at, via, idempotency_key) -> ContactAgreement:
    at = at or timezone.now()
    case = _lock_case(case)
    if ContactAgreement.objects.filter(case=case).exists():
        raise ContactStateError("An agreement already exists: change it instead")
    event = _agreement_event(case, terms, 1, actor, at, idempotency_key)
    agreement = ContactAgreement.objects.create(case=case, version=1, agreed_at=at, agreed_by=actor, event=event,
                                                **asdict(terms))
    for commitment in case.commitments.open().filter(kind=rules.CommitmentKind.CONTACT_AGREEMENT):
        meet_commitment(commitment, actor=actor, at=at)
    if terms.every_days:
        _open_update(case, at, terms.every_days, event, at)
    log_change(case, actor, "agreed how to update the victim", via)
    return agreement


def change_agreement(case: Case, terms: Terms, *, actor, at=None, via="web",
                     idempotency_key=None) -> ContactAgreement:
    """A new version of the agreement. The open update commitment is re-planned to the new frequency
    (counted from the last update, or from the agreement if none was given since), waived if updates
    are now only on key events, or opened if there was none."""
    return once(case, idempotency_key,
                lambda: _change_agreement(case, terms, actor, at, via, idempotency_key),
                _agreement_recorded_by)


def _change_agreement(case, terms, actor, at, via, idempotency_key) -> ContactAgreement:
    at = at or timezone.now()
    case = _lock_case(case)
    previous = ContactAgreement.objects.select_for_update().current().filter(case=case).first()
    if previous is None:
        raise ContactStateError("Nothing has been agreed yet")
    previous.superseded_at = at
    previous.save(update_fields=["superseded_at"])
    version = previous.version + 1
    event = _agreement_event(case, terms, version, actor, at, idempotency_key)
    agreement = ContactAgreement.objects.create(case=case, version=version, agreed_at=at, agreed_by=actor,
                                                event=event, **asdict(terms))
    open_updates = list(_open_updates(case))
    if terms.every_days is None:
        for commitment in open_updates:
            waive_commitment(commitment, actor=actor, reason=KEY_EVENTS_ONLY_REASON, at=at)
    elif not open_updates:
        _open_update(case, at, terms.every_days, event, at)
    else:
        for commitment in open_updates:
            since = _cycle_start(commitment)
            due = rules.update_commitment(since, terms.every_days)
            if due.due_at != commitment.due_at:
                replan_commitment(commitment, due.due_at, actor=actor, at=at,
                                  detail={"every_days": terms.every_days})
    log_change(case, actor, "changed how to update the victim", via)
    return agreement


def _cycle_start(commitment: Commitment) -> datetime:
    """When the wait for this update began: the last update given, or the agreement."""
    since = commitment.detail.get("since")
    try:
        return datetime.fromisoformat(since) if since else commitment.opened_at
    except ValueError:
        return commitment.opened_at


def record_update(case: Case, *, channel: str, language: str, summary: str, actor, other_language: str = "",
                  at=None, via="web", idempotency_key=None) -> VictimUpdate:
    """An update given to the victim: meets the update commitments open at that time (on time or late)
    and opens the next one the agreement promises. A channel other than the agreed one is allowed and noted."""
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    if language not in Language.values:
        raise ValueError(f"Unknown language {language!r}")
    return once(case, idempotency_key,
                lambda: _record_update(case, channel, language, other_language, summary, actor, at, via,
                                       idempotency_key),
                _update_recorded_by)


def _update_recorded_by(event: TimelineEvent) -> VictimUpdate:
    return VictimUpdate.objects.get(event=event)


def _record_update(case, channel, language, other_language, summary, actor, at, via, idempotency_key):
    at = at or timezone.now()
    case = _lock_case(case)
    agreement = current_agreement(case)
    spoken = (other_language or language) if language == Language.OTHER else language
    event = record_event(case, TimelineEvent.Kind.UPDATE_GIVEN, actor, at, idempotency_key=idempotency_key,
                   channel=channel, language=spoken, summary=summary)
    update = VictimUpdate.objects.create(
        case=case, agreement=agreement, channel=channel, language=language,
        other_language=other_language if language == Language.OTHER else "", summary=summary, given_at=at,
        given_by=actor, succeeded=True, outside_agreement=bool(agreement and agreement.channel != channel),
        event=event,
    )
    for commitment in _open_updates(case).filter(opened_at__lte=at):
        meet_commitment(commitment, actor=actor, at=at)
    if agreement is not None and agreement.every_days and not _open_updates(case).exists():
        _open_update(case, at, agreement.every_days, event, at)
    log_change(case, actor, "recorded an update to the victim", via)
    victim_messages.update_given(update, cause=event)  # by email, text or letter: the outbox sends it
    return update


def record_failed_attempt(case: Case, *, channel: str, reason: str, actor, note: str = "", at=None, via="web",
                          idempotency_key=None) -> VictimUpdate:
    """An attempt to update the victim that did not reach them. Recorded; meets nothing."""
    if channel not in Channel.values:
        raise ValueError(f"Unknown channel {channel!r}")
    if reason not in FailedAttemptReason.values:
        raise ValueError(f"Unknown reason {reason!r}")
    return once(case, idempotency_key,
                lambda: _record_failed_attempt(case, channel, reason, note, actor, at, via, idempotency_key),
                _update_recorded_by)


def _record_failed_attempt(case, channel, reason, note, actor, at, via, idempotency_key):
    at = at or timezone.now()
    case = _lock_case(case)
    agreement = current_agreement(case)
    event = record_event(case, TimelineEvent.Kind.UPDATE_ATTEMPT_FAILED, actor, at, idempotency_key=idempotency_key,
                   channel=channel, reason=reason, note=note)
    update = VictimUpdate.objects.create(
        case=case, agreement=agreement, channel=channel, given_at=at, given_by=actor, succeeded=False,
        failure_reason=reason, note=note, outside_agreement=bool(agreement and agreement.channel != channel),
        event=event,
    )
    log_change(case, actor, "recorded a failed attempt to update the victim", via)
    return update



def next_update(case: Case) -> Commitment | None:
    """The open update commitment that falls due first, if any."""
    return _open_updates(case).first()
