"""The part of every generated case that the police own: the crime, the victim (new or a repeat victim),
the case, first contact, the response, the written acknowledgement, the contact agreement and the updates
it promises, investigation decisions, and the closing. The domain parts (DOMAINS in run.py) add the rest."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

from victimcare.cases.models import Case
from victimcare.charter import rules
from victimcare.charter.calendar import LONDON
from victimcare.charter.rules import DEFAULT_DEADLINES as DEADLINES
from victimcare.charter.rules import KeyDecision
from victimcare.contact.models import ContactAgreement, VictimUpdate
from victimcare.crimes.models import Crime
from victimcare.demo.people import ascii_name, date_of_birth, random_person
from victimcare.equality.models import EqualityAnswers
from victimcare.firstcontact.models import FirstContactAssessment
from victimcare.generator.context import Context
from victimcare.generator.life import CaseLife, CommitmentDraft, Kind
from victimcare.generator.rows import Rows
from victimcare.response.services import DECLINED_REASON
from victimcare.victims.models import Victim, phone_digits

THRIVE = ("threat", "harm", "risk", "investigation", "vulnerability", "engagement")
RATINGS = ("low", "medium", "high")
VIOLENT_OFFENCES = (("common-assault", 46), ("actual-bodily-harm", 22), ("harassment", 14), ("stalking", 5),
                    ("coercive-control", 5), ("sexual-assault", 3), ("wounding-without-intent", 2), ("rape", 2),
                    ("other-sexual-offence", 1))
GRADE_BY_CATEGORY = {"violent-crime": (2, 2, 3, 1), "robbery": (1, 2), "burglary": (2, 3),
                     "anti-social-behaviour": (3, 4), "theft-from-the-person": (2, 3, 4)}
UPDATE_EVERY_DAYS = (14, 28, 28, 28, None, None)  # updates only on key events: None
SHORTEST_GAP = timedelta(minutes=2)
ONGOING = {"Under investigation", "Status update unavailable", "Awaiting court outcome", "Court result unavailable"}
# data.police.uk's last outcome -> (the case's outcome when closed, the decisions on the way, days to close)
OUTCOME_PLANS = {
    "Investigation complete; no suspect identified": ("no_suspect", (KeyDecision.NO_FURTHER_ACTION,), (5, 40)),
    "Unable to prosecute suspect": ("nfa_evidential", (KeyDecision.SUSPECT_ARRESTED, KeyDecision.SUSPECT_INTERVIEWED,
                                                       KeyDecision.RELEASED_UNDER_INVESTIGATION,
                                                       KeyDecision.NO_FURTHER_ACTION), (20, 150)),
    "Local resolution": ("community_resolution", (KeyDecision.SUSPECT_INTERVIEWED,), (5, 40)),
    "Offender given a caution": ("caution", (KeyDecision.SUSPECT_ARRESTED, KeyDecision.SUSPECT_INTERVIEWED), (10, 60)),
    "Action to be taken by another organisation": ("other", (), (10, 45)),
    "Formal action is not in the public interest": ("not_public_interest", (KeyDecision.SUSPECT_INTERVIEWED,
                                                                            KeyDecision.NO_FURTHER_ACTION), (15, 90)),
    "Further investigation is not in the public interest": ("not_public_interest", (KeyDecision.NO_FURTHER_ACTION,),
                                                            (10, 60)),
    "Further action is not in the public interest": ("not_public_interest", (KeyDecision.NO_FURTHER_ACTION,), (10, 60)),
    "Awaiting court outcome": ("charged", (KeyDecision.SUSPECT_ARRESTED, KeyDecision.BAILED, KeyDecision.CHARGED),
                               (120, 420)),
    "Court result unavailable": ("charged", (KeyDecision.SUSPECT_ARRESTED, KeyDecision.CHARGED), (90, 360)),
    "Suspect charged as part of another case": ("charged", (KeyDecision.SUSPECT_ARRESTED, KeyDecision.CHARGED),
                                                (90, 360)),
    "": ("other", (), (3, 30)),  # anti-social behaviour: no outcome on data.police.uk
}
UNDER_INVESTIGATION = ("nfa_evidential", (KeyDecision.SUSPECT_ARRESTED, KeyDecision.RELEASED_UNDER_INVESTIGATION,
                                          KeyDecision.NO_FURTHER_ACTION), (30, 240))


@dataclass
class RepeatVictim:
    """What later cases of the same victim need: the groups the figures count them in come from these."""

    id: int
    date_of_birth: object
    language: str
    equality: SimpleNamespace | None = None
    full_name: str = ""  # the owner's name and contact on property taken (domains/property.py)
    contact: str = ""


class VictimPool:
    """Recent victims per local authority, from whom repeat victims are drawn."""

    SIZE = 4000

    def __init__(self):
        self.by_area: dict[str, list[RepeatVictim]] = {}

    def pick(self, rng: random.Random, area: str) -> RepeatVictim | None:
        victims = self.by_area.get(area)
        return victims[rng.randrange(len(victims))] if victims else None

    def remember(self, area: str, victim: RepeatVictim) -> None:
        victims = self.by_area.setdefault(area, [])
        if len(victims) < self.SIZE:
            victims.append(victim)
        else:
            victims[victim.id % self.SIZE] = victim


def repeat_share(category: str, domestic: bool) -> float:
    """How often the victim has reported before: far more often for domestic abuse and anti-social behaviour."""
    if domestic:
        return 0.45
    return 0.3 if category == "anti-social-behaviour" else 0.12


def build_case(ctx: Context, rows: Rows, rng: random.Random, pool: VictimPool, reported_at: datetime,
               reference: str) -> CaseLife:
    index = rng.randrange(len(ctx.mix.rows))
    street, place = ctx.mix.rows[index], ctx.places[index]
    offence, domestic, hate = _offence(rng, street.category)
    crime_id = rows.add(
        Crime, reference=reference, category=street.category, offence=offence, is_domestic_abuse=domestic,
        is_hate_crime=hate, month=reported_at.astimezone(LONDON).date().replace(day=1),
        occurred_at=reported_at - timedelta(minutes=rng.randint(5, 2880)), reported_at=reported_at,
        location_description=street.location, longitude=street.longitude, latitude=street.latitude,
        lsoa_id=place.lsoa_code, ward_id=place.ward_code, local_authority_id=place.local_authority_code,
        last_outcome=street.last_outcome,
    )
    victim, repeat = _victim(rows, rng, pool, place.local_authority_code, reported_at, street.category, domestic)
    unit = ctx.units[place.local_authority_code]
    officer_id = unit.officer(rng)
    age = _age(victim.date_of_birth, reported_at)
    flags = {"is_vulnerable": rng.random() < 0.08, "is_intimidated": rng.random() < (0.5 if domestic else 0.03),
             "is_persistently_targeted": repeat and rng.random() < 0.4, "is_bereaved_relative": offence == "homicide"}
    reasons = [reason.value for reason in rules.enhanced_rights_reasons(rules.VictimCircumstances(
        offence=offence, is_domestic_abuse=domestic, is_hate_crime=hate, age=age, **flags))]
    outcome, decisions, closes_at = _plan(rng, street.last_outcome, reported_at, ctx.now)
    wants_attendance = street.category in ("violent-crime", "burglary", "robbery") or rng.random() < 0.4
    grade = rng.choice(GRADE_BY_CATEGORY.get(street.category, (3, 4))) if wants_attendance else 4
    opened_at = reported_at + timedelta(minutes=rng.randint(1, 8))
    case_id = rows.add(
        Case, victim_id=victim.id, crime_id=crime_id, unit_id=unit.id, officer_id=officer_id,
        recorded_by_id=ctx.call_handler_id, status=Case.Status.CLOSED if closes_at else Case.Status.OPEN,
        opened_at=opened_at, closed_at=closes_at, enhanced_rights=bool(reasons), enhanced_rights_reasons=reasons,
        response_grade=grade, location_is_rural=place.is_rural, **flags,
    )
    life = CaseLife(rows=rows, rng=rng, now=ctx.now, case_id=case_id, crime_id=crime_id, victim_id=victim.id,
                    unit_id=unit.id, officer_id=officer_id, opened_at=opened_at, closes_at=closes_at,
                    enhanced=bool(reasons), facts={
                        "category": street.category, "offence": offence, "domestic": domestic, "hate": hate,
                        "repeat": repeat, "age": age, "language": victim.language, "outcome": outcome,
                        "decisions": decisions, "place": place, "reported_at": reported_at,
                        "reference": reference, "reasons": reasons, "victim": victim, "flags": flags, "grade": grade,
                        "wants_attendance": wants_attendance})
    return life


def live_case(ctx: Context, life: CaseLife) -> None:
    """What the police do on the case, in order, up to its closing or now."""
    at = life.opened_at
    life.event(Kind.CASE_OPENED, at, ctx.call_handler_id, unit=life.unit_id)
    life.event(Kind.ENHANCED_RIGHTS_ASSESSED, at, ctx.call_handler_id, eligible=life.enhanced,
               reasons=life.facts["reasons"])
    _first_contact(ctx, life, at)
    agreed = _agree_contact(life, _acknowledge(ctx, life, at))
    life.facts["decided_at"] = _decisions(life)
    if agreed is not None:
        _updates(life, agreed)


def close_case(life: CaseLife) -> None:
    if life.closes_at is None:
        life.finish(None)
        return
    for draft in life.open_of_kind(rules.CommitmentKind.VICTIM_UPDATE):
        life.waive(draft, life.closes_at, life.officer_id, "The victim was told the outcome when the case closed")
    life.event(Kind.CASE_CLOSED, life.closes_at, life.officer_id, outcome=life.facts["outcome"])
    life.finish(life.officer_id)


def _offence(rng: random.Random, category: str) -> tuple[str, bool, bool]:
    if category != "violent-crime":
        return "", False, category == "public-order" and rng.random() < 0.06
    offence = rng.choices([name for name, _ in VIOLENT_OFFENCES], [weight for _, weight in VIOLENT_OFFENCES])[0]
    domestic = offence == "coercive-control" or rng.random() < 0.33
    return offence, domestic, rng.random() < 0.03


def _victim(rows: Rows, rng, pool: VictimPool, area: str, at: datetime, category: str, domestic: bool):
    if rng.random() < repeat_share(category, domestic):
        known = pool.pick(rng, area)
        if known is not None:
            return known, True
    person = random_person(rng)
    born = date_of_birth(rng, at.date())
    victim_id = rows.ids.next(Victim._meta.db_table)
    adult = (at.date() - born).days >= 18 * 365
    email = f"{ascii_name(person.given_name)}.{ascii_name(person.family_name)}{victim_id}@example.org"
    phone = f"07700 900{victim_id % 1000:03d}"
    rows.add(Victim, id=victim_id, given_name=person.given_name, family_name=person.family_name, date_of_birth=born,
             email=email if adult and rng.random() < 0.75 else "", phone=phone, phone_digits=phone_digits(phone),
             postcode="", preferred_language=person.language, other_language=person.other_language,
             needs_interpreter=person.needs_interpreter, communication_needs=person.communication_needs,
             created_at=at)
    victim = RepeatVictim(victim_id, born, person.language, _equality_answers(rows, rng, victim_id, at),
                          f"{person.given_name} {person.family_name}", phone)
    pool.remember(area, victim)
    return victim, False


# Roughly Gwent's population (2021 census) among those who answer; about a third of victims answer at all.
EQUALITY_SHARE = 0.35
EQUALITY_CHOICES = {
    "sex": (("female", 50), ("male", 47), ("prefer_not_to_say", 3)),
    "ethnicity": (("white", 92), ("asian", 2), ("black", 1), ("mixed", 2), ("other", 1), ("prefer_not_to_say", 2)),
    "disability": (("no", 72), ("yes", 24), ("prefer_not_to_say", 4)),
    "religion": (("no_religion", 50), ("christian", 40), ("muslim", 3), ("other", 2), ("prefer_not_to_say", 5)),
    "sexual_orientation": (("heterosexual", 88), ("gay_or_lesbian", 2), ("bisexual", 2), ("other", 1),
                           ("prefer_not_to_say", 7)),
}


def _equality_answers(rows: Rows, rng, victim_id: int, at: datetime) -> SimpleNamespace | None:
    """Recorded with the victim's first case, or never (so every case of the victim counts in the same groups)."""
    if rng.random() >= EQUALITY_SHARE:
        return None
    answers = {name: rng.choices([code for code, _ in choices], [weight for _, weight in choices])[0]
               for name, choices in EQUALITY_CHOICES.items()}
    rows.add(EqualityAnswers, victim_id=victim_id, recorded_at=at + timedelta(days=rng.uniform(1, 20)),
             how=rng.choice(("staff", "portal")), **answers)
    return SimpleNamespace(**answers)


def _age(born, at: datetime) -> int:
    day = at.date()
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _plan(rng, last_outcome: str, reported_at: datetime, now: datetime):
    """(outcome, decisions, closing time or None if the case is still open now)."""
    plan = OUTCOME_PLANS.get(last_outcome) if last_outcome not in ONGOING - {"Awaiting court outcome",
                                                                            "Court result unavailable"} else None
    outcome, decisions, (shortest, longest) = plan or UNDER_INVESTIGATION
    closes_at = reported_at + timedelta(days=rng.uniform(shortest, longest))
    return outcome, decisions, (closes_at if closes_at < now else None)


def _first_contact(ctx: Context, life: CaseLife, at: datetime) -> None:
    rng, facts = life.rng, life.facts
    high = facts["domestic"] or (life.enhanced and rng.random() < 0.5)
    thrive = {name: {"rating": "high" if high and rng.random() < 0.6 else rng.choice(RATINGS[:2]),
                     "rationale": f"{name.capitalize()} considered at first contact"} for name in THRIVE}
    dash = facts["domestic"]
    dash_score = rng.randint(3, 18) if dash else None
    risk = ("high" if dash_score and dash_score >= 14 else "medium" if dash_score and dash_score >= 10 else
            "high" if high and rng.random() < 0.3 else "medium" if high else "standard")
    wants_attendance = facts["wants_attendance"]
    facts["report_event_id"] = life.event(Kind.REPORT_RECORDED, at, ctx.call_handler_id, reference=facts["reference"])
    facts["dash_score"], facts["risk_level"] = dash_score, risk
    life.rows.add(FirstContactAssessment, case_id=life.case_id, submission_key=f"generated-{life.case_id}",
                  recorded_by_id=ctx.call_handler_id, recorded_at=at, thrive=thrive,
                  needs={"wants_attendance": wants_attendance, "support_referral": "not_asked",
                         "impact": "", "communication": "", "safe_ways": ["phone"], "safe_times": "",
                         "leave_messages": True},
                  wants_attendance=wants_attendance,
                  vulnerability={"is_vulnerable": False, "vulnerable_detail": "", "is_intimidated": False,
                                 "intimidated_detail": "", "is_persistently_targeted": facts["repeat"],
                                 "is_bereaved_relative": False},
                  is_under_18=facts["age"] < 18, dash_asked=dash,
                  dash_answers={str(n): "yes" if n <= dash_score else "no" for n in range(1, 25)} if dash else {},
                  dash_score=dash_score, risk_level=risk, is_repeat_victim=facts["repeat"],
                  earlier_reports=1 if facts["repeat"] else 0, proposals={}, overrides=[])
    life.event(Kind.ASSESSMENT_RECORDED, at, ctx.call_handler_id, risk_level=risk, dash_score=dash_score)
    _respond(ctx, life, at, wants_attendance)


def _respond(ctx: Context, life: CaseLife, at: datetime, wants_attendance: bool) -> None:
    rng, grade = life.rng, life.facts["grade"]
    event = life.event(Kind.RESPONSE_GRADED, at, ctx.call_handler_id, grade=grade, previous_grade=None,
                       rationale="Graded at first contact")
    due = rules.response_commitment(grade, at, life.facts["place"].is_rural, DEADLINES)
    response = life.open_commitment(due, at, opened_by_event_id=event)
    if not wants_attendance and grade != 1:
        life.event(Kind.ATTENDANCE_DECLINED, at, ctx.call_handler_id, reason="")
        life.waive(response, at, ctx.call_handler_id, DECLINED_REASON)
        return
    dispatched = at + timedelta(minutes=rng.uniform(1, 10))
    life.event(Kind.OFFICER_DISPATCHED, dispatched, ctx.call_handler_id, officer=life.officer_id, officer_name="")
    attended = life.plausible_moment(dispatched, response.due_at, 0.12)
    if life.meet(response, attended, life.officer_id):
        life.event(Kind.OFFICER_ATTENDED, attended, life.officer_id)


def _acknowledge(ctx: Context, life: CaseLife, at: datetime) -> CommitmentDraft:
    """The written acknowledgement, given; and the contact agreement owed, returned (see _agree_contact)."""
    ack = life.open_commitment(rules.acknowledgement_commitment(at, DEADLINES), at)
    agree = life.open_commitment(rules.contact_agreement_commitment(at, DEADLINES), at)
    given = life.meet_after(ack, 0.05, ctx.call_handler_id)
    if given is not None:
        life.event(Kind.ACKNOWLEDGEMENT_GIVEN, given, ctx.call_handler_id, language=life.facts["language"]
                   if life.facts["language"] in ("en", "cy") else "en")
    return agree


def _agree_contact(life: CaseLife, commitment: CommitmentDraft):
    rng = life.rng
    at = life.plausible_moment(life.opened_at, commitment.due_at, 0.1)
    if not life.happened(at):
        return None
    every = rng.choice(UPDATE_EVERY_DAYS)
    channel = rng.choice(("phone", "phone", "email", "sms", "letter", "portal"))
    language = life.facts["language"] if life.facts["language"] in ("en", "cy") else "en"
    event = life.event(Kind.CONTACT_AGREED, at, life.officer_id, channel=channel, every_days=every)
    agreement = life.rows.add(ContactAgreement, case_id=life.case_id, version=1, channel=channel, every_days=every,
                              language=language, agreed_at=at, agreed_by_id=life.officer_id, event_id=event)
    life.meet(commitment, at, life.officer_id)
    return (agreement, at, every, channel, language) if every else None


def _updates(life: CaseLife, agreed) -> None:
    """The updates the agreement promises, one after another while the case goes on."""
    agreement, since, every, channel, language = agreed
    while True:
        due = rules.update_commitment(since, every)
        commitment = life.open_commitment(due, since)
        given = life.plausible_moment(since + SHORTEST_GAP, due.due_at, 0.08)
        if not life.meet(commitment, given, life.officer_id):
            return
        event = life.event(Kind.UPDATE_GIVEN, given, life.officer_id, channel=channel, summary="")
        life.rows.add(VictimUpdate, case_id=life.case_id, agreement_id=agreement, channel=channel, language=language,
                      summary="Enquiries are continuing.", given_at=given, given_by_id=life.officer_id,
                      succeeded=True, event_id=event)
        since = given


def _decisions(life: CaseLife) -> list[tuple[KeyDecision, datetime]]:
    """The investigation decisions, spread over the case's life, each told to the victim."""
    rng, decisions = life.rng, life.facts["decisions"]
    span = (life.closes_at or (life.opened_at + timedelta(days=200))) - life.opened_at
    moments = sorted(life.opened_at + span * rng.uniform(0.05, 0.9) for _ in decisions)
    made = []
    for decision, at in zip(decisions, moments, strict=True):
        if not life.happened(at):
            break
        event = life.event(Kind.KEY_DECISION, at, life.officer_id, decision=decision.value, note="")
        due = rules.inform_decision_commitment(decision, at, life.enhanced, DEADLINES)
        commitment = life.open_commitment(due, at, opened_by_event_id=event)
        told = life.meet_after(commitment, 0.1, life.officer_id)
        if told is not None:
            life.event(Kind.VICTIM_INFORMED, told, life.officer_id, decision=decision.value,
                       how=rng.choice(("phone", "letter", "email", "in_person")))
        made.append((decision, at))
    return made
