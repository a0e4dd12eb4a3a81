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
