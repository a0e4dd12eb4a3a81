"""The first-contact assessment in plain Python: the DASH checklist and its local scoring bands, the
repeat-victim rule, and what the system proposes (repeat victim, enhanced rights, risk level, response
grade). No Django: the views and the service pass facts in and get answers out.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from victimcare.charter.rules import (
    Deadlines,
    EnhancedReason,
    VictimCircumstances,
    enhanced_rights_reasons,
    response_commitment,
)

# --- DASH (2009) ------------------------------------------------------------------------------------
# The 24 questions of the Domestic Abuse, Stalking and Harassment and Honour-Based Violence risk
# identification checklist (ACPO / CAADA 2009), asked of the victim. "(name of abuser(s))" in the
# original is "the abuser" here. English, then Welsh.
DASH_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Has the current incident resulted in injury?",
     "A yw'r digwyddiad presennol wedi arwain at anaf?"),
    ("Are you very frightened?",
     "Ydych chi'n ofnus iawn?"),
    ("What are you afraid of? Is it further injury or violence?",
     "Beth sy'n codi ofn arnoch chi? Ai rhagor o anafiadau neu drais?"),
    ("Do you feel isolated from family or friends? Does the abuser try to stop you from seeing friends, "
     "family, your doctor or others?",
     "Ydych chi'n teimlo'n ynysig oddi wrth eich teulu neu ffrindiau? A yw'r camdriniwr yn ceisio eich atal "
     "rhag gweld ffrindiau, teulu, eich meddyg neu eraill?"),
    ("Are you feeling depressed or having suicidal thoughts?",
     "Ydych chi'n teimlo'n isel eich ysbryd neu'n cael meddyliau hunanladdol?"),
    ("Have you separated or tried to separate from the abuser within the past year?",
     "Ydych chi wedi gwahanu neu wedi ceisio gwahanu oddi wrth y camdriniwr yn ystod y flwyddyn ddiwethaf?"),
    ("Is there conflict over child contact?",
     "A oes gwrthdaro ynghylch cyswllt â phlant?"),
    ("Does the abuser constantly text, call, contact, follow, stalk or harass you?",
     "A yw'r camdriniwr yn anfon negeseuon testun, yn ffonio, yn cysylltu, yn eich dilyn, yn eich stelcian "
     "neu'n aflonyddu arnoch yn gyson?"),
    ("Are you pregnant or have you recently had a baby (within the last 18 months)?",
     "Ydych chi'n feichiog neu a ydych chi wedi cael babi yn ddiweddar (o fewn y 18 mis diwethaf)?"),
    ("Is the abuse happening more often?",
     "A yw'r cam-drin yn digwydd yn amlach?"),
    ("Is the abuse getting worse?",
     "A yw'r cam-drin yn gwaethygu?"),
    ("Does the abuser try to control everything you do and/or are they excessively jealous?",
     "A yw'r camdriniwr yn ceisio rheoli popeth rydych chi'n ei wneud a/neu a ydyn nhw'n eiddigeddus iawn?"),
    ("Has the abuser ever used weapons or objects to hurt you?",
     "A yw'r camdriniwr erioed wedi defnyddio arfau neu wrthrychau i'ch brifo?"),
    ("Has the abuser ever threatened to kill you or someone else and you believed them?",
     "A yw'r camdriniwr erioed wedi bygwth eich lladd chi neu rywun arall a chithau'n eu credu?"),
    ("Has the abuser ever attempted to strangle, choke, suffocate or drown you?",
     "A yw'r camdriniwr erioed wedi ceisio eich tagu, eich mygu neu eich boddi?"),
    ("Does the abuser do or say things of a sexual nature that make you feel bad or that physically hurt you "
     "or someone else?",
     "A yw'r camdriniwr yn gwneud neu'n dweud pethau o natur rywiol sy'n gwneud i chi deimlo'n ddrwg neu sy'n "
     "eich brifo chi neu rywun arall yn gorfforol?"),
    ("Is there any other person who has threatened you or who you are afraid of?",
     "A oes unrhyw un arall sydd wedi eich bygwth neu sy'n codi ofn arnoch chi?"),
    ("Do you know if the abuser has hurt anyone else?",
     "Ydych chi'n gwybod a yw'r camdriniwr wedi brifo unrhyw un arall?"),
    ("Has the abuser ever mistreated an animal or the family pet?",
     "A yw'r camdriniwr erioed wedi cam-drin anifail neu anifail anwes y teulu?"),
    ("Are there any financial issues? For example, are you dependent on the abuser for money, or have they "
     "recently lost their job?",
     "A oes unrhyw broblemau ariannol? Er enghraifft, ydych chi'n dibynnu ar y camdriniwr am arian, neu a "
     "ydyn nhw wedi colli eu swydd yn ddiweddar?"),
    ("Has the abuser had problems in the past year with drugs (prescription or other), alcohol or mental "
     "health leading to problems in leading a normal life?",
     "A yw'r camdriniwr wedi cael problemau yn ystod y flwyddyn ddiwethaf gyda chyffuriau (ar bresgripsiwn "
     "neu fel arall), alcohol neu iechyd meddwl sy'n ei gwneud yn anodd byw bywyd arferol?"),
    ("Has the abuser ever threatened or attempted suicide?",
     "A yw'r camdriniwr erioed wedi bygwth lladd ei hun neu wedi ceisio gwneud hynny?"),
    ("Has the abuser ever broken bail, an injunction and/or a formal agreement for when they can see you "
     "and/or the children?",
     "A yw'r camdriniwr erioed wedi torri amodau mechnïaeth, gwaharddeb a/neu gytundeb ffurfiol ynghylch pryd "
     "y caiff eich gweld chi a/neu'r plant?"),
    ("Do you know if the abuser has ever been in trouble with the police or has a criminal history?",
     "Ydych chi'n gwybod a yw'r camdriniwr erioed wedi bod mewn trafferth gyda'r heddlu neu a oes ganddo "
     "hanes troseddol?"),
)
# The DASH risk checklist has 24 questions and its score thresholds count on that. A check, not an assert:
# asserts vanish under python -O.
if len(DASH_QUESTIONS) != 24:
    raise RuntimeError(f"The DASH checklist has 24 questions, not {len(DASH_QUESTIONS)}")

YES, NO, NOT_KNOWN = "yes", "no", "not_known"
DASH_ANSWERS = (YES, NO, NOT_KNOWN)

# Offences (crimes.offences slugs) for which the DASH checklist is asked, besides any domestic abuse.
DASH_OFFENCES = frozenset({"stalking", "harassment", "coercive-control"})

STANDARD, MEDIUM, HIGH = "standard", "medium", "high"
RISK_ORDER = (STANDARD, MEDIUM, HIGH)
# Local DASH bands: 1-9 "yes" standard, 10-13 medium, 14 or more high (0 is standard too).
DASH_MEDIUM_FROM = 10
DASH_HIGH_FROM = 14


def dash_question(number: int, language: str = "en") -> str:
    english, welsh = DASH_QUESTIONS[number - 1]
    return welsh if language == "cy" else english


def dash_applies(offence: str = "", is_domestic_abuse: bool = False, is_honour_based: bool = False) -> bool:
    """DASH is asked for domestic abuse, stalking, harassment and honour-based violence."""
    return bool(is_domestic_abuse or is_honour_based or offence in DASH_OFFENCES)


def dash_score(answers: Mapping[int, str] | Iterable[str]) -> int:
    """How many questions were answered "yes"."""
    values = answers.values() if isinstance(answers, Mapping) else answers
    return sum(1 for answer in values if answer == YES)


def dash_band(score: int) -> str:
    if score < 0:
        raise ValueError("A DASH score cannot be negative")
    if score >= DASH_HIGH_FROM:
        return HIGH
    if score >= DASH_MEDIUM_FROM:
        return MEDIUM
    return STANDARD


# --- THRIVE -----------------------------------------------------------------------------------------
THRIVE = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")
LOW = "low"
RATINGS = (LOW, MEDIUM, HIGH)


def _rank(rating: str) -> int:
    return {LOW: 0, STANDARD: 0, MEDIUM: 1, HIGH: 2}.get(rating, 0)


def risk_from_thrive(ratings: Mapping[str, str]) -> str:
    """The highest of the threat, harm and risk ratings, as a risk level."""
    highest = max((_rank(ratings.get(name, LOW)) for name in ("threat", "harm", "risk")), default=0)
    return RISK_ORDER[highest]


def proposed_risk_level(ratings: Mapping[str, str], dash_band_value: str | None) -> str:
    """The DASH band when DASH was asked, otherwise what THRIVE says."""
    return dash_band_value if dash_band_value else risk_from_thrive(ratings)


def proposed_grade(ratings: Mapping[str, str], risk_level: str) -> int:
    """Grade 1 when the threat is high (someone is in danger now); grade 2 for any other high rating or a
    high risk level; grade 3 when anything is medium; otherwise grade 4 (resolution without deployment)."""
    if ratings.get("threat") == HIGH:
        return 1
    if risk_level == HIGH or any(ratings.get(name) == HIGH for name in THRIVE):
        return 2
    if risk_level == MEDIUM or any(ratings.get(name) == MEDIUM for name in THRIVE):
        return 3
    return 4


# --- Repeat victim ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RepeatVictimRule:
    """A repeat victim has made `reports` reports (this one included) within `months` months."""

    reports: int = 3
    months: int = 6

    def __post_init__(self) -> None:
        for name in ("reports", "months"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"REPEAT_VICTIM_RULE {name} must be a whole number of 1 or more, not {value!r}")

    @classmethod
    def from_setting(cls, value: Mapping | None) -> "RepeatVictimRule":
        value = dict(value or {})
        unknown = set(value) - {"reports", "months"}
        if unknown:
            raise ValueError(f"Unknown REPEAT_VICTIM_RULE setting(s): {', '.join(sorted(unknown))}")
        return cls(**value)

    def window_start(self, now: datetime) -> datetime:
        """The same moment `months` calendar months earlier (the last day of a shorter month)."""
        month_index = now.year * 12 + now.month - 1 - self.months
        year, month = divmod(month_index, 12)
        month += 1
        day = min(now.day, _days_in_month(year, month))
        return now.replace(year=year, month=month, day=day)

    def is_repeat(self, earlier_reports_in_window: int) -> bool:
        return earlier_reports_in_window + 1 >= self.reports


def _days_in_month(year: int, month: int) -> int:
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


# --- Proposals --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Proposals:
    repeat_victim: bool
    earlier_reports: int
    enhanced_rights: bool
    enhanced_reasons: list[EnhancedReason] = field(default_factory=list)
    risk_level: str = STANDARD
    response_grade: int = 4
    response_minutes: int = 0


def propose(*, ratings: Mapping[str, str], dash_band_value: str | None, circumstances: VictimCircumstances,
            earlier_reports: int, rule: RepeatVictimRule, rural: bool, deadlines: Deadlines,
            at: datetime) -> Proposals:
    repeat = rule.is_repeat(earlier_reports)
    if repeat and not circumstances.is_persistently_targeted:
        # A repeat victim is persistently targeted, which gives enhanced rights.
        circumstances = replace(circumstances, is_persistently_targeted=True)
    reasons = enhanced_rights_reasons(circumstances)
    risk = proposed_risk_level(ratings, dash_band_value)
    grade = proposed_grade(ratings, risk)
    minutes = response_commitment(grade, at, rural, deadlines).detail["target_minutes"]
    return Proposals(repeat_victim=repeat, earlier_reports=earlier_reports, enhanced_rights=bool(reasons),
                     enhanced_reasons=reasons, risk_level=risk, response_grade=grade, response_minutes=minutes)


def under_18(date_of_birth: date | None, on: date) -> bool:
    if date_of_birth is None:
        return False
    age = on.year - date_of_birth.year - ((on.month, on.day) < (date_of_birth.month, date_of_birth.day))
    return age < 18
