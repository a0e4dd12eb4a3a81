"""Queue a message in the outbox. Call it inside the transaction that records the event causing it: the
message is saved with the event or not at all, and the background task sends it once that commits.

The victim's contact agreement decides the language (English or Welsh), the channel when the caller does
not fix one, the quiet hours (the message waits until they end) and the addresses never to use (the
message is held back rather than sent to one). A reply to the victim's own request made a moment ago (a
sign-in code) goes at once even in their quiet hours, but never to an address they said not to use."""

import datetime as dt
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.template.loader import get_template
from django.utils import timezone, translation

from victimcare.notifications.models import Message, MessageChannel

logger = logging.getLogger(__name__)

LONDON = ZoneInfo("Europe/London")
WRITTEN_CHANNELS = (MessageChannel.EMAIL, MessageChannel.SMS, MessageChannel.LETTER)


def queue_message(kind: str, *, case=None, victim=None, staff_user=None, context: dict | None = None,
                  channel: str | None = None, cause=None, key: str | None = None, at=None,
                  at_once: bool = False) -> Message:
    """Write one message to the outbox and return it (status queued, or held with the reason).

    `kind` names the templates in notifications/templates/notifications/messages/<kind>/: subject.txt,
    body.txt (email and letter) and sms.txt (text message). A `key` already used returns the message
    queued with it, so a retried event never queues a second message. `at_once`: the victim is waiting for
    this message now (they asked for it): it is not held back by their quiet hours.
    """
    if key is not None and (existing := _already_queued(key)) is not None:
        return existing
    at = at or timezone.now()
    if victim is None and case is not None:
        victim = case.victim
    # The victim's agreement governs messages to the victim; a reminder to staff about their case ignores it.
    agreement = _agreement(case) if staff_user is None else None
    language = _language(agreement, victim, staff_user)
    channel = channel or _channel(agreement, victim, staff_user)
    to = _address(channel, victim, staff_user)
    subject, body = _render(kind, channel, language, {"case": case, "victim": victim, "staff_user": staff_user,
                                                       **(context or {})})
    message = Message(kind=kind, case=case, victim=victim if staff_user is None else None, staff_user=staff_user,
                      channel=channel, language=language, to=to, subject=subject, body=body, cause=cause, key=key,
                      created_at=at, not_before=at if at_once else _not_before(agreement, at))
    message.next_attempt_at = message.not_before
    held = _held_reason(message, agreement)
    if held:
        message.status, message.held_reason = Message.Status.HELD, held
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        if key is None:
            raise
        return Message.objects.get(key=key)  # the same event queued it at the same moment elsewhere
    if held:
        from victimcare.notifications.delivery import record_held  # the timeline entry for staff to act on

        record_held(message)
    else:
        _wake_sender_on_commit(message)
    return message


@dataclass(frozen=True)
class StaffEmail:
    """One email to a member of staff about their case, for queue_staff_emails."""
    case: object
    staff_user: object
    cause: object
    key: str
    context: dict


def queue_staff_emails(kind: str, emails: list[StaffEmail], *, at) -> None:
    """The messages queue_message would write for each of `emails` (staff, so always by email, in English), written
    together: one query for the keys already used (those are skipped) and one insert. Staff with no email address go
    through queue_message one by one, which holds the message back and says so on the timeline."""
    used = set(Message.objects.filter(key__in=[email.key for email in emails]).values_list("key", flat=True))
    addressed = []
    for email in emails:
        if email.key in used:
            continue
        if not email.staff_user.email:
            queue_message(kind, case=email.case, staff_user=email.staff_user, cause=email.cause, at=at,
                          key=email.key, context=email.context)
            continue
        addressed.append(email)
    rendered = _render_each(kind, MessageChannel.EMAIL, "en", [
        {"case": email.case, "victim": email.case.victim, "staff_user": email.staff_user, **email.context}
        for email in addressed])
    messages = [Message(kind=kind, case_id=email.case.pk, staff_user_id=email.staff_user.pk,
                        channel=MessageChannel.EMAIL, language="en", to=email.staff_user.email, subject=subject,
                        body=body, cause_id=email.cause.pk, key=email.key, created_at=at, not_before=at,
                        next_attempt_at=at)
                for email, (subject, body) in zip(addressed, rendered, strict=True)]
    if messages:
        Message.objects.bulk_create(messages)
        _wake_sender_on_commit(messages[0])


def _already_queued(key: str) -> Message | None:
    return Message.objects.filter(key=key).first()


def _agreement(case):
    if case is None:
        return None
    from victimcare.contact.services import current_agreement

    return current_agreement(case)


def _language(agreement, victim, staff_user) -> str:
    if staff_user is not None:
        return "en"
    chosen = agreement.language if agreement is not None else getattr(victim, "preferred_language", "en")
    return "cy" if chosen == "cy" else "en"


def _channel(agreement, victim, staff_user) -> str:
    if staff_user is not None:
        return MessageChannel.EMAIL
    if agreement is not None and agreement.channel in WRITTEN_CHANNELS:
        return agreement.channel
    for channel, field in ((MessageChannel.EMAIL, "email"), (MessageChannel.SMS, "phone"),
                           (MessageChannel.LETTER, "address")):
        if getattr(victim, field, ""):
            return channel
    return MessageChannel.LETTER


def _address(channel: str, victim, staff_user) -> str:
    if staff_user is not None:
        return staff_user.email
    if channel == MessageChannel.EMAIL:
        return victim.email
    if channel == MessageChannel.SMS:
        return victim.phone
    if not victim.address:
        return ""
    return "\n".join(line for line in (victim.full_name, victim.address.strip(), victim.postcode) if line)


def _render(kind: str, channel: str, language: str, context: dict) -> tuple[str, str]:
    return _render_each(kind, channel, language, [context])[0]


def _render_each(kind: str, channel: str, language: str, contexts: list[dict]) -> list[tuple[str, str]]:
    """(subject, body) for each of `contexts`, as render_to_string renders them, the templates found and the
    language switched to once for them all."""
    folder = f"notifications/messages/{kind}"
    with translation.override(language):
        subject_template = get_template(f"{folder}/subject.txt")
        body_template = get_template(f"{folder}/{'sms.txt' if channel == MessageChannel.SMS else 'body.txt'}")
        return [(" ".join(subject_template.render(context).split()), body_template.render(context).strip())
                for context in contexts]


def _not_before(agreement, at: dt.datetime) -> dt.datetime:
    """The end of the victim's quiet hours if `at` falls inside them, else `at`."""
    if agreement is None or agreement.quiet_from is None or agreement.quiet_until is None:
        return at
    local = at.astimezone(LONDON)
    start, end, now = agreement.quiet_from, agreement.quiet_until, local.time()
    inside = start <= now < end if start < end else (now >= start or now < end)
    if not inside:
        return at
    day = local.date() if now < end else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, end, tzinfo=LONDON)


def _normalised(text: str) -> str:
    return "".join(text.lower().split())


def not_to_use(agreement, address: str) -> bool:
    """True if the victim's agreement says not to use this email address, number or postal address."""
    if agreement is None or not agreement.details_not_to_use or not address:
        return False
    unsafe = [_normalised(line) for line in agreement.details_not_to_use.replace(",", "\n").splitlines()]
    address = _normalised(address)
    return any(line and (line in address or address in line) for line in unsafe)


def _held_reason(message: Message, agreement) -> str:
    if not message.to:
        return "No address for this channel"
    if not_to_use(agreement, message.to):
        return "The victim asked for this address not to be used"
    return ""


def _wake_sender_on_commit(message: Message) -> None:
    """Wake the sender once the transaction commits: once per transaction, however many it queues."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(entry[1] is _wake_sender for entry in connection.run_on_commit):
        return
    transaction.on_commit(_wake_sender, robust=True)


def _wake_sender() -> None:
    from victimcare.notifications.tasks import send_due_messages

    send_due_messages.enqueue()
