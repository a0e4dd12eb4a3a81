"""Recording consent. One named function per change, each in a transaction, on the timeline."""

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from victimcare.cases.models import TimelineEvent
from victimcare.sharing.models import ConsentRecord, Decision, How, Purpose

# Sent after a consent record is written (inside its transaction), so that e.g. support can close
# referrals when the victim opts out. Sent with: record.
consent_recorded = Signal()


class ConsentError(Exception):
    """The consent cannot be recorded as asked."""


def current_consent(victim, purpose: str, organisation=None, organisation_kind: str = "") -> ConsentRecord | None:
    """The victim's latest choice for this purpose (and organisation or kind), or None if never asked."""
    return ConsentRecord.objects.for_scope(victim, purpose, organisation, organisation_kind).order_by(
        "-at", "-id").first()


def has_consent(victim, purpose: str, organisation=None, organisation_kind: str = "") -> bool:
    latest = current_consent(victim, purpose, organisation, organisation_kind)
    return latest is not None and latest.decision == Decision.GIVEN


@transaction.atomic
def record_consent(*, victim, purpose: str, decision: str, how: str, actor, case=None, organisation=None,
                   organisation_kind: str = "", note: str = "", at=None, channel: str = "web",
                   idempotency_key: str | None = None) -> ConsentRecord:
    """Record the victim's choice. `actor` is None when the victim made it in the portal.

    The scope is normalised: consent to a kind of organisation names no organisation, consent to a named
    organisation names no kind, and only those two purposes carry a kind."""
    if purpose not in Purpose.values:
        raise ConsentError(f"Unknown purpose {purpose!r}")
    if decision not in Decision.values:
        raise ConsentError(f"Unknown decision {decision!r}")
    if how not in How.values:
        raise ConsentError(f"Unknown way of recording {how!r}")
    if purpose == Purpose.SHARE_WITH_ORGANISATION and organisation is None:
        raise ConsentError("Say which organisation the consent is for")
    if purpose == Purpose.SHARE_WITH_KIND and not organisation_kind:
        raise ConsentError("Say which kind of organisation the consent is for")
    if purpose == Purpose.SHARE_WITH_KIND:
        organisation = None
    else:
        organisation_kind = ""
    if decision == Decision.WITHDRAWN:
        latest = current_consent(victim, purpose, organisation, organisation_kind)
        if latest is None or latest.decision != Decision.GIVEN:
            raise ConsentError("Only consent that was given can be withdrawn")
    at = at or timezone.now()
    record = ConsentRecord.objects.create(
        victim=victim, case=case, purpose=purpose, organisation=organisation, organisation_kind=organisation_kind,
        decision=decision, how=how, at=at, recorded_by=actor, note=(note or "").strip(),
    )
    if case is not None:
        from victimcare.cases.services import record_event

        record_event(
            case, TimelineEvent.Kind.CONSENT_RECORDED, actor, at, idempotency_key=idempotency_key,
            consent=record.pk, purpose=purpose, decision=decision, how=how,
            organisation=organisation.name_en if organisation else "",
            organisation_cy=(organisation.name_cy or organisation.name_en) if organisation else "",
            organisation_kind=organisation_kind, note=record.note,
        )
        _log(case, actor, f"recorded the victim's consent ({purpose}: {decision})", channel)
    if decision in (Decision.WITHDRAWN, Decision.REFUSED):
        end_disclosures_relying_on(record)
    consent_recorded.send(sender=ConsentRecord, record=record)
    return record


class SharingError(Exception):
    """The information cannot be shared as asked."""


def _latest_choice(victim, scopes) -> ConsentRecord | None:
    """The victim's choice in the most specific scope they have made one in: a choice about a named
    organisation stands over one about its kind (consent refused to Newport Housing is not overridden by
    consent to housing providers in general), and either over a general one."""
    for scope_purpose, scope_organisation, scope_kind in scopes:
        latest = current_consent(victim, scope_purpose, scope_organisation, scope_kind)
        if latest is not None:
            return latest
    return None


def covering_consent(case, organisation, purpose: str = Purpose.SHARE_WITH_ORGANISATION) -> ConsentRecord | None:
    """The consent in force that allows sharing the case with `organisation` for `purpose`, if any.

    For sharing with an organisation, consent to that named organisation or to its kind both count, but
    the victim's choice about the named organisation, if they made one, decides. For a referral or a
    multi-agency meeting, consent for that purpose naming the organisation, or else for the purpose in
    general."""
    victim = case.victim
    if purpose in (Purpose.SHARE_WITH_ORGANISATION, Purpose.SHARE_WITH_KIND):
        scopes = [(Purpose.SHARE_WITH_ORGANISATION, organisation, "")]
        if organisation is not None:
            scopes.append((Purpose.SHARE_WITH_KIND, None, organisation.kind))
    else:
        scopes = [(purpose, organisation, "")] if organisation is not None else []
        scopes.append((purpose, None, ""))
    latest = _latest_choice(victim, scopes)
    return latest if latest is not None and latest.decision == Decision.GIVEN else None


def _clean_items(items) -> list[str]:
    from victimcare.sharing.models import SharedItem

    unknown = set(items or ()) - set(SharedItem.values)
    if unknown:
        raise SharingError(f"Unknown items to share: {', '.join(sorted(unknown))}")
    chosen = [item for item in SharedItem.values if item in set(items or ())]
    if not chosen:
        raise SharingError("Choose what to share")
    return chosen


def _disclosure_event(disclosure, kind: str, actor, at, idempotency_key=None, **data) -> None:
    from victimcare.cases.services import record_event

    organisation = disclosure.organisation
    record_event(disclosure.case, kind, actor, at, idempotency_key=idempotency_key,
                 disclosure=disclosure.pk, organisation=organisation.name_en,
                 organisation_cy=organisation.name_cy or organisation.name_en, items=disclosure.items,
                 lawful_basis=disclosure.lawful_basis, **data)


def _log(case, actor, what: str, channel: str) -> None:
    from victimcare.cases.services import log_change

    log_change(case, actor, what, channel)


@transaction.atomic
def share_with_consent(case, organisation, items, *, actor, purpose: str = Purpose.SHARE_WITH_ORGANISATION,
                       summary: str = "", context: dict | None = None, at=None, channel: str = "web",
                       idempotency_key: str | None = None):
    """Share `items` of the case with `organisation` on the victim's consent, in force at once. `summary` is
    what the police write to the organisation; `context`, facts about why (see Disclosure.context), which
    each reader sees in their own language."""
    from victimcare.sharing.models import Disclosure, LawfulBasis

    items = _clean_items(items)
    consent = covering_consent(case, organisation, purpose)
    if consent is None:
        raise SharingError("The victim has not consented to this sharing")
    at = at or timezone.now()
    disclosure = Disclosure.objects.create(
        case=case, organisation=organisation, items=items, summary=(summary or "").strip(), context=context or {},
        lawful_basis=LawfulBasis.CONSENT, consent=consent, status=Disclosure.Status.IN_FORCE, requested_by=actor,
        requested_at=at, shared_at=at,
    )
    _disclosure_event(disclosure, TimelineEvent.Kind.INFORMATION_SHARED, actor, at, idempotency_key)
    _log(case, actor, f"shared information with {organisation.name_en}", channel)
    return disclosure


@transaction.atomic
def request_safeguarding_disclosure(case, organisation, items, *, actor, justification: str, summary: str = "",
                                    context: dict | None = None, at=None, channel: str = "web",
                                    idempotency_key: str | None = None):
    """Ask to share without consent on safeguarding grounds. Nothing is shared until a supervisor of
    the case's unit approves it."""
    from victimcare.sharing.models import Disclosure, LawfulBasis

    items = _clean_items(items)
    justification = (justification or "").strip()
    if not justification:
        raise SharingError("A written justification is needed to share without consent")
    at = at or timezone.now()
    disclosure = Disclosure.objects.create(
        case=case, organisation=organisation, items=items, summary=(summary or "").strip(), context=context or {},
        lawful_basis=LawfulBasis.SAFEGUARDING, justification=justification,
        status=Disclosure.Status.AWAITING_APPROVAL, requested_by=actor, requested_at=at,
    )
    _disclosure_event(disclosure, TimelineEvent.Kind.SHARING_OVERRIDE_REQUESTED, actor, at, idempotency_key,
                      justification=justification)
    _log(case, actor, f"asked to share with {organisation.name_en} on safeguarding grounds", channel)
    return disclosure


@transaction.atomic
def decide_safeguarding_disclosure(disclosure, *, actor, approve: bool, note: str = "", at=None, channel: str = "web",
                                   idempotency_key: str | None = None):
    """A supervisor of the case's unit approves (shared from now) or refuses a safeguarding disclosure.
    The person who asked cannot approve their own request."""
    from django.core.exceptions import PermissionDenied

    from victimcare.cases.access import supervises
    from victimcare.sharing.models import Disclosure

    locking = Disclosure.objects.select_for_update(of=("self",))
    locked = locking.select_related("case", "organisation").get(pk=disclosure.pk)
    if locked.status != Disclosure.Status.AWAITING_APPROVAL:
        raise SharingError("This request has already been decided")
    if not supervises(actor, locked.case):
        raise PermissionDenied("Only a supervisor of the case's unit can decide this")
    if locked.requested_by_id == actor.pk:
        raise SharingError("Someone else must approve a request you made")
    at = at or timezone.now()
    locked.status = Disclosure.Status.IN_FORCE if approve else Disclosure.Status.REFUSED
    locked.decided_by, locked.decided_at = actor, at
    if approve:
        locked.shared_at = at
    locked.save(update_fields=["status", "decided_by", "decided_at", "shared_at"])
    _disclosure_event(locked, TimelineEvent.Kind.SHARING_OVERRIDE_DECIDED, actor, at, idempotency_key,
                      approved=approve, note=(note or "").strip())
    _log(locked.case, actor, "approved a safeguarding disclosure" if approve else "refused a safeguarding disclosure",
         channel)
    return locked


@transaction.atomic
def end_disclosure(disclosure, *, actor, reason: str, at=None, channel: str = "web",
                   idempotency_key: str | None = None):
    """Stop sharing (or withdraw a request not yet decided): the organisation loses access from this moment."""
    from victimcare.sharing.models import Disclosure

    locking = Disclosure.objects.select_for_update(of=("self",))
    locked = locking.select_related("case", "organisation").get(pk=disclosure.pk)
    if locked.status not in (Disclosure.Status.IN_FORCE, Disclosure.Status.AWAITING_APPROVAL):
        raise SharingError("This sharing has already ended")
    at = at or timezone.now()
    locked.status, locked.ended_at, locked.ended_reason = Disclosure.Status.ENDED, at, (reason or "").strip()[:200]
    locked.save(update_fields=["status", "ended_at", "ended_reason"])
    _disclosure_event(locked, TimelineEvent.Kind.SHARING_ENDED, actor, at, idempotency_key,
                      reason=locked.ended_reason)
    _log(locked.case, actor, f"ended sharing with {locked.organisation.name_en}", channel)
    return locked


CONSENT_WITHDRAWN = "The victim withdrew consent"
# Why a referral's sharing with a victims' service ended (support/services.py), stored in English and shown
# in the reader's language (timeline.SYSTEM_REASONS).
REFERRAL_TURNED_DOWN = "The service turned the referral down"
SUPPORT_CLOSED = "The service closed its support"
DECLINED_AT_SERVICE = "The victim told the service they do not want its support"


def end_disclosures_relying_on(record: ConsentRecord) -> int:
    """Consent withdrawn or refused: end at once every disclosure in force on this victim's consent that
    relied on a choice in the same scope, or that no consent covers any more (a refusal for a named
    organisation stands over consent to its kind)."""
    from victimcare.sharing.models import Disclosure, LawfulBasis

    candidates = Disclosure.objects.filter(
        status=Disclosure.Status.IN_FORCE, lawful_basis=LawfulBasis.CONSENT, consent__victim=record.victim,
    ).select_related("case__victim", "organisation", "consent")
    ended = 0
    for disclosure in candidates:
        relied = disclosure.consent
        same_scope = (relied.purpose, relied.organisation_id, relied.organisation_kind) == (
            record.purpose, record.organisation_id, record.organisation_kind)
        if not same_scope and covering_consent(disclosure.case, disclosure.organisation, relied.purpose) is not None:
            continue
        end_disclosure(disclosure, actor=record.recorded_by, reason=CONSENT_WITHDRAWN, at=record.at)
        ended += 1
    return ended
