"""Generated cases: the satisfaction survey. The invitation goes, 6 to 12 weeks after the report, only to a
victim who agreed to be contacted for it (victim_messages.invite_to_survey: consent for satisfaction_survey,
recorded on the case by the officer as sharing.services.record_consent does); some of those answer, after
the case has closed, in the portal or by phone to their officer (satisfaction.services.record_survey_response).
Ratings run from 1 (very satisfied) to 5 (very dissatisfied), kinder where the victim's updates and news came
on time, as the demo's are."""

from datetime import datetime, timedelta

from victimcare.charter.models import Commitment
from victimcare.generator.domains.sharing import record_consent
from victimcare.generator.life import CaseLife, Kind
from victimcare.satisfaction.models import STAGES, How, SurveyResponse
from victimcare.sharing.models import Decision, Purpose
from victimcare.sharing.models import How as ConsentHow

# Assumptions: the officer asks on each case (a repeat victim again: the latest choice counts) and most
# agree, a few refuse; of those invited about two in five answer, most by phone (the police call them), the
# rest in the portal.
ASKED_SHARE = 0.85
GIVEN_SHARE = 0.85
ANSWERED_SHARE = 0.4
PORTAL_SHARE = 0.3
COMMENT_SHARE = 0.25
INVITED_WEEKS = (6, 12)
# Where the stages' ratings centre: on the demo's (updates on time 1.6, none due 2.2, late 3.1).
CENTRE = {"on_time": 1.6, "none": 2.2, "late": 3.1}
COMMENTS = {
    "good": ("The officer was kind and kept me informed.", "Thank you for everything.",
             "I always knew what was happening."),
    "bad": ("I had to chase for updates.", "Nobody called me back when they said they would.",
            "I never found out what happened in the end."),
}
_LATE = (Commitment.Status.MET_LATE, Commitment.Status.MISSED)
_TOLD_KINDS = frozenset({"victim_update", "inform_decision"})


def prepare(ctx) -> None:
    pass


def add(life: CaseLife, ctx) -> None:
    """Only closed cases whose invitation went before now: consent first, then maybe the answers."""
    rng, closes_at = life.rng, life.closes_at
    if closes_at is None:
        return
    invited = life.facts["reported_at"] + timedelta(weeks=rng.uniform(*INVITED_WEEKS))
    answered_at = max(invited, closes_at) + timedelta(days=rng.uniform(0.5, 14))
    if answered_at >= life.now:
        return
    if rng.random() >= ASKED_SHARE:
        return
    at = min(life.opened_at + timedelta(hours=rng.uniform(1, 48)), closes_at)
    decision = Decision.GIVEN if rng.random() < GIVEN_SHARE else Decision.REFUSED
    record_consent(life, Purpose.SATISFACTION_SURVEY, decision, ConsentHow.VERBAL, at, life.officer_id)
    if decision != Decision.GIVEN:
        return
    if rng.random() < ANSWERED_SHARE:
        _answer(life, answered_at)


def _answer(life: CaseLife, at: datetime) -> None:
    rng = life.rng
    mood = _timeliness(life)
    ratings = {stage: _rating(rng, CENTRE[mood] + _missed_weight(life) * (stage != "treatment"))
               for stage in STAGES}
    how = How.PORTAL if rng.random() < PORTAL_SHARE else How.PHONE
    actor = None if how == How.PORTAL else life.officer_id
    comments = ""
    if rng.random() < COMMENT_SHARE:
        comments = rng.choice(COMMENTS["bad" if ratings["whole_experience"] >= 4 else "good"])
    event = life.event(Kind.SURVEY_ANSWERED, at, actor, how=how.value, **ratings)
    survey = life.rows.add(SurveyResponse, case_id=life.case_id, comments=comments, answered_at=at, how=how.value,
                           answered_by_id=actor, event_id=event, **ratings)
    life.facts.setdefault("surveys", []).append((survey, at, ratings))


def _timeliness(life: CaseLife) -> str:
    """As monitoring.facts.updates_timeliness will find it once the case has closed: what is still open of the
    updates is waived at closing, of the decisions to tell missed."""
    on_time = False
    for draft in life.commitments:
        if draft.kind not in _TOLD_KINDS:
            continue
        if draft.status in _LATE or (draft.status == Commitment.Status.OPEN and draft.kind == "inform_decision"):
            return "late"
        on_time = on_time or draft.status == Commitment.Status.MET
    return "on_time" if on_time else "none"


def _missed_weight(life: CaseLife) -> float:
    """Other promises broken (a late response, court news told late, property kept waiting) weigh too."""
    late = sum(1 for draft in life.commitments if draft.kind not in _TOLD_KINDS and draft.status in _LATE)
    return min(0.4 * late, 1.2)


def _rating(rng, centre: float) -> int:
    return min(5, max(1, round(rng.gauss(centre, 0.9))))
