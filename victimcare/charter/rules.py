"""Rules that turn what happens on a case into commitments, and decide enhanced rights.

Plain Python, no Django: each rule takes facts and a Deadlines policy and returns what is owed.
The services in victimcare.charter.services apply them to cases.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from types import MappingProxyType

from victimcare.charter.calendar import LONDON, end_of_day, working_day_deadline
from victimcare.crimes.offences import OFFENCES


class CommitmentKind(StrEnum):
    RESPONSE = "response"
    WRITTEN_ACKNOWLEDGEMENT = "written_acknowledgement"
    CONTACT_AGREEMENT = "contact_agreement"
    VICTIM_UPDATE = "victim_update"
    INFORM_DECISION = "inform_decision"
    REFERRAL_TO_SUPPORT = "referral_to_support"
    SERVICES_INFORMATION = "services_information"
    NEEDS_ASSESSMENT = "needs_assessment"
    REFERRAL_RESPONSE = "referral_response"
    SUPPORT_CONTACT = "support_contact"
    NEIGHBOURHOOD_ACKNOWLEDGEMENT = "neighbourhood_acknowledgement"
    MULTI_AGENCY_ACTION = "multi_agency_action"
    INFORM_COURT_NEWS = "inform_court_news"
    WITNESS_NEEDS_ASSESSMENT = "witness_needs_assessment"
    OFFER_VPS = "offer_vps"
    VCS_REFERRAL = "vcs_referral"
    VCS_FIRST_CONTACT = "vcs_first_contact"
    PROPERTY_RETURN = "property_return"
    VICTIM_MESSAGE_REPLY = "victim_message_reply"
    COMPLAINT_ACKNOWLEDGEMENT = "complaint_acknowledgement"

    @property
    def standard(self) -> int:
        return _KIND_STANDARD[self]

    @property
    def label_en(self) -> str:
        return _KIND_LABELS[self][0]

    @property
    def label_cy(self) -> str:
        return _KIND_LABELS[self][1]

    def label(self, language: str) -> str:
        return self.label_cy if language == "cy" else self.label_en


_KIND_STANDARD = {
    CommitmentKind.RESPONSE: 2,
    CommitmentKind.WRITTEN_ACKNOWLEDGEMENT: 3,
    CommitmentKind.CONTACT_AGREEMENT: 4,
    CommitmentKind.VICTIM_UPDATE: 4,
    CommitmentKind.INFORM_DECISION: 4,
    CommitmentKind.REFERRAL_TO_SUPPORT: 5,
    CommitmentKind.SERVICES_INFORMATION: 5,
    CommitmentKind.NEEDS_ASSESSMENT: 5,
    CommitmentKind.REFERRAL_RESPONSE: 5,
    CommitmentKind.SUPPORT_CONTACT: 5,
    CommitmentKind.NEIGHBOURHOOD_ACKNOWLEDGEMENT: 6,
    CommitmentKind.MULTI_AGENCY_ACTION: 7,
    CommitmentKind.INFORM_COURT_NEWS: 8,
    CommitmentKind.WITNESS_NEEDS_ASSESSMENT: 8,
    CommitmentKind.OFFER_VPS: 8,
    CommitmentKind.VCS_REFERRAL: 8,
    CommitmentKind.VCS_FIRST_CONTACT: 8,
    CommitmentKind.PROPERTY_RETURN: 9,
    CommitmentKind.VICTIM_MESSAGE_REPLY: 4,
    CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT: 1,
}
_KIND_LABELS = {
    CommitmentKind.RESPONSE: ("Attend within the response target", "Mynychu o fewn y targed ymateb"),
    CommitmentKind.WRITTEN_ACKNOWLEDGEMENT: (
        "Give the victim a written acknowledgement of the crime",
        "Rhoi cydnabyddiaeth ysgrifenedig o'r drosedd i'r dioddefwr",
    ),
    CommitmentKind.CONTACT_AGREEMENT: (
        "Agree with the victim how and when they will be updated",
        "Cytuno gyda'r dioddefwr sut a phryd y caiff ddiweddariadau",
    ),
    CommitmentKind.VICTIM_UPDATE: (
        "Update the victim as agreed",
        "Rhoi diweddariad i'r dioddefwr fel y cytunwyd",
    ),
    CommitmentKind.INFORM_DECISION: (
        "Tell the victim about an investigation decision",
        "Rhoi gwybod i'r dioddefwr am benderfyniad yn yr ymchwiliad",
    ),
    CommitmentKind.REFERRAL_TO_SUPPORT: (
        "Refer the victim to a support service",
        "Atgyfeirio'r dioddefwr at wasanaeth cymorth",
    ),
    CommitmentKind.SERVICES_INFORMATION: (
        "Give the victim details of the victims' services that fit them",
        "Rhoi manylion y gwasanaethau i ddioddefwyr sy'n addas iddynt i'r dioddefwr",
    ),
    CommitmentKind.NEEDS_ASSESSMENT: (
        "Assess the victim's support needs",
        "Asesu anghenion cymorth y dioddefwr",
    ),
    CommitmentKind.REFERRAL_RESPONSE: (
        "Accept or turn down the referral",
        "Derbyn neu wrthod yr atgyfeiriad",
    ),
    CommitmentKind.SUPPORT_CONTACT: (
        "Contact the victim about the support offered",
        "Cysylltu â'r dioddefwr am y cymorth a gynigir",
    ),
    CommitmentKind.NEIGHBOURHOOD_ACKNOWLEDGEMENT: (
        "Neighbourhood team to acknowledge the incident",
        "Y tîm plismona bro i gydnabod y digwyddiad",
    ),
    CommitmentKind.MULTI_AGENCY_ACTION: (
        "Complete a multi-agency meeting action",
        "Cwblhau cam gweithredu o'r cyfarfod amlasiantaethol",
    ),
    CommitmentKind.INFORM_COURT_NEWS: (
        "Tell the victim the news from court",
        "Rhoi gwybod i'r dioddefwr am y newyddion o'r llys",
    ),
    CommitmentKind.WITNESS_NEEDS_ASSESSMENT: (
        "Assess what the victim needs to give evidence",
        "Asesu beth sydd ei angen ar y dioddefwr i roi tystiolaeth",
    ),
    CommitmentKind.OFFER_VPS: (
        "Offer the victim the chance to make a Victim Personal Statement",
        "Cynnig cyfle i'r dioddefwr wneud Datganiad Personol y Dioddefwr",
    ),
    CommitmentKind.VCS_REFERRAL: (
        "Refer the victim to the probation Victim Contact Scheme",
        "Atgyfeirio'r dioddefwr at Gynllun Cyswllt Dioddefwyr y gwasanaeth prawf",
    ),
    CommitmentKind.VCS_FIRST_CONTACT: (
        "Probation to make first contact under the Victim Contact Scheme",
        "Y gwasanaeth prawf i wneud y cyswllt cyntaf dan y Cynllun Cyswllt Dioddefwyr",
    ),
    CommitmentKind.PROPERTY_RETURN: (
        "Return the property to its owner",
        "Dychwelyd yr eiddo i'w berchennog",
    ),
    CommitmentKind.VICTIM_MESSAGE_REPLY: (
        "Answer the victim's message",
        "Ateb neges y dioddefwr",
    ),
    CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT: (
        "Acknowledge the victim's complaint",
        "Cydnabod cwyn y dioddefwr",
    ),
}


class CourtNews(StrEnum):
    """News from court the Witness Care Unit must pass on (Victims' Code rights 8 and 9)."""

    HEARING_LISTED = "hearing_listed"
    HEARING_MOVED = "hearing_moved"
    HEARING_VACATED = "hearing_vacated"
    MUST_GIVE_EVIDENCE = "must_give_evidence"
    EVIDENCE_NOT_NEEDED = "evidence_not_needed"
    BAIL_OUTCOME = "bail_outcome"
    WARRANT_ISSUED = "warrant_issued"
    RE_ARRESTED = "re_arrested"
    PLEA = "plea"
    VERDICT = "verdict"
    SENTENCE = "sentence"
    APPEAL = "appeal"

    @property
    def is_bail_news(self) -> bool:
        """Bail outcomes, warrants and re-arrests: 5 working days, or 1 with enhanced rights."""
        return self in (CourtNews.BAIL_OUTCOME, CourtNews.WARRANT_ISSUED, CourtNews.RE_ARRESTED)

    def label(self, language: str) -> str:
        english, welsh = _COURT_NEWS_LABELS[self]
        return welsh if language == "cy" else english


_COURT_NEWS_LABELS = {
    CourtNews.HEARING_LISTED: ("Hearing date, time and place", "Dyddiad, amser a lleoliad y gwrandawiad"),
    CourtNews.HEARING_MOVED: ("Hearing moved", "Gwrandawiad wedi'i symud"),
    CourtNews.HEARING_VACATED: ("Hearing cancelled", "Gwrandawiad wedi'i ganslo"),
    CourtNews.MUST_GIVE_EVIDENCE: ("The victim must give evidence", "Rhaid i'r dioddefwr roi tystiolaeth"),
    CourtNews.EVIDENCE_NOT_NEEDED: (
        "The victim no longer needs to give evidence",
        "Nid oes angen i'r dioddefwr roi tystiolaeth mwyach",
    ),
    CourtNews.BAIL_OUTCOME: ("Bail decision", "Penderfyniad ar fechnïaeth"),
    CourtNews.WARRANT_ISSUED: ("Warrant issued", "Gwarant wedi'i chyhoeddi"),
    CourtNews.RE_ARRESTED: ("Defendant re-arrested", "Y diffynnydd wedi'i arestio eto"),
    CourtNews.PLEA: ("Plea entered", "Ple wedi'i gyflwyno"),
    CourtNews.VERDICT: ("Verdict", "Dyfarniad"),
    CourtNews.SENTENCE: ("Sentence", "Dedfryd"),
    CourtNews.APPEAL: ("Appeal", "Apêl"),
}


class KeyDecision(StrEnum):
    """Investigation decisions the victim must be told about (Victims' Code right 6)."""

    NOT_INVESTIGATED = "not_investigated"
    SUSPECT_ARRESTED = "suspect_arrested"
    SUSPECT_INTERVIEWED = "suspect_interviewed"
    RELEASED_WITHOUT_CHARGE = "released_without_charge"
    BAILED = "bailed"
    RELEASED_UNDER_INVESTIGATION = "released_under_investigation"
    BAIL_CONDITIONS_CHANGED = "bail_conditions_changed"
    CHARGED = "charged"
    NO_FURTHER_ACTION = "no_further_action"

    def label(self, language: str) -> str:
        english, welsh = _DECISION_LABELS[self]
        return welsh if language == "cy" else english


_DECISION_LABELS = {
    KeyDecision.NOT_INVESTIGATED: ("Decision not to investigate", "Penderfyniad i beidio ag ymchwilio"),
    KeyDecision.SUSPECT_ARRESTED: ("Suspect arrested", "Rhywun a amheuir wedi'i arestio"),
    KeyDecision.SUSPECT_INTERVIEWED: (
        "Suspect interviewed under caution",
        "Rhywun a amheuir wedi'i gyfweld dan rybudd",
    ),
    KeyDecision.RELEASED_WITHOUT_CHARGE: (
        "Suspect released without charge",
        "Rhywun a amheuir wedi'i ryddhau heb gyhuddiad",
    ),
    KeyDecision.BAILED: ("Suspect released on bail", "Rhywun a amheuir wedi'i ryddhau ar fechnïaeth"),
    KeyDecision.RELEASED_UNDER_INVESTIGATION: (
        "Suspect released under investigation",
        "Rhywun a amheuir wedi'i ryddhau tra'n destun ymchwiliad",
    ),
    KeyDecision.BAIL_CONDITIONS_CHANGED: ("Bail conditions changed", "Amodau mechnïaeth wedi newid"),
    KeyDecision.CHARGED: ("Suspect charged", "Rhywun a amheuir wedi'i gyhuddo"),
    KeyDecision.NO_FURTHER_ACTION: ("No further action", "Dim camau pellach"),
}


_WHOLE_DAY_SETTINGS = (
    "decision_working_days",
    "decision_working_days_enhanced",
    "referral_working_days",
    "acknowledgement_working_days",
    "contact_agreement_working_days",
    "needs_assessment_working_days",
    "referral_response_working_days",
    "support_contact_working_days",
    "neighbourhood_acknowledgement_working_days",
    "court_news_working_days",
    "bail_news_working_days",
    "bail_news_working_days_enhanced",
    "witness_needs_assessment_working_days",
    "vps_offer_working_days",
    "vcs_referral_working_days",
    "vcs_first_contact_working_days",
    "property_return_working_days",
    "victim_message_reply_working_days",
    "complaint_acknowledgement_working_days",
)


def _is_whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Deadlines:
    """Local policy. Defaults are those in DOMAIN.md; a force overrides any of them by name.

    `response_minutes` maps a response grade to its target in minutes; an override of it changes
    only the grades it names.
    """

    response_minutes: Mapping[int, int] = field(
        default_factory=lambda: {1: 15, 2: 60, 3: 48 * 60, 4: 24 * 60}
    )
    response_grade_1_rural_minutes: int = 20
    decision_working_days: int = 5
    decision_working_days_enhanced: int = 1
    referral_working_days: int = 2
    # Local policy, not in the Victims' Code: the written acknowledgement (Code right 3) and the
    # contact agreement (charter standard 4) are owed within these many working days of the report.
    acknowledgement_working_days: int = 1
    contact_agreement_working_days: int = 2
    # Victims' Code right 4: the needs assessment goes with the referral, so the same 2 working days.
    needs_assessment_working_days: int = 2
    # Local service-level agreements with victims' services (configurable): accept or turn down a
    # referral, then make contact with the victim, each within these many working days.
    referral_response_working_days: int = 2
    support_contact_working_days: int = 2
    # Charter standard 6: the neighbourhood team acknowledges each new incident in its area.
    neighbourhood_acknowledgement_working_days: int = 1
    # Court news (Victims' Code): hearings, evidence and outcomes within 1 working day of receipt; bail
    # outcomes, warrants and re-arrests within 5, or 1 with enhanced rights.
    court_news_working_days: int = 1
    bail_news_working_days: int = 5
    bail_news_working_days_enhanced: int = 1
    # Local policy: the witness needs assessment after a not-guilty plea, and the offer of a Victim
    # Personal Statement after charge.
    witness_needs_assessment_working_days: int = 2
    vps_offer_working_days: int = 5
    # Victim Contact Scheme: referral to probation within 10 working days of a qualifying sentence, then
    # probation's first contact within 20 working days of the referral.
    vcs_referral_working_days: int = 10
    vcs_first_contact_working_days: int = 20
    # Standard 9 (configurable): return property within this many working days of it being no longer needed.
    property_return_working_days: int = 10
    # Local policy: a message the victim sends through the portal is answered within this many working
    # days. Victims' Code right 12: a complaint is acknowledged (or answered) within 10 working days.
    victim_message_reply_working_days: int = 2
    complaint_acknowledgement_working_days: int = 10

    def __post_init__(self) -> None:
        if not isinstance(self.response_minutes, Mapping):
            raise ValueError(f"response_minutes must map a grade to minutes, not {self.response_minutes!r}")
        # Read-only, so that no caller can change a policy (or the defaults) in place.
        object.__setattr__(self, "response_minutes", MappingProxyType(dict(self.response_minutes)))
        self.validate()

    @classmethod
    def with_overrides(cls, overrides: Mapping) -> "Deadlines":
        """Defaults with `overrides` applied; an unknown name or a bad value raises ValueError naming it."""
        if not isinstance(overrides, Mapping):
            raise ValueError(f"Charter deadline overrides must be a dict of setting names, not {overrides!r}")
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise ValueError(f"Unknown charter deadline setting(s): {', '.join(sorted(map(str, unknown)))}")
        defaults = cls()
        changes = dict(overrides)
        if "response_minutes" in changes:
            changes["response_minutes"] = _merged_response_minutes(defaults, changes["response_minutes"])
        return replace(defaults, **changes)

    def validate(self) -> None:
        for name in _WHOLE_DAY_SETTINGS:
            value = getattr(self, name)
            if not _is_whole_number(value) or value < 0:
                raise ValueError(f"{name} must be a whole number of 0 or more, not {value!r}")
        rural = self.response_grade_1_rural_minutes
        if not _is_whole_number(rural) or rural <= 0:
            raise ValueError(f"response_grade_1_rural_minutes must be a positive whole number, not {rural!r}")
        for grade, minutes in self.response_minutes.items():
            if not _is_whole_number(grade):
                raise ValueError(f"response_minutes: grade {grade!r} must be a whole number")
            if not _is_whole_number(minutes) or minutes <= 0:
                raise ValueError(f"response_minutes[{grade!r}] must be a positive whole number, not {minutes!r}")


def _merged_response_minutes(defaults: Deadlines, override) -> Mapping:
    if not isinstance(override, Mapping):
        raise ValueError(f"response_minutes must map a grade to minutes, not {override!r}")
    return {**defaults.response_minutes, **override}


DEFAULT_DEADLINES = Deadlines()


@dataclass(frozen=True)
class CommitmentDue:
    """A commitment a rule says must be opened."""

    kind: CommitmentKind
    due_at: datetime
    detail: dict = field(default_factory=dict)

    @property
    def standard(self) -> int:
        return self.kind.standard


def response_commitment(grade: int, graded_at: datetime, rural: bool, deadlines: Deadlines) -> CommitmentDue:
    """Standard 2: attend (or resolve, for grade 4) within the grade's target time."""
    if grade not in deadlines.response_minutes:
        raise ValueError(f"Unknown response grade {grade!r}")
    minutes = deadlines.response_minutes[grade]
    if grade == 1 and rural:
        minutes = deadlines.response_grade_1_rural_minutes
    return CommitmentDue(
        CommitmentKind.RESPONSE,
        # In UTC: adding to a Europe/London time would add wall-clock time, an hour out across a clock change.
        graded_at.astimezone(UTC) + timedelta(minutes=minutes),
        {"grade": grade, "target_minutes": minutes, "rural": rural},
    )


def inform_decision_commitment(
    decision: KeyDecision, decided_at: datetime, enhanced: bool, deadlines: Deadlines
) -> CommitmentDue:
    """Standard 4 / Code right 6: tell the victim within 1 working day (enhanced) or 5."""
    days = deadlines.decision_working_days_enhanced if enhanced else deadlines.decision_working_days
    return CommitmentDue(
        CommitmentKind.INFORM_DECISION,
        working_day_deadline(decided_at, days),
        {"decision": decision.value, "working_days": days, "enhanced": enhanced},
    )


def referral_commitment(consented_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Standard 5 / Code right 4: refer to a support service within 2 working days of consent."""
    days = deadlines.referral_working_days
    return CommitmentDue(
        CommitmentKind.REFERRAL_TO_SUPPORT, working_day_deadline(consented_at, days), {"working_days": days}
    )


def working_days_commitment(kind: CommitmentKind, since: datetime, days: int, **detail) -> CommitmentDue:
    """A commitment due `days` working days after `since` (end of that London day)."""
    if not _is_whole_number(days) or days < 0:
        raise ValueError(f"days must be a whole number of 0 or more, not {days!r}")
    return CommitmentDue(kind, working_day_deadline(since, days), {"working_days": days, **detail})


def services_information_commitment(reported_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Standard 5: the services that fit the victim, given with the written acknowledgement."""
    return working_days_commitment(
        CommitmentKind.SERVICES_INFORMATION, reported_at, deadlines.acknowledgement_working_days
    )


def needs_assessment_commitment(reported_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Code right 4: assess what support the victim needs."""
    return working_days_commitment(
        CommitmentKind.NEEDS_ASSESSMENT, reported_at, deadlines.needs_assessment_working_days
    )


def referral_response_commitment(sent_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """The service owes an answer to a referral: accepted, or turned down with a reason."""
    return working_days_commitment(
        CommitmentKind.REFERRAL_RESPONSE, sent_at, deadlines.referral_response_working_days
    )


def support_contact_commitment(accepted_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Having accepted a referral, the service owes the victim contact."""
    return working_days_commitment(
        CommitmentKind.SUPPORT_CONTACT, accepted_at, deadlines.support_contact_working_days
    )


def neighbourhood_acknowledgement_commitment(received_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Standard 6: the area's neighbourhood team acknowledges the incident."""
    return working_days_commitment(
        CommitmentKind.NEIGHBOURHOOD_ACKNOWLEDGEMENT, received_at, deadlines.neighbourhood_acknowledgement_working_days
    )


def multi_agency_action_commitment(due_on, description: str = "") -> CommitmentDue:
    """Standard 7: an action agreed at a multi-agency meeting, due by the end of its due date."""
    return CommitmentDue(CommitmentKind.MULTI_AGENCY_ACTION, end_of_day(due_on), {"description": description})


def court_news_commitment(news: CourtNews, received_at: datetime, enhanced: bool,
                          deadlines: Deadlines) -> CommitmentDue:
    """Standard 8: tell the victim news from court, counted from when the Witness Care Unit received it."""
    if news.is_bail_news:
        days = deadlines.bail_news_working_days_enhanced if enhanced else deadlines.bail_news_working_days
    else:
        days = deadlines.court_news_working_days
    return working_days_commitment(CommitmentKind.INFORM_COURT_NEWS, received_at, days, news=news.value,
                                   enhanced=enhanced)


def witness_needs_assessment_commitment(plea_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """After a not-guilty plea: assess what the victim needs to give their best evidence."""
    return working_days_commitment(
        CommitmentKind.WITNESS_NEEDS_ASSESSMENT, plea_at, deadlines.witness_needs_assessment_working_days
    )


def vps_offer_commitment(charged_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Code right 7: offer the Victim Personal Statement."""
    return working_days_commitment(CommitmentKind.OFFER_VPS, charged_at, deadlines.vps_offer_working_days)


def vcs_referral_commitment(sentenced_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Code right 11: a qualifying sentence means a referral to the probation Victim Contact Scheme."""
    return working_days_commitment(CommitmentKind.VCS_REFERRAL, sentenced_at, deadlines.vcs_referral_working_days)


def vcs_first_contact_commitment(referred_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Probation's first contact with the victim after a Victim Contact Scheme referral."""
    return working_days_commitment(
        CommitmentKind.VCS_FIRST_CONTACT, referred_at, deadlines.vcs_first_contact_working_days
    )


def qualifies_for_victim_contact_scheme(sentence_months: int | None, violent_or_sexual: bool) -> bool:
    """12 months' custody or more for a violent or sexual offence."""
    return bool(violent_or_sexual and sentence_months is not None and sentence_months >= 12)


def property_return_commitment(released_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Standard 9: property goes back to its owner once it is no longer needed."""
    return working_days_commitment(
        CommitmentKind.PROPERTY_RETURN, released_at, deadlines.property_return_working_days
    )


def victim_message_reply_commitment(sent_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """A message from the victim through the portal is answered by their officer or unit."""
    return working_days_commitment(
        CommitmentKind.VICTIM_MESSAGE_REPLY, sent_at, deadlines.victim_message_reply_working_days
    )


def complaint_acknowledgement_commitment(made_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Victims' Code right 12: a complaint is acknowledged or answered within 10 working days."""
    return working_days_commitment(
        CommitmentKind.COMPLAINT_ACKNOWLEDGEMENT, made_at, deadlines.complaint_acknowledgement_working_days
    )


def acknowledgement_commitment(reported_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Code right 3: a written acknowledgement with the crime reference and who to contact."""
    days = deadlines.acknowledgement_working_days
    return CommitmentDue(
        CommitmentKind.WRITTEN_ACKNOWLEDGEMENT, working_day_deadline(reported_at, days), {"working_days": days}
    )


def contact_agreement_commitment(reported_at: datetime, deadlines: Deadlines) -> CommitmentDue:
    """Standard 4: agree with the victim how and when they will be kept updated."""
    days = deadlines.contact_agreement_working_days
    return CommitmentDue(
        CommitmentKind.CONTACT_AGREEMENT, working_day_deadline(reported_at, days), {"working_days": days}
    )


def update_commitment(since: datetime, every_days: int) -> CommitmentDue:
    """Standard 4: the next update the contact agreement promises, `every_days` calendar days after
    the agreement or the last update (by the end of that London day)."""
    if not _is_whole_number(every_days) or every_days <= 0:
        raise ValueError(f"every_days must be a positive whole number, not {every_days!r}")
    return CommitmentDue(
        CommitmentKind.VICTIM_UPDATE,
        end_of_day(since.astimezone(LONDON).date() + timedelta(days=every_days)),
        {"every_days": every_days},
    )


class EnhancedReason(StrEnum):
    MOST_SERIOUS_CRIME = "most_serious_crime"
    DOMESTIC_ABUSE = "domestic_abuse"
    HATE_CRIME = "hate_crime"
    BEREAVED_RELATIVE = "bereaved_relative"
    PERSISTENTLY_TARGETED = "persistently_targeted"
    UNDER_18 = "under_18"
    VULNERABLE = "vulnerable"
    INTIMIDATED = "intimidated"

    def label(self, language: str) -> str:
        english, welsh = _REASON_LABELS[self]
        return welsh if language == "cy" else english


_REASON_LABELS = {
    EnhancedReason.MOST_SERIOUS_CRIME: (
        "Victim of one of the most serious crimes",
        "Dioddefwr un o'r troseddau mwyaf difrifol",
    ),
    EnhancedReason.DOMESTIC_ABUSE: ("Victim of domestic abuse", "Dioddefwr cam-drin domestig"),
    EnhancedReason.HATE_CRIME: ("Victim of hate crime", "Dioddefwr trosedd casineb"),
    EnhancedReason.BEREAVED_RELATIVE: (
        "Close relative bereaved by criminal conduct",
        "Perthynas agos a gollodd rywun oherwydd ymddygiad troseddol",
    ),
    EnhancedReason.PERSISTENTLY_TARGETED: ("Persistently targeted", "Wedi'i dargedu'n barhaus"),
    EnhancedReason.UNDER_18: ("Under 18", "O dan 18 oed"),
    EnhancedReason.VULNERABLE: ("Vulnerable", "Agored i niwed"),
    EnhancedReason.INTIMIDATED: ("Intimidated", "Wedi'i frawychu"),
}


@dataclass(frozen=True)
class VictimCircumstances:
    offence: str = ""
    is_domestic_abuse: bool = False
    is_hate_crime: bool = False
    age: int | None = None
    is_vulnerable: bool = False
    is_intimidated: bool = False
    is_persistently_targeted: bool = False
    is_bereaved_relative: bool = False


def enhanced_rights_reasons(facts: VictimCircumstances) -> list[EnhancedReason]:
    """Why the victim is entitled to enhanced rights; empty when they are not."""
    reasons = []
    offence = OFFENCES.get(facts.offence)
    if offence is not None and offence.most_serious:
        reasons.append(EnhancedReason.MOST_SERIOUS_CRIME)
    if facts.is_domestic_abuse:
        reasons.append(EnhancedReason.DOMESTIC_ABUSE)
    if facts.is_hate_crime:
        reasons.append(EnhancedReason.HATE_CRIME)
    if facts.is_bereaved_relative:
        reasons.append(EnhancedReason.BEREAVED_RELATIVE)
    if facts.is_persistently_targeted:
        reasons.append(EnhancedReason.PERSISTENTLY_TARGETED)
    if facts.age is not None and facts.age < 18:
        reasons.append(EnhancedReason.UNDER_18)
    if facts.is_vulnerable:
        reasons.append(EnhancedReason.VULNERABLE)
    if facts.is_intimidated:
        reasons.append(EnhancedReason.INTIMIDATED)
    return reasons
