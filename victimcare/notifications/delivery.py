"""Sending one message from the outbox, and what the case's timeline says about it.

`send_message` is the one state change that sends: it locks the message, hands it to its channel, and marks
it sent (or records the failure and when to try again) in the same transaction. Timeline entries name the
channel and the kind of message, never its text."""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from victimcare.cases.access import log_case_access
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.notifications import channels
from victimcare.notifications.models import Message
from victimcare.notifications.signals import message_sent

logger = logging.getLogger(__name__)

ERROR_LENGTH = 500
# The access log's entry when the system sends the victim's personal data (their address, the message) out.
SENT_WHAT = gettext_noop("message sent to the victim")


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failure: 1, 5, 15, 60 minutes, then hourly."""
    minutes = settings.NOTIFICATIONS_RETRY_MINUTES
    return dt.timedelta(minutes=minutes[min(attempts, len(minutes)) - 1])


def _data(message: Message, **extra) -> dict:
    return {"message": message.pk, "message_kind": message.kind, "channel": message.channel,
            "to_staff": message.staff_user_id is not None, **extra}


def _record(message: Message, kind: str, at, **extra) -> TimelineEvent | None:
    if message.case_id is None:
        return None
    return TimelineEvent.objects.create(crime_id=message.case.crime_id, case_id=message.case_id, kind=kind,
                                        occurred_at=at, data=_data(message, **extra))


def record_held(message: Message, *, at=None) -> TimelineEvent | None:
    """The message was held back (no address, or one the victim said not to use): say so on the case's
    timeline so that staff act. Nothing is sent."""
    logger.warning("Message %s (%s by %s) held: %s", message.pk, message.kind, message.channel, message.held_reason)
    return _record(message, TimelineEvent.Kind.MESSAGE_HELD, at or timezone.now(), reason=message.held_reason)


def due_messages(now=None):
    """Messages waiting to be sent whose time has come, oldest first."""
    return Message.objects.filter(status=Message.Status.QUEUED, next_attempt_at__lte=now or timezone.now()) \
        .order_by("next_attempt_at", "id")


@transaction.atomic
def send_message(message: Message, *, at=None) -> bool:
    """Send one queued message and mark it sent, holding its row lock throughout, so that no one else sends
    it meanwhile. True if it was sent now; False if it was not due, already sent or held, or if the channel
    failed (the error and the next attempt are recorded; the message stays queued).

    Everything "sent" means (the status, the timeline entry, the message_sent receivers' work) is written
    first, in a savepoint, and the channel is called last: so the only work left between the channel
    accepting the message and the commit is the commit itself (and a provider's reference), which keeps the
    window in which a killed worker could leave a sent message looking unsent as short as it can be. A
    failing channel rolls the savepoint back."""
    at = at or timezone.now()
    locked = Message.objects.select_for_update(of=("self",)).select_related("case").get(pk=message.pk)
    if locked.status != Message.Status.QUEUED or locked.next_attempt_at > at:
        return False
    try:
        with transaction.atomic():
            _mark_sent(locked, at)
            reference = channels.send(locked)
            if reference and reference[:200] != locked.provider_reference:
                locked.provider_reference = reference[:200]
                locked.save(update_fields=["provider_reference"])
    except Exception as error:  # any channel failure: record it and retry later
        locked.refresh_from_db()
        _failed(locked, error, at)
        return False
    message.status, message.sent_at = locked.status, locked.sent_at
    return True


def _mark_sent(message: Message, at) -> None:
    message.status, message.sent_at = Message.Status.SENT, at
    message.attempts += 1
    message.provider_reference = channels.expected_reference(message)
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "attempts", "provider_reference", "last_error"])
    _record(message, TimelineEvent.Kind.MESSAGE_SENT, at)
    if message.case_id and message.staff_user_id is None:
        log_case_access(message.case, None, CaseAccessLog.Action.VIEWED, what=SENT_WHAT,
                        channel=CaseAccessLog.Channel.SYSTEM)
    _tell_receivers(message, at)


def _failed(message: Message, error: Exception, at) -> None:
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    message.next_attempt_at = at + retry_delay(message.attempts)
    message.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    logger.warning("Message %s not sent (attempt %s): %s", message.pk, message.attempts, message.last_error)
    if message.attempts == 1:  # once per message: the panel shows the attempts and the latest error
        _record(message, TimelineEvent.Kind.MESSAGE_NOT_SENT, at, error=message.last_error,
                next_attempt_at=message.next_attempt_at.isoformat())


def _tell_receivers(message: Message, at) -> None:
    try:
        with transaction.atomic():
            message_sent.send(sender=Message, message=message, at=at)
    except Exception:  # the message has gone: a receiver's failure must not make it look unsent
        logger.exception("A receiver of message_sent failed for message %s", message.pk)
