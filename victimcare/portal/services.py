"""The victim portal: signing in with a one-time code, and what the victim can do once signed in. One named
function per change, each in a transaction, writing the timeline entry and the case access log (user
empty, channel "portal": the reader is the case's victim)."""

import datetime as dt
import hmac
import secrets
from dataclasses import asdict, dataclass, replace

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_noop

from victimcare.cases.access import log_case_access
from victimcare.cases.models import Case, CaseAccessLog, TimelineEvent
from victimcare.cases.services import record_event, require_open
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.services import deadlines, meet_commitment, open_commitment
from victimcare.contact.choices import Channel
from victimcare.contact.services import Terms, agree_contact, change_agreement, current_agreement
from victimcare.notifications.models import MessageChannel
from victimcare.notifications.services import not_to_use, queue_message
from victimcare.portal.models import PortalCode, SignInAttempt

CODE_LIFETIME = dt.timedelta(minutes=15)
WRONG_CODES_ALLOWED = 5  # the code is dead after this many wrong guesses
# Tries counted over this window: every request for a code (whether or not the details matched, so the lockout
# comes at the same point either way) and every wrong code ...
WINDOW = dt.timedelta(minutes=30)
FAILURES_PER_REFERENCE = 8  # ... lock a crime reference out at this many (more than one dead code)
FAILURES_PER_ADDRESS = 15  # ... and an internet address at this many
LOCKOUT = dt.timedelta(minutes=30)  # for this long after the last try
# At most this many codes are sent for one crime reference in each period (count, minutes), so that someone who
# knows the victim's details cannot flood their phone or inbox. settings.PORTAL_CODE_LIMITS overrides it.
CODE_LIMITS = ((3, 15), (10, 24 * 60))
IDLE_MINUTES = 15  # a portal session ends after this long without a page; settings.PORTAL_IDLE_MINUTES overrides it

PORTAL = CaseAccessLog.Channel.PORTAL
Kind = TimelineEvent.Kind
# How a victim may ask to be updated from the portal (visits and the portal itself are arranged with staff).
PORTAL_CHANNELS = (Channel.EMAIL, Channel.SMS, Channel.PHONE, Channel.LETTER)
MESSAGE_LIMIT = 2000
# What the services say when they refuse, marked so the portal shows it in Welsh too.
REFUSALS = (gettext_noop("Write your message"), gettext_noop("Write your reply"), gettext_noop("Write your complaint"),
            gettext_noop("Your message must be 2000 characters or fewer"),
            gettext_noop("Your reply must be 2000 characters or fewer"),
            gettext_noop("Your complaint must be 2000 characters or fewer"),
            gettext_noop("This has already been answered"), gettext_noop("Not your consent"),
            gettext_noop("The case is closed"), gettext_noop("Only consent that was given can be withdrawn"),
            gettext_noop("The victim has not agreed to support, so there is nothing to opt out of"),
            gettext_noop("We do not have your details for that way of contact"))


class PortalError(Exception):
    """The portal cannot do what was asked."""


class SignInLocked(PortalError):
    def __init__(self, until: dt.datetime):
        super().__init__("Too many tries")
        self.until = until


class CodeRejected(PortalError):
    """Wrong, expired, already used or dead after too many wrong guesses."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason  # "wrong", "dead" (expired, used, too many wrong guesses)


# --- Signing in --------------------------------------------------------------------------------------
def normalise_reference(reference: str) -> str:
    return "".join((reference or "").split()).upper()


def reference_hash(reference: str) -> str:
    return salted_hmac("victimcare.portal.reference", normalise_reference(reference)).hexdigest()


def _code_hash(salt: str, code: str) -> str:
    return salted_hmac("victimcare.portal.code", f"{salt}:{code}").hexdigest()


def locked_until(reference: str, ip: str | None, *, at=None) -> dt.datetime | None:
    """When the crime reference or address may try again, if either is locked out now."""
    return _locked_until(reference_hash(reference), ip, at=at or timezone.now())


def _locked_until(hashed: str, ip: str | None, *, at) -> dt.datetime | None:
    tries = SignInAttempt.objects.filter(at__gt=at - WINDOW).filter(
        Q(succeeded=False) | Q(stage=SignInAttempt.Stage.DETAILS))
    until = None
    for filtered, limit in ((tries.filter(reference_hash=hashed), FAILURES_PER_REFERENCE),
                            (tries.filter(ip=ip) if ip else None, FAILURES_PER_ADDRESS)):
        if filtered is None:
            continue
        times = list(filtered.order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) >= limit and times[0] + LOCKOUT > at:
            until = max(until or times[0] + LOCKOUT, times[0] + LOCKOUT)
    return until


def _attempt(stage: str, hashed: str, ip, succeeded: bool, at) -> None:
    SignInAttempt.objects.create(stage=stage, reference_hash=hashed, ip=ip or None, succeeded=succeeded, at=at)


def find_case(reference: str, surname: str, date_of_birth: dt.date) -> Case | None:
    """The victim's latest case on that crime, if the surname and date of birth match theirs."""
    wanted = normalise_reference(reference)
    surname = " ".join((surname or "").split())
    if not wanted or not surname or date_of_birth is None:
        return None
    return (Case.objects.filter(crime__reference__iexact=wanted, victim__family_name__iexact=surname,
                                victim__date_of_birth=date_of_birth)
            .select_related("victim", "crime").order_by("-opened_at", "-pk").first())


def code_channel(case: Case) -> str | None:
    """Email or text message: the one the victim agreed to (a text if they agreed to texts, else email first),
    or the other if its address is missing or one the victim said not to use. None if neither is safe."""
    victim = case.victim
    agreement = current_agreement(case)
    channels = [(MessageChannel.EMAIL, victim.email), (MessageChannel.SMS, victim.phone)]
    if agreement is not None and agreement.channel == Channel.SMS:
        channels.reverse()
    for channel, address in channels:
        if address and not not_to_use(agreement, address):
            return channel
    return None


def usable_channels(case: Case, agreement=None) -> list[str]:
    """The ways the victim can be updated from what is on record: an address for the channel, and not one
    they said not to use."""
    victim = case.victim
    agreement = agreement or current_agreement(case)
    postal = "\n".join(line for line in (victim.address.strip(), victim.postcode) if line)
    addresses = {Channel.EMAIL: victim.email, Channel.SMS: victim.phone, Channel.PHONE: victim.phone,
                 Channel.LETTER: postal if victim.address.strip() else ""}
    return [channel for channel in PORTAL_CHANNELS
            if addresses[channel] and not not_to_use(agreement, addresses[channel])]


def portal_language(case: Case) -> str | None:
    """English or Welsh, as the victim chose for updates (else as on their record); None if neither."""
    agreement = current_agreement(case)
    for language in (agreement.language if agreement is not None else None, case.victim.preferred_language):
        if language in ("en", "cy"):
            return language
    return None


def idle_expiry() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "PORTAL_IDLE_MINUTES", IDLE_MINUTES))


def code_limits() -> tuple[tuple[int, int], ...]:
    return tuple(getattr(settings, "PORTAL_CODE_LIMITS", CODE_LIMITS))


def too_many_codes(hashed: str, at) -> bool:
    """True if as many codes as allowed were sent for this crime reference in one of the limit's periods."""
    sent = PortalCode.objects.filter(reference_hash=hashed, case__isnull=False)
    return any(sent.filter(created_at__gt=at - dt.timedelta(minutes=minutes)).count() >= count
               for count, minutes in code_limits())


def request_code(*, reference: str, surname: str, date_of_birth: dt.date, ip: str | None = None,
                 at=None) -> PortalCode:
    """Send a new one-time code for the case these details match (earlier codes stop working) and return it.

    What the person asking sees next must not tell them whether the details matched: so when they match no
    case, or there is no safe address to send a code to, or too many codes went for that crime reference lately,
    nothing is sent and a decoy is returned instead (`case` empty): it never works, and the code page treats it
    like any other. (Over the limit, the code sent last is returned if it still works, so the victim can use
    it.) Every request counts towards the lockout, matched or not. Raises SignInLocked when the reference or
    address is locked out (then nothing is looked up or sent)."""
    at = at or timezone.now()
    hashed = reference_hash(reference)
    until = _locked_until(hashed, ip, at=at)
    if until is not None:
        raise SignInLocked(until)
    case = find_case(reference, surname, date_of_birth)
    _attempt(SignInAttempt.Stage.DETAILS, hashed, ip, case is not None, at)
    until = _locked_until(hashed, ip, at=at)
    if until is not None:
        raise SignInLocked(until)
    channel = None
    if case is not None and too_many_codes(hashed, at):
        live = _live_code(case, at)  # nothing new is sent; the code sent last still works
        if live is not None:
            return live
    elif case is not None:
        channel = code_channel(case)
    salt = secrets.token_hex(8)
    if channel is None:
        return PortalCode.objects.create(case=None, reference_hash=hashed, salt=salt,
                                         code_hash=_code_hash(salt, secrets.token_hex(16)), channel="",
                                         created_at=at, expires_at=at + CODE_LIFETIME)
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        PortalCode.objects.filter(case=case, used_at__isnull=True, expires_at__gt=at).update(expires_at=at)
        portal_code = PortalCode.objects.create(case=case, reference_hash=hashed, code_hash=_code_hash(salt, code),
                                                salt=salt, channel=channel, created_at=at,
                                                expires_at=at + CODE_LIFETIME)
        # The victim is waiting for it: it goes at once, even in their quiet hours (never to an unsafe address).
        queue_message("portal_code", case=case, channel=channel, at=at, at_once=True,
                      context={"code": code, "minutes": int(CODE_LIFETIME.total_seconds() // 60)})
    return portal_code


def _live_code(case: Case, at) -> PortalCode | None:
    return (PortalCode.objects.filter(case=case, used_at__isnull=True, expires_at__gt=at,
                                      wrong_attempts__lt=WRONG_CODES_ALLOWED).order_by("-created_at", "-pk").first())


def verify_code(*, code_id: int, code: str, ip: str | None = None, at=None) -> Case:
    """The case the code was sent for, if `code` is right and the code is still alive (then it is used up).

    Raises SignInLocked, or CodeRejected("wrong") / CodeRejected("dead") (expired, already used, or too
    many wrong guesses: ask for a new code). A decoy is never right, and dies like a real code."""
    at = at or timezone.now()
    portal_code = PortalCode.objects.select_related("case__crime").filter(pk=code_id).first()
    if portal_code is None:
        raise CodeRejected("dead")
    hashed = portal_code.reference_hash or reference_hash(portal_code.case.crime.reference)
    until = _locked_until(hashed, ip, at=at)
    if until is not None:
        raise SignInLocked(until)
    entered = "".join((code or "").split())
    with transaction.atomic():
        locked = PortalCode.objects.select_for_update(of=("self",)).get(pk=code_id)
        dead = locked.used_at is not None or locked.expires_at <= at or locked.wrong_attempts >= WRONG_CODES_ALLOWED
        right = (not dead and locked.case_id is not None
                 and hmac.compare_digest(locked.code_hash, _code_hash(locked.salt, entered)))
        if right:
            locked.used_at = at
            locked.save(update_fields=["used_at"])
            _attempt(SignInAttempt.Stage.CODE, hashed, ip, True, at)
            log_case_access(portal_code.case, None, CaseAccessLog.Action.VIEWED, what="signed in to the portal",
                            channel=PORTAL)
            return portal_code.case
        if not dead:
            locked.wrong_attempts += 1
            locked.save(update_fields=["wrong_attempts"])
            dead = locked.wrong_attempts >= WRONG_CODES_ALLOWED
    # The failure stands even though the caller's work is undone; then the lockout if it caused one.
    _attempt(SignInAttempt.Stage.CODE, hashed, ip, False, at)
    until = _locked_until(hashed, ip, at=at)
    if until is not None:
        raise SignInLocked(until)
    raise CodeRejected("dead" if dead else "wrong")


# --- What the victim does ----------------------------------------------------------------------------
def _log(case: Case, what: str, action=CaseAccessLog.Action.CHANGED) -> None:
    log_case_access(case, None, action, what=what, channel=PORTAL)


def _lock(case: Case) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    require_open(locked)
    return locked


@dataclass(frozen=True)
class UpdateChoice:
    """How and when the victim wants to be updated, as they chose in the portal."""

    channel: str
    every_days: int | None
    language: str
    quiet_from: dt.time | None = None
    quiet_until: dt.time | None = None


def change_updates(case: Case, choice: UpdateChoice, *, at=None):
    """A new version of the contact agreement with the victim's choices (the rest kept as it was): the
    update commitments are re-planned to match. The first agreement if there was none."""
    if choice.channel not in PORTAL_CHANNELS:
        raise PortalError(f"Unknown channel {choice.channel!r}")
    at = at or timezone.now()
    with transaction.atomic():
        locked = _lock(case)
        previous = current_agreement(locked)
        if choice.channel not in usable_channels(locked, previous):
            raise PortalError("We do not have your details for that way of contact")
        if previous is None:
            terms = Terms(**asdict(choice))
            agreement = agree_contact(locked, terms, actor=None, at=at, via=PORTAL)
        else:
            old = Terms(**{name: getattr(previous, name) for name in Terms.__dataclass_fields__})
            terms = replace(old, **asdict(choice))
            agreement = change_agreement(locked, terms, actor=None, at=at, via=PORTAL)
        _log(locked, "changed how to be updated")
    return agreement


def _clean_text(text: str, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise PortalError(f"Write your {what}")
    if len(text) > MESSAGE_LIMIT:
        raise PortalError(f"Your {what} must be {MESSAGE_LIMIT} characters or fewer")
    return text


def send_victim_message(case: Case, text: str, *, at=None) -> TimelineEvent:
    """A message from the victim to their officer: a timeline entry the officer (or unit) owes a reply to
    within 2 working days."""
    text = _clean_text(text, "message")
    at = at or timezone.now()
    with transaction.atomic():
        locked = _lock(case)
        event = record_event(locked, Kind.VICTIM_MESSAGE, None, at, text=text)
        open_commitment(locked, rules.victim_message_reply_commitment(at, deadlines()), opened_by_event=event, at=at)
        _log(locked, "sent a message to the officer")
    return event


def _awaiting(case: Case, kind: str, event_id: int) -> Commitment:
    commitment = (Commitment.objects.open().filter(case=case, kind=kind, opened_by_event_id=event_id)
                  .select_related("opened_by_event").first())
    if commitment is None:
        raise PortalError("This has already been answered")
    return commitment


def awaiting_reply(case: Case):
    """The victim's messages still owed a reply, oldest first, with their commitments."""
    return (Commitment.objects.open().filter(case=case, kind=rules.CommitmentKind.VICTIM_MESSAGE_REPLY)
            .select_related("opened_by_event").order_by("due_at", "pk"))


def complaints_to_acknowledge(case: Case):
    return (Commitment.objects.open().filter(case=case, kind=rules.CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT)
            .select_related("opened_by_event").order_by("due_at", "pk"))


def answer_victim_message(case: Case, message_event_id: int, reply: str, *, actor, at=None) -> TimelineEvent:
    """Staff answer a victim's message: the reply is on the timeline (the victim reads it in the portal),
    the victim is told there is a reply (no more than that in the message itself), the commitment is met."""
    reply = _clean_text(reply, "reply")
    at = at or timezone.now()
    with transaction.atomic():
        locked = _lock(case)
        commitment = _awaiting(locked, rules.CommitmentKind.VICTIM_MESSAGE_REPLY, message_event_id)
        event = record_event(locked, Kind.VICTIM_MESSAGE_ANSWERED, actor, at, message=message_event_id, reply=reply)
        meet_commitment(commitment, actor=actor, at=at)
        queue_message("victim_message_reply", case=locked, cause=event, key=f"victim-message-reply:{event.pk}",
                      at=at)
        log_case_access(locked, actor, CaseAccessLog.Action.CHANGED, what="answered the victim's message")
    return event


def make_complaint(case: Case, text: str, *, at=None) -> TimelineEvent:
    """A complaint from the victim (Victims' Code right 12): acknowledged within 10 working days."""
    text = _clean_text(text, "complaint")
    at = at or timezone.now()
    with transaction.atomic():
        locked = _lock(case)
        event = record_event(locked, Kind.COMPLAINT_MADE, None, at, text=text)
        open_commitment(locked, rules.complaint_acknowledgement_commitment(at, deadlines()), opened_by_event=event,
                        at=at)
        _log(locked, "made a complaint")
    return event


def acknowledge_complaint(case: Case, complaint_event_id: int, *, actor, note: str = "", at=None) -> TimelineEvent:
    """Staff acknowledge the complaint: on the timeline, the victim told, the commitment met."""
    at = at or timezone.now()
    with transaction.atomic():
        locked = _lock(case)
        commitment = _awaiting(locked, rules.CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT, complaint_event_id)
        event = record_event(locked, Kind.COMPLAINT_ACKNOWLEDGED, actor, at, complaint=complaint_event_id,
                             note=(note or "").strip())
        meet_commitment(commitment, actor=actor, at=at)
        queue_message("complaint_acknowledgement", case=locked, cause=event,
                      key=f"complaint-acknowledgement:{event.pk}", at=at)
        log_case_access(locked, actor, CaseAccessLog.Action.CHANGED, what="acknowledged the victim's complaint")
    return event


def change_consent(case: Case, record, decision: str, *, at=None):
    """The victim gives or withdraws a consent (the scope of `record`, one of their own) in the portal.
    Support referral goes through support's own choice, which also opens or closes referrals."""
    from victimcare.sharing.models import Purpose
    from victimcare.sharing.services import record_consent
    from victimcare.support.services import record_support_choice

    if record.victim_id != case.victim_id:
        raise PortalError("Not your consent")
    at = at or timezone.now()
    with transaction.atomic():
        locked = _lock(case)
        if record.purpose == Purpose.SUPPORT_REFERRAL:
            new = record_support_choice(locked, decision, how="portal", actor=None, at=at, channel=PORTAL)
        else:
            new = record_consent(victim=locked.victim, purpose=record.purpose, decision=decision, how="portal",
                                 actor=None, case=locked, organisation=record.organisation,
                                 organisation_kind=record.organisation_kind, at=at, channel=PORTAL)
        _log(locked, f"{decision} consent ({record.purpose})")
    return new


def choose_support(case: Case, decision: str, *, at=None):
    """The victim opts into support (given) or out of it (withdrawn)."""
    from victimcare.support.services import record_support_choice

    with transaction.atomic():
        locked = _lock(case)
        record = record_support_choice(locked, decision, how="portal", actor=None, at=at, channel=PORTAL)
        _log(locked, f"chose about support: {decision}")
    return record

