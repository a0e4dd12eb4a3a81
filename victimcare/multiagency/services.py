"""State changes for multi-agency case management, one named function each. Each runs in a
transaction, writes the timeline entry with the acting user and logs the change on the case."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.services import log_change, once, record_event, require_open
from victimcare.charter import rules as charter_rules
from victimcare.charter.services import meet_commitment, open_commitment, waive_commitment
from victimcare.multiagency import rules
from victimcare.multiagency.models import Action, AgendaItem, Meeting, MultiAgencyReferral
from victimcare.sharing.models import Purpose
from victimcare.sharing.services import request_safeguarding_disclosure, share_with_consent

Kind = TimelineEvent.Kind
Status = MultiAgencyReferral.Status


class MultiAgencyError(Exception):
    """The change cannot be made as asked."""


def multi_agency_rule() -> rules.MultiAgencyRule:
    """settings.MULTI_AGENCY_RULE; the defaults where not set."""
    return rules.MultiAgencyRule.from_setting(getattr(settings, "MULTI_AGENCY_RULE", None))


def _last_referral_at(victim_id: int, before_at, excluding: int | None = None):
    referrals = MultiAgencyReferral.objects.filter(case__victim_id=victim_id, flagged_at__lte=before_at).exclude(
        status=Status.WITHDRAWN)
    if excluding is not None:
        referrals = referrals.exclude(pk=excluding)
    return referrals.order_by("-flagged_at").values_list("flagged_at", flat=True).first()


def circumstances_of(case: Case, assessment, at, rule: rules.MultiAgencyRule) -> rules.Circumstances:
    crime = case.crime
    domestic_abuse_cases = 0
    if crime.is_domestic_abuse:
        domestic_abuse_cases = Case.objects.filter(
            victim_id=case.victim_id, crime__is_domestic_abuse=True,
            opened_at__gte=rules.months_before(at, rule.months), opened_at__lte=at,
        ).count()
    return rules.Circumstances(
        dash_score=assessment.dash_score if assessment is not None and assessment.dash_asked else None,
        is_domestic_abuse=crime.is_domestic_abuse,
        is_honour_based=crime.is_honour_based,
        is_persistently_targeted=case.is_persistently_targeted,
        domestic_abuse_cases_in_window=domestic_abuse_cases,
    )


def flag_on_report(sender=None, *, case, assessment, actor, at, channel, **kwargs) -> MultiAgencyReferral | None:
    """Receiver of cases.signals.report_recorded: flag the case if it meets the referral criteria."""
    rule = multi_agency_rule()
    reasons = rules.referral_reasons(circumstances_of(case, assessment, at, rule), rule)
    if not reasons or MultiAgencyReferral.objects.active().filter(case=case).exists():
        return None
    return flag_case(case, reasons, actor=None, note="", at=at, channel=channel, idempotency_key=None)


@transaction.atomic
def flag_case(case, reasons, *, actor, note: str = "", at=None, channel="web", idempotency_key=None
              ) -> MultiAgencyReferral:
    """Flag the case for `reasons` (rules.Reason), marking it a repeat if the victim was referred within the
    rule's repeat window. `actor` is None when the system flagged it on the criteria."""
    at = at or timezone.now()
    rule = multi_agency_rule()
    is_repeat = rules.is_repeat_referral(_last_referral_at(case.victim_id, at), at, rule)
    referral = MultiAgencyReferral.objects.create(
        case=case, reasons=[reason.value for reason in reasons], is_repeat=is_repeat, flagged_at=at,
        flagged_by=actor, note=note,
    )
    record_event(case, Kind.MULTI_AGENCY_FLAGGED, actor, at, idempotency_key=idempotency_key, referral=referral.pk,
                 reasons=referral.reasons, is_repeat=is_repeat, note=note)
    log_change(case, actor, "flagged the case for a multi-agency meeting", channel)
    return referral


def flag_by_judgement(case: Case, *, actor, note: str, at=None, channel="web",
                      idempotency_key=None) -> MultiAgencyReferral:
    """An officer or supervisor flags the case on their professional judgement, saying why."""
    def perform():
        note_text = (note or "").strip()
        if not note_text:
            raise MultiAgencyError(gettext_noop("Say why the case should go to a multi-agency meeting"))
        require_open(case)
        Case.objects.select_for_update().get(pk=case.pk)
        if MultiAgencyReferral.objects.active().filter(case=case).exists():
            raise MultiAgencyError(gettext_noop("The case is already flagged for a multi-agency meeting"))
        return flag_case(case, [rules.Reason.PROFESSIONAL_JUDGEMENT], actor=actor, note=note_text,
                     at=at or timezone.now(), channel=channel, idempotency_key=idempotency_key)

    return once(case, idempotency_key, perform,
                lambda event: MultiAgencyReferral.objects.get(pk=event.data["referral"]))


def withdraw_referral(referral: MultiAgencyReferral, *, actor, reason: str, at=None, channel="web",
                      idempotency_key=None) -> MultiAgencyReferral:
    """The case no longer needs a meeting (e.g. flagged in error). Only before it is on an agenda."""
    case = referral.case

    def perform():
        reason_text = (reason or "").strip()
        if not reason_text:
            raise MultiAgencyError(gettext_noop("Say why the flag is withdrawn"))
        locked = MultiAgencyReferral.objects.select_for_update().get(pk=referral.pk)
        if locked.status != Status.FLAGGED:
            raise MultiAgencyError(gettext_noop("Only a flag awaiting a meeting can be withdrawn"))
        moment = at or timezone.now()
        locked.status, locked.withdrawn_at, locked.withdrawn_by = Status.WITHDRAWN, moment, actor
        locked.withdrawn_reason = reason_text[:500]
        locked.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawn_reason"])
        record_event(case, Kind.MULTI_AGENCY_FLAGGED, actor, moment, idempotency_key=idempotency_key,
                     referral=locked.pk, withdrawn=True, reason=locked.withdrawn_reason)
        log_change(case, actor, "withdrew the multi-agency flag", channel)
        return locked

    return once(case, idempotency_key, perform, lambda event: MultiAgencyReferral.objects.get(pk=referral.pk))


def create_meeting(*, force, held_at, title: str, chair, attending, actor, local_authority=None,
                   submission_key: str | None = None) -> Meeting:
    """A meeting of the force's multi-agency risk assessment conference. A page sent twice creates one."""
    if submission_key:
        previous = Meeting.objects.filter(submission_key=submission_key).first()
        if previous is not None:
            return previous
    attending = list(attending)
    if not attending:
        raise MultiAgencyError(gettext_noop("Choose the agencies attending"))
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(force=force, held_at=held_at, title=title.strip(), chair=chair,
                                             local_authority=local_authority, created_by=actor,
                                             submission_key=submission_key or None)
            meeting.attending.set(attending)
            return meeting
    except IntegrityError:
        previous = Meeting.objects.filter(submission_key=submission_key).first() if submission_key else None
        if previous is None:
            raise
        return previous


def add_to_agenda(meeting: Meeting, referral: MultiAgencyReferral, *, actor, basis: str, items_by_agency: dict,
                  justification: str = "", at=None, channel="web", idempotency_key=None) -> AgendaItem:
    """Put a flagged case on the meeting's agenda and share with each attending agency what it may see
    ({agency: items}; an agency with no items is told nothing): on the victim's consent to discussion at
    a multi-agency meeting, or else by asking a supervisor to approve a safeguarding disclosure."""
    case = referral.case

    def perform():
        require_open(case)
        locked = MultiAgencyReferral.objects.select_for_update().get(pk=referral.pk)
        if locked.status != Status.FLAGGED:
            raise MultiAgencyError(gettext_noop("Only a case flagged and awaiting a meeting can be added to an agenda"))
        attending = {agency.pk for agency in meeting.attending.all()}
        strangers = [agency for agency in items_by_agency if agency.pk not in attending]
        if strangers:
            raise MultiAgencyError(gettext_noop("Information can only be shared with agencies attending the meeting"))
        if basis not in AgendaItem.Basis.values:
            raise MultiAgencyError(gettext_noop("Choose the basis for sharing"))
        moment = at or timezone.now()
        item = AgendaItem.objects.create(meeting=meeting, referral=locked, basis=basis, added_by=actor,
                                         added_at=moment)
        # The facts, not a sentence: each agency reads "For the multi-agency meeting ..." in its own language.
        context = {"meeting": meeting.pk, "meeting_title": meeting.title,
                   "meeting_date": timezone.localdate(meeting.held_at).isoformat()}
        disclosures = []
        for agency, items in items_by_agency.items():
            if not items:
                continue
            if basis == AgendaItem.Basis.CONSENT:
                disclosures.append(share_with_consent(case, agency, items, actor=actor, context=context,
                                                      purpose=Purpose.MULTI_AGENCY_MEETING, at=moment,
                                                      channel=channel))
            else:
                disclosures.append(request_safeguarding_disclosure(case, agency, items, actor=actor,
                                                                   justification=justification, context=context,
                                                                   at=moment, channel=channel))
        item.disclosures.set(disclosures)
        locked.status = Status.LISTED
        locked.save(update_fields=["status"])
        record_event(case, Kind.MULTI_AGENCY_LISTED, actor, moment, idempotency_key=idempotency_key,
                     referral=locked.pk, meeting=meeting.pk, agenda_item=item.pk, title=meeting.title,
                     held_at=meeting.held_at.isoformat(), basis=basis, is_repeat=locked.is_repeat)
        log_change(case, actor, "added the case to a multi-agency meeting's agenda", channel)
        return item

    return once(case, idempotency_key, perform, lambda event: AgendaItem.objects.get(pk=event.data["agenda_item"]))


def action_owners(meeting: Meeting):
    """Who may own an action: an agency attending, or a police unit of the meeting's force."""
    from victimcare.cases.access import units_within
    from victimcare.organisations.models import Organisation

    police = Organisation.objects.filter(pk__in=units_within([meeting.force_id]), kind=Organisation.Kind.UNIT)
    return list(meeting.attending.all()) + list(police)


def agree_action(agenda_item: AgendaItem, *, owner, description: str, due_on, actor, at=None, channel="web",
                 idempotency_key=None) -> Action:
    """An action agreed at the meeting: a commitment owed by the owning organisation, due by the end of
    the due date. The case counts as discussed."""
    referral = agenda_item.referral
    case = referral.case

    def perform():
        require_open(case)
        text = (description or "").strip()
        if not text:
            raise MultiAgencyError(gettext_noop("Say what will be done"))
        if owner.pk not in {organisation.pk for organisation in action_owners(agenda_item.meeting)}:
            raise MultiAgencyError(gettext_noop("The action must be owned by an agency attending or a police unit"))
        moment = at or timezone.now()
        event = record_event(case, Kind.MULTI_AGENCY_ACTION_AGREED, actor, moment, idempotency_key=idempotency_key,
                             agenda_item=agenda_item.pk, meeting=agenda_item.meeting_id, owner=owner.pk,
                             owner_name=owner.name_en, owner_name_cy=owner.name_cy, description=text,
                             due_on=due_on.isoformat())
        commitment = open_commitment(case, charter_rules.multi_agency_action_commitment(due_on, text),
                                     opened_by_event=event, owner_organisation=owner, owner_person=None, at=moment)
        action = Action.objects.create(agenda_item=agenda_item, owner=owner, description=text, due_on=due_on,
                                       agreed_by=actor, agreed_at=moment, commitment=commitment)
        MultiAgencyReferral.objects.filter(pk=referral.pk, status=Status.LISTED).update(status=Status.DISCUSSED)
        log_change(case, actor, "recorded a multi-agency action", channel)
        return action

    return once(case, idempotency_key, perform,
                lambda event: Action.objects.get(commitment__opened_by_event=event))


def _end_action(action: Action, *, actor, at, channel, idempotency_key, done: bool, reason: str = "") -> Action:
    case = action.agenda_item.referral.case

    def perform():
        require_open(case)
        locked = Action.objects.select_for_update(of=("self",)).select_related("commitment", "owner").get(pk=action.pk)
        if locked.status != Action.Status.OPEN:
            raise MultiAgencyError(gettext_noop("This action has already ended"))
        moment = at or timezone.now()
        locked.status = Action.Status.DONE if done else Action.Status.CANCELLED
        locked.completed_at, locked.completed_by = moment, actor
        locked.cancelled_reason = "" if done else reason
        locked.save(update_fields=["status", "completed_at", "completed_by", "cancelled_reason"])
        record_event(case, Kind.MULTI_AGENCY_ACTION_ENDED, actor, moment, idempotency_key=idempotency_key,
                     action=locked.pk, outcome=locked.status, owner_name=locked.owner.name_en,
                     owner_name_cy=locked.owner.name_cy, description=locked.description, reason=reason)
        if done:
            meet_commitment(locked.commitment, actor=actor, at=moment)
        else:
            waive_commitment(locked.commitment, actor=actor, reason=reason, at=moment)
        log_change(case, actor, "completed a multi-agency action" if done else "cancelled a multi-agency action",
                   channel)
        return locked

    return once(case, idempotency_key, perform, lambda event: Action.objects.get(pk=action.pk))


def complete_action(action: Action, *, actor, at=None, channel="web", idempotency_key=None) -> Action:
    """The owning organisation did it: the commitment is met (late if after the end of the due date)."""
    return _end_action(action, actor=actor, at=at, channel=channel, idempotency_key=idempotency_key, done=True)


def cancel_action(action: Action, *, actor, reason: str, at=None, channel="web", idempotency_key=None) -> Action:
    """The action is no longer needed: the commitment is waived with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise MultiAgencyError(gettext_noop("Say why the action is cancelled"))
    return _end_action(action, actor=actor, at=at, channel=channel, idempotency_key=idempotency_key, done=False,
                       reason=reason[:500])

