"""Recording a report at first contact: one named function, one transaction."""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from victimcare.accounts.roles import Role, organisations_with_role
from victimcare.areas.locate import resolve_location
from victimcare.cases import services as cases
from victimcare.cases.models import Case, TimelineEvent
from victimcare.cases.signals import report_recorded
from victimcare.charter import rules
from victimcare.charter.services import deadlines, meet_commitment, open_commitment
from victimcare.crimes.models import Crime
from victimcare.firstcontact import assessment
from victimcare.firstcontact.choices import Proposal
from victimcare.firstcontact.models import CrimeReferenceCounter, FirstContactAssessment
from victimcare.organisations.models import Organisation
from victimcare.victims.models import Victim, phone_digits

VICTIM_FIELDS = ("given_name", "family_name", "date_of_birth", "email", "phone", "address", "postcode",
                 "preferred_language", "other_language", "needs_interpreter", "communication_needs")


def repeat_victim_rule() -> assessment.RepeatVictimRule:
    """settings.REPEAT_VICTIM_RULE (e.g. {"reports": 3, "months": 6}); the defaults where not set."""
    return assessment.RepeatVictimRule.from_setting(getattr(settings, "REPEAT_VICTIM_RULE", None))


def earlier_reports(victim_id: int | None, at: datetime, rule: assessment.RepeatVictimRule | None = None) -> int:
    """How many cases the victim had opened in the rule's window before `at`."""
    if not victim_id:
        return 0
    rule = rule or repeat_victim_rule()
    return Case.objects.filter(victim_id=victim_id, opened_at__gte=rule.window_start(at), opened_at__lte=at).count()


def unit_for(local_authority, user) -> Organisation | None:
    """The force unit covering the local authority; else a unit of the user's own; else their organisation."""
    if local_authority is not None:
        unit = Organisation.objects.filter(kind=Organisation.Kind.UNIT, local_authority=local_authority)
        unit = unit.order_by("name_en").first()
        if unit is not None:
            return unit
    own = organisations_with_role(user, Role.OFFICER, Role.SUPERVISOR, Role.CALL_HANDLER)
    units = Organisation.objects.filter(kind=Organisation.Kind.UNIT).order_by("name_en", "id")
    return (units.filter(pk__in=own).first() or units.filter(parent_id__in=own).first()
            or Organisation.objects.filter(pk__in=own).order_by("id").first())


def likely_matches(*, family_name: str = "", date_of_birth=None, phone: str = "", exclude=None):
    """Victims who are probably the same person: same last name and date of birth, or same phone number."""
    from django.db.models import Q

    condition = Q(pk__in=[])
    if family_name and date_of_birth:
        condition |= Q(family_name__iexact=family_name.strip(), date_of_birth=date_of_birth)
    digits = phone_digits(phone)
    if len(digits) >= 6:
        condition |= Q(phone_digits=digits)
    found = Victim.objects.filter(condition)
    if exclude:
        found = found.exclude(pk=exclude)
    return found.order_by("family_name", "given_name", "id")


@dataclass
class Choice:
    """A proposal and what the user chose; `reason` is required when they differ."""

    proposed: object
    chosen: object
    reason: str = ""

    @property
    def overridden(self) -> bool:
        return self.proposed != self.chosen


@dataclass
class Report:
    """Everything the wizard gathered, in plain values."""

    victim_id: int | None
    victim: dict  # VICTIM_FIELDS, when victim_id is None
    category: str
    offence: str
    is_domestic_abuse: bool
    is_hate_crime: bool
    is_honour_based: bool
    occurred_at: datetime | None
    location_description: str
    postcode: str = ""
    longitude: float | None = None
    latitude: float | None = None
    is_rural: bool = False
    thrive: dict = field(default_factory=dict)  # {dimension: {"rating", "rationale"}}
    needs: dict = field(default_factory=dict)
    wants_attendance: bool = True
    vulnerability: dict = field(default_factory=dict)
    is_vulnerable: bool = False
    is_intimidated: bool = False
    is_persistently_targeted: bool = False
    is_bereaved_relative: bool = False
    dash_answers: dict | None = None  # {question number: answer} when DASH was asked
    repeat_victim: Choice | None = None
    enhanced_rights: Choice | None = None
    risk_level: Choice | None = None
    response_grade: Choice | None = None
    # Whether the victim wants to be referred to a victims' service: "yes" (consent given), "no" (refused) or
    # "not_asked" (not safe or not the right time to ask: nothing is recorded, the case shows it is to be asked).
    support_referral: str = "not_asked"


SUPPORT_REFERRAL_ANSWERS = ("yes", "no", "not_asked")


class ReportError(Exception):
    """The report cannot be recorded as it stands."""


def record_report(report: Report, *, actor, submission_key: str, at=None, channel="web") -> Case:
    """Record the report: the victim (new or found), the crime with a new reference, the case, the
    assessment, the response grade and the first commitments. A second call with the same
    `submission_key` (a page sent twice) returns the first call's case and records nothing."""
    if not submission_key:
        raise ReportError("A submission key is needed")
    if report.support_referral not in SUPPORT_REFERRAL_ANSWERS:
        raise ReportError(f"Unknown answer about a referral to support: {report.support_referral!r}")
    previous = FirstContactAssessment.objects.filter(submission_key=submission_key).select_related("case").first()
    if previous is not None:
        return previous.case
    try:
        with transaction.atomic():
            return _record_report(report, actor, submission_key, at or timezone.now(), channel)
    except IntegrityError:
        previous = FirstContactAssessment.objects.filter(submission_key=submission_key).select_related("case").first()
        if previous is None:
            raise
        return previous.case


def _victim(report: Report) -> Victim:
    if report.victim_id:
        return Victim.objects.get(pk=report.victim_id)
    details = {name: report.victim.get(name) for name in VICTIM_FIELDS if name in report.victim}
    details = {name: ("" if value is None and name != "date_of_birth" else value) for name, value in details.items()}
    return Victim.objects.create(**details)


def _record_report(report: Report, actor, key: str, at: datetime, channel: str) -> Case:
    victim = _victim(report)
    earlier = earlier_reports(victim.pk, at) if report.victim_id else 0
    location = resolve_location(report.longitude, report.latitude, report.postcode)
    unit = unit_for(location.local_authority, actor)
    if unit is None:
        raise ReportError("No unit can own this report")
    local_at = timezone.localtime(at)
    crime = Crime.objects.create(
        reference=CrimeReferenceCounter.issue(local_at.year),
        category=report.category, offence=report.offence,
        is_domestic_abuse=report.is_domestic_abuse, is_hate_crime=report.is_hate_crime,
        is_honour_based=report.is_honour_based,
        month=local_at.date().replace(day=1), occurred_at=report.occurred_at, reported_at=at,
        location_description=report.location_description, postcode=report.postcode,
        longitude=report.longitude, latitude=report.latitude,
        lsoa=location.lsoa, ward=location.ward, local_authority=location.local_authority,
    )
    officer = actor if unit.pk in organisations_with_role(actor, Role.OFFICER) else None
    repeat = report.repeat_victim.chosen if report.repeat_victim else False
    case = cases.open_case(
        victim=victim, crime=crime, unit=unit, recorded_by=actor, officer=officer, at=at, channel=channel,
        is_vulnerable=report.is_vulnerable, is_intimidated=report.is_intimidated,
        is_persistently_targeted=bool(report.is_persistently_targeted or repeat),
        is_bereaved_relative=report.is_bereaved_relative, location_is_rural=report.is_rural,
    )
    overrides = []
    for proposal, choice in ((Proposal.REPEAT_VICTIM, report.repeat_victim),
                             (Proposal.ENHANCED_RIGHTS, report.enhanced_rights),
                             (Proposal.RISK_LEVEL, report.risk_level),
                             (Proposal.RESPONSE_GRADE, report.response_grade)):
        if choice is not None and choice.overridden:
            if not (choice.reason or "").strip():
                raise ReportError(f"A reason is needed to change the proposed {proposal.label}")
            override = {"proposal": proposal.value, "proposed": _text(choice.proposed),
                        "chosen": _text(choice.chosen), "reason": choice.reason.strip()}
            overrides.append(override)
            cases.record_event(case, TimelineEvent.Kind.PROPOSAL_OVERRIDDEN, actor, at, **override)
    if report.enhanced_rights is not None and report.enhanced_rights.chosen != case.enhanced_rights:
        case.enhanced_rights = bool(report.enhanced_rights.chosen)
        if not case.enhanced_rights:
            case.enhanced_rights_reasons = []
        case.save(update_fields=["enhanced_rights", "enhanced_rights_reasons"])
        cases.record_event(case, TimelineEvent.Kind.ENHANCED_RIGHTS_ASSESSED, actor, at,
                     eligible=case.enhanced_rights, reasons=case.enhanced_rights_reasons)

    dash_score = assessment.dash_score(report.dash_answers) if report.dash_answers is not None else None
    risk_level = report.risk_level.chosen if report.risk_level else assessment.risk_from_thrive(
        {name: value.get("rating") for name, value in report.thrive.items()})
    cases.record_event(case, TimelineEvent.Kind.REPORT_RECORDED, actor, at, idempotency_key=key,
                 reference=crime.reference)
    first_contact = FirstContactAssessment.objects.create(
        case=case, submission_key=key, recorded_by=actor, recorded_at=at,
        thrive=report.thrive, needs=report.needs, wants_attendance=report.wants_attendance,
        vulnerability=report.vulnerability,
        is_under_18=assessment.under_18(victim.date_of_birth, timezone.localdate(report.occurred_at or at)),
        dash_asked=report.dash_answers is not None,
        dash_answers={str(k): v for k, v in (report.dash_answers or {}).items()}, dash_score=dash_score,
        risk_level=risk_level, is_repeat_victim=bool(repeat),
        earlier_reports=earlier,
        proposals={name: _text(choice.proposed) for name, choice in (
            ("repeat_victim", report.repeat_victim), ("enhanced_rights", report.enhanced_rights),
            ("risk_level", report.risk_level), ("response_grade", report.response_grade)) if choice is not None},
        overrides=overrides,
    )
    cases.record_event(case, TimelineEvent.Kind.ASSESSMENT_RECORDED, actor, at, risk_level=risk_level,
                 dash_score=dash_score)

    grade = int(report.response_grade.chosen) if report.response_grade else 4
    rationale = "; ".join(f"{name.capitalize()}: {value.get('rating')} - {value.get('rationale', '')}"
                          for name, value in report.thrive.items())
    cases._grade_response(case, grade, actor, rationale, at, channel, None)
    if not report.wants_attendance and grade != 1:
        from victimcare.response import services as response

        declined = getattr(response, "record_attendance_declined", None)
        if declined is not None:
            declined(case, actor=actor, reason=report.needs.get("attendance_note", ""), at=at, channel=channel)

    for due in (rules.acknowledgement_commitment(at, deadlines()), rules.contact_agreement_commitment(at, deadlines())):
        open_commitment(case, due, at=at)
    report_recorded.send(sender=FirstContactAssessment, case=case, assessment=first_contact, actor=actor, at=at,
                         channel=channel)
    _record_support_choice(case, report.support_referral, actor, at, channel)
    return case


def _record_support_choice(case: Case, answer: str, actor, at: datetime, channel: str) -> None:
    """The victim's answer about a referral to support, in the consent ledger as told to the recorder at the
    report's time. Support applies it (`support.services.apply_support_choice`): a "yes" owes a referral
    within 2 working days of the report; a "no" is a refusal the victim can change later."""
    if answer == "not_asked":
        return
    from victimcare.sharing.models import Decision, How
    from victimcare.support.services import record_support_choice

    decision = Decision.GIVEN if answer == "yes" else Decision.REFUSED
    record_support_choice(case, decision, how=How.VERBAL, actor=actor, at=at, channel=channel)


def _text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@transaction.atomic
def record_acknowledgement_given(case: Case, *, actor, language: str, services=None, at=None, channel="web",
                                 sent=None):
    """The written acknowledgement was given to the victim: the commitment to give it is met, and so is
    the commitment to give the victims' services that fit them, which it lists (`services`; by default
    the directory's match for the case). `sent`: the outbox message that gave it (actor None), if any."""
    from victimcare.support.matching import services_for
    from victimcare.support.services import record_services_information_given

    at = at or timezone.now()
    cases.require_open(case)
    via = {"message": sent.pk, "by": sent.channel} if sent is not None else {}
    cases.record_event(case, TimelineEvent.Kind.ACKNOWLEDGEMENT_GIVEN, actor, at, language=language, **via)
    for commitment in case.commitments.open().filter(kind=rules.CommitmentKind.WRITTEN_ACKNOWLEDGEMENT):
        meet_commitment(commitment, actor=actor, at=at)
    record_services_information_given(case, services_for(case) if services is None else services, actor=actor, at=at)
    cases.log_change(case, actor, "gave the written acknowledgement", channel)


@transaction.atomic
def send_acknowledgement(case: Case, *, actor, channel: str | None = None, at=None, via="web"):
    """Send the written acknowledgement through Victim Care (by email or letter): it is queued in the
    outbox now, and recorded as given (its commitment met) when it has been sent."""
    from victimcare.notifications import victim_messages

    cases.require_open(case)
    message = victim_messages.queue_acknowledgement(case, channel=channel, at=at)
    cases.log_change(case, actor, "sent the written acknowledgement through Victim Care", via)
    return message
