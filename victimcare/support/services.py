"""State changes for victims' services, one named function each: the needs assessment, the victim's
choice about support (through the consent ledger), and a referral's life at the service.

Commitments (charter standard 5):
- SERVICES_INFORMATION and NEEDS_ASSESSMENT open when a report is recorded, owed by the case's unit; the
  first is met when the written acknowledgement listing the services is given, the second when the
  needs assessment is recorded.
- REFERRAL_TO_SUPPORT opens when the victim agrees to support (2 working days), owed by the unit; met by
  sending a referral; waived when the victim declines or opts out; opened again when a service turns the
  referral down while the victim's consent is still given.
- REFERRAL_RESPONSE opens when a referral is sent, owed by the service's organisation; met when it is
  accepted or turned down. SUPPORT_CONTACT opens on acceptance, owed by the service; met when the
  victim is contacted.

Sharing: sending a referral shares the victim's details with the service (a disclosure on the victim's
consent). The disclosure ends, on the timeline with when and why, the moment the referral ends: turned
down, support closed, or declined by the victim (at the service, or through the police or the portal).
A decline told to the service is also the victim's choice about support, so it goes in the consent ledger.
"""

from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.services import log_change, once, record_event, require_open
from victimcare.charter import rules
from victimcare.charter.services import deadlines, meet_commitment, open_commitment, waive_commitment
from victimcare.sharing.models import ConsentRecord, Decision, Disclosure, How, Purpose, SharedItem
from victimcare.sharing.services import (
    CONSENT_WITHDRAWN,
    DECLINED_AT_SERVICE,
    REFERRAL_TURNED_DOWN,
    SUPPORT_CLOSED,
    covering_consent,
    end_disclosure,
    record_consent,
    share_with_consent,
)
from victimcare.support.models import NeedsAssessment, Referral, SupportNeed, SupportService

Kind = TimelineEvent.Kind
Status = Referral.Status
CommitmentKind = rules.CommitmentKind

REFERRAL_ITEMS = [SharedItem.VICTIM_NAME, SharedItem.VICTIM_CONTACT, SharedItem.NEEDS, SharedItem.INCIDENT_SUMMARY]

# Reasons written on commitments and events in English; the timeline shows them through gettext.
DECLINED_SUPPORT = "The victim declined support"
OPTED_OUT = "The victim opted out of support"
REFERRAL_ENDED = "The referral ended"


class SupportError(Exception):
    """The change asked for is not possible in the referral's or case's current state."""


def _service_names(service: SupportService) -> dict:
    return {"service": service.name_en, "service_cy": service.name_cy}


def _open_of(case: Case, kind: str, referral: Referral | None = None):
    found = case.commitments.open().filter(kind=kind)
    if referral is not None:
        found = found.filter(detail__referral=referral.pk)
    return list(found.order_by("due_at", "id"))


# --- Commitments opened at first contact ---------------------------------------------------------------
def open_first_contact_commitments(case: Case, *, at) -> list:
    """The services that fit the victim are owed with the written acknowledgement, and a needs assessment."""
    event = case.timeline.filter(kind=Kind.REPORT_RECORDED).order_by("-id").first()
    return [open_commitment(case, due, opened_by_event=event, at=at)
            for due in (rules.services_information_commitment(at, deadlines()),
                        rules.needs_assessment_commitment(at, deadlines()))]


def on_report_recorded(sender, *, case, at, **kwargs) -> None:
    open_first_contact_commitments(case, at=at)


@transaction.atomic
def record_services_information_given(case: Case, services, *, actor, at=None) -> None:
    """The victim was given the details of these services (in the written acknowledgement)."""
    at = at or timezone.now()
    for commitment in _open_of(case, CommitmentKind.SERVICES_INFORMATION):
        meet_commitment(commitment, actor=actor, at=at)
    record_event(case, Kind.SERVICES_INFORMATION_GIVEN, actor, at,
                 services=[service.name_en for service in services],
                 services_cy=[service.name_cy for service in services])


# --- Needs assessment ---------------------------------------------------------------------------------
def record_needs_assessment(case: Case, needs, *, actor, notes: str = "", at=None, channel="web",
                            idempotency_key=None) -> NeedsAssessment:
    """What support the victim needs. Meets the needs assessment commitment."""
    return once(case, idempotency_key,
                lambda: _record_needs_assessment(case, needs, actor, notes, at, channel, idempotency_key),
                lambda event: NeedsAssessment.objects.get(pk=event.data["assessment"]))


def _record_needs_assessment(case, needs, actor, notes, at, channel, idempotency_key) -> NeedsAssessment:
    require_open(case)
    unknown = set(needs) - set(SupportNeed.values)
    if unknown:
        raise SupportError(f"Unknown needs: {', '.join(sorted(unknown))}")
    at = at or timezone.now()
    needs = [need for need in SupportNeed.values if need in set(needs)]
    assessment = NeedsAssessment.objects.create(case=case, needs=needs, notes=notes.strip(), recorded_by=actor, at=at)
    record_event(case, Kind.NEEDS_ASSESSED, actor, at, idempotency_key=idempotency_key, assessment=assessment.pk,
                 needs=needs, notes=assessment.notes)
    for commitment in _open_of(case, CommitmentKind.NEEDS_ASSESSMENT):
        meet_commitment(commitment, actor=actor, at=at)
    log_change(case, actor, "recorded the support needs assessment", channel)
    return assessment


# --- The victim's choice about support -----------------------------------------------------------------
def current_choice(victim) -> ConsentRecord | None:
    return ConsentRecord.objects.for_scope(victim, Purpose.SUPPORT_REFERRAL).order_by("-at", "-id").first()


@transaction.atomic
def record_support_choice(case: Case, decision: str, *, how: str, actor, note: str = "", at=None,
                          channel="web") -> ConsentRecord:
    """The victim wants support (or opts in later, or comes back), declines it, or opts out (e.g. once
    recovered). Recorded in the consent ledger with when and how; what follows (a referral owed, or
    owed no longer and any referral closed) happens in `apply_support_choice`, whichever way the choice
    was recorded (here, the victim portal, another screen)."""
    require_open(case)
    if decision not in Decision.values:
        raise SupportError(f"Unknown choice {decision!r}")
    latest = current_choice(case.victim)
    if decision == Decision.WITHDRAWN and (latest is None or latest.decision != Decision.GIVEN):
        raise SupportError("The victim has not agreed to support, so there is nothing to opt out of")
    record = record_consent(victim=case.victim, purpose=Purpose.SUPPORT_REFERRAL, decision=decision, how=how,
                            actor=actor, case=case, note=note, at=at)
    log_change(case, actor, f"recorded the victim's choice about support: {decision}", channel)
    return record


def on_consent_recorded(sender, *, record: ConsentRecord, **kwargs) -> None:
    if record.purpose == Purpose.SUPPORT_REFERRAL:
        apply_support_choice(record)


def _choice_event(case: Case, record: ConsentRecord) -> TimelineEvent:
    """The timeline entry of the choice on this case: the ledger's own entry when it was recorded on
    the case; otherwise (the portal, another case) a SUPPORT_CHOICE entry, so the case shows it too."""
    if record.case_id == case.pk:
        event = case.timeline.filter(kind=Kind.CONSENT_RECORDED, data__consent=record.pk).first()
        if event is not None:
            return event
    return record_event(case, Kind.SUPPORT_CHOICE, record.recorded_by, record.at, consent=record.pk,
                        decision=record.decision, how=record.how, note=record.note)


def apply_support_choice(record: ConsentRecord) -> None:
    """What the victim's choice means for their open cases (the case it was recorded on, or, from the
    portal, the latest open case for an agreement and every open case for a refusal or opt-out)."""
    if record.case_id:
        cases = [record.case] if record.case.status == Case.Status.OPEN else []
    else:
        cases = list(Case.objects.open().filter(victim=record.victim_id).order_by("-opened_at", "-id"))
        if record.decision == Decision.GIVEN:
            cases = cases[:1]
    for case in cases:
        event = _choice_event(case, record)
        if record.decision == Decision.GIVEN:
            _owe_referral(case, event, record.at)
        else:
            reason = OPTED_OUT if record.decision == Decision.WITHDRAWN else DECLINED_SUPPORT
            for commitment in _open_of(case, CommitmentKind.REFERRAL_TO_SUPPORT):
                waive_commitment(commitment, actor=record.recorded_by, reason=reason, at=record.at)
            for referral in case.referrals.active().select_related("service"):
                _declined(referral, record.recorded_by, record.at, reason, None)


def _owe_referral(case: Case, event: TimelineEvent, at):
    """A referral is owed within 2 working days, unless one is already owed or under way."""
    if _open_of(case, CommitmentKind.REFERRAL_TO_SUPPORT) or case.referrals.active().exists():
        return None
    return open_commitment(case, rules.referral_commitment(at, deadlines()), opened_by_event=event, at=at)


# --- Referral: the police side ------------------------------------------------------------------------
def send_referral(case: Case, service: SupportService, *, actor, needs=(), note: str = "", at=None, channel="web",
                  idempotency_key=None) -> Referral:
    """Refer the case to the service, on the victim's consent: meets the referral commitment, opens the
    service's commitment to answer, and records what was shared with the service."""
    return once(case, idempotency_key,
                lambda: _send_referral(case, service, actor, needs, note, at, channel, idempotency_key),
                lambda event: Referral.objects.get(pk=event.data["referral"]))


def _send_referral(case, service, actor, needs, note, at, channel, idempotency_key) -> Referral:
    require_open(case)
    if not service.takes_referrals:
        raise SupportError(f"{service.name_en} does not take referrals through Victim Care")
    organisation = service.organisation
    consent = covering_consent(case, organisation, Purpose.SUPPORT_REFERRAL)
    if consent is None:
        raise SupportError("The victim has not consented to a referral to support (record their choice first)")
    if case.referrals.active().filter(service=service).exists():
        raise SupportError(f"The case is already referred to {service.name_en}")
    unknown = set(needs) - set(SupportNeed.values)
    if unknown:
        raise SupportError(f"Unknown needs: {', '.join(sorted(unknown))}")
    at = at or timezone.now()
    referral = Referral.objects.create(
        case=case, service=service, needs=[n for n in SupportNeed.values if n in set(needs)], note=note.strip(),
        consent=consent, sent_by=actor, sent_at=at, updated_at=at,
    )
    event = record_event(case, Kind.REFERRAL_SENT, actor, at, idempotency_key=idempotency_key,
                         referral=referral.pk, needs=referral.needs, **_service_names(service))
    for commitment in _open_of(case, CommitmentKind.REFERRAL_TO_SUPPORT):
        meet_commitment(commitment, actor=actor, at=at)
    due = rules.referral_response_commitment(at, deadlines())
    open_commitment(case, replace(due, detail={**due.detail, "referral": referral.pk}), opened_by_event=event,
                    owner_organisation=organisation, owner_person=None, at=at)
    referral.disclosure = share_with_consent(case, organisation, REFERRAL_ITEMS, actor=actor,
                                             purpose=Purpose.SUPPORT_REFERRAL, summary=note, at=at, channel=channel)
    referral.save(update_fields=["disclosure"])
    log_change(case, actor, f"referred the victim to {service.name_en}", channel)
    return referral


# --- Referral: the service side -----------------------------------------------------------------------
def _lock(referral: Referral, allowed, action: str) -> Referral:
    locked = Referral.objects.select_for_update(of=("self",)).select_related("case", "service").get(pk=referral.pk)
    if locked.status not in allowed:
        raise SupportError(f"A referral that is {locked.get_status_display()} cannot be {action}")
    return locked


def _step(referral: Referral, allowed, status: str, kind: str, action: str, actor, at, channel, idempotency_key,
          after=None, **data) -> Referral:
    def perform():
        locked = _lock(referral, allowed, action)
        when = at or timezone.now()
        locked.status, locked.updated_at = status, when
        for name, value in data.items():
            if name in ("rejection_reason", "outcome"):
                setattr(locked, name, value)
        locked.save()
        event = record_event(locked.case, kind, actor, when, idempotency_key=idempotency_key, referral=locked.pk,
                             **_service_names(locked.service), **data)
        if after is not None:
            after(locked, event, when)
        log_change(locked.case, actor, f"referral to {locked.service.name_en}: {action}", channel)
        return locked

    return once(referral.case, idempotency_key, perform, lambda event: Referral.objects.get(pk=referral.pk))


def _meet(kind):
    def meet(referral, event, at, actor):
        for commitment in _open_of(referral.case, kind, referral):
            meet_commitment(commitment, actor=actor, at=at)
    return meet


def _stop_sharing(referral: Referral, actor, at, reason: str, channel: str) -> None:
    """The referral has ended: the service no longer sees the victim's details, from this moment."""
    live = (Disclosure.Status.IN_FORCE, Disclosure.Status.AWAITING_APPROVAL)
    disclosure = Disclosure.objects.filter(pk=referral.disclosure_id, status__in=live).first()
    if disclosure is not None:
        end_disclosure(disclosure, actor=actor, reason=reason, at=at, channel=channel)


def _waive_referral_commitments(referral, actor, at, reason) -> None:
    for kind in (CommitmentKind.REFERRAL_RESPONSE, CommitmentKind.SUPPORT_CONTACT):
        for commitment in _open_of(referral.case, kind, referral):
            waive_commitment(commitment, actor=actor, reason=reason, at=at)


def accept_referral(referral: Referral, *, actor, at=None, channel="web", idempotency_key=None) -> Referral:
    """The service takes the referral on: it now owes the victim contact."""
    def after(locked, event, when):
        _meet(CommitmentKind.REFERRAL_RESPONSE)(locked, event, when, actor)
        due = rules.support_contact_commitment(when, deadlines())
        open_commitment(locked.case, replace(due, detail={**due.detail, "referral": locked.pk}),
                        opened_by_event=event, owner_organisation=locked.service.organisation, owner_person=None,
                        at=when)
    return _step(referral, {Status.SENT}, Status.ACCEPTED, Kind.REFERRAL_ACCEPTED, "accepted", actor, at, channel,
                 idempotency_key, after)


def reject_referral(referral: Referral, *, reason: str, actor, at=None, channel="web",
                    idempotency_key=None) -> Referral:
    """The service turns the referral down, with a reason. If the victim still wants support, the police
    owe a referral elsewhere."""
    reason = (reason or "").strip()
    if not reason:
        raise SupportError("Give the reason the referral is turned down")

    def after(locked, event, when):
        _meet(CommitmentKind.REFERRAL_RESPONSE)(locked, event, when, actor)
        _stop_sharing(locked, actor, when, REFERRAL_TURNED_DOWN, channel)
        if locked.case.status == Case.Status.OPEN and covering_consent(locked.case, None, Purpose.SUPPORT_REFERRAL):
            _owe_referral(locked.case, event, when)
    return _step(referral, {Status.SENT}, Status.REJECTED, Kind.REFERRAL_REJECTED, "turned down", actor, at, channel,
                 idempotency_key, after, rejection_reason=reason)


def record_victim_contacted(referral: Referral, *, actor, at=None, channel="web", idempotency_key=None) -> Referral:
    def after(locked, event, when):
        _meet(CommitmentKind.SUPPORT_CONTACT)(locked, event, when, actor)
    return _step(referral, {Status.ACCEPTED}, Status.VICTIM_CONTACTED, Kind.REFERRAL_VICTIM_CONTACTED,
                 "marked as victim contacted", actor, at, channel, idempotency_key, after)


def record_support_started(referral: Referral, *, actor, at=None, channel="web", idempotency_key=None) -> Referral:
    return _step(referral, {Status.VICTIM_CONTACTED}, Status.IN_PROGRESS, Kind.SUPPORT_STARTED,
                 "marked as support in progress", actor, at, channel, idempotency_key)


def close_support(referral: Referral, *, outcome: str, actor, at=None, channel="web", idempotency_key=None) -> Referral:
    """Support has ended, with its outcome. Anything the service still owed on it is waived, and the
    service no longer sees the victim's details."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise SupportError("Give the outcome of the support")

    def after(locked, event, when):
        _waive_referral_commitments(locked, actor, when, REFERRAL_ENDED)
        _stop_sharing(locked, actor, when, SUPPORT_CLOSED, channel)
    return _step(referral, {Status.ACCEPTED, Status.VICTIM_CONTACTED, Status.IN_PROGRESS}, Status.CLOSED,
                 Kind.SUPPORT_CLOSED, "closed", actor, at, channel, idempotency_key, after, outcome=outcome)


def record_declined_by_victim(referral: Referral, *, actor, note: str = "", how: str = How.VERBAL, at=None,
                              channel="web", idempotency_key=None) -> Referral:
    """The victim told the service (`how`: verbally or in writing) they do not want its support. The
    service stops seeing their details, and the choice goes in the consent ledger as the victim declining
    support, so the police no longer see consent to a referral (and any other referral on that consent
    ends with it, as when the victim declines through the police)."""
    if how not in (How.VERBAL, How.WRITTEN):
        raise SupportError(f"Unknown way the victim told the service {how!r}")
    note = (note or "").strip()

    def after(locked, event, when):
        _waive_referral_commitments(locked, actor, when, DECLINED_SUPPORT)
        _stop_sharing(locked, actor, when, DECLINED_AT_SERVICE, channel)
        latest = current_choice(locked.case.victim)
        if latest is not None and latest.decision == Decision.GIVEN:
            record_consent(victim=locked.case.victim, case=locked.case, purpose=Purpose.SUPPORT_REFERRAL,
                           decision=Decision.REFUSED, how=how, actor=actor, note=note[:500], at=when,
                           channel=channel)
    return _step(referral, set(Referral.ACTIVE), Status.DECLINED_BY_VICTIM, Kind.REFERRAL_DECLINED_BY_VICTIM,
                 "declined by the victim", actor, at, channel, idempotency_key, after, note=note)


def _declined(referral, actor, at, reason, idempotency_key) -> Referral:
    """The victim declined or opted out through the police or the portal: the referral ends at once."""
    locked = _lock(referral, set(Referral.ACTIVE), "declined")
    locked.status, locked.updated_at = Status.DECLINED_BY_VICTIM, at
    locked.save(update_fields=["status", "updated_at"])
    record_event(locked.case, Kind.REFERRAL_DECLINED_BY_VICTIM, actor, at, idempotency_key=idempotency_key,
                 referral=locked.pk, reason=reason, **_service_names(locked.service))
    _waive_referral_commitments(locked, actor, at, reason)
    # Normally ended already by the consent ledger (withdrawal or refusal ends what relied on the consent).
    _stop_sharing(locked, actor, at, CONSENT_WITHDRAWN, "web")
    return locked


ACTIONS = {
    "accept": accept_referral,
    "reject": reject_referral,
    "contacted": record_victim_contacted,
    "started": record_support_started,
    "close": close_support,
    "declined": record_declined_by_victim,
}
NEXT_ACTIONS = {
    Status.SENT: ("accept", "reject", "declined"),
    Status.ACCEPTED: ("contacted", "close", "declined"),
    Status.VICTIM_CONTACTED: ("started", "close", "declined"),
    Status.IN_PROGRESS: ("close", "declined"),
}


def may_send(case) -> bool:
    return covering_consent(case, None, Purpose.SUPPORT_REFERRAL) is not None

