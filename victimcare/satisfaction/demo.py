"""Demo data for the Commissioner's figures, added by victimcare.demo.loader: self-declared equality answers
for most demo victims, and satisfaction survey answers (some in the portal, most by phone) for cases
reported 6 to 12 weeks or more before, kinder where the victim's updates came on time. Everything goes
through the services, so the monitoring cells count it as they would in real use."""

import datetime as dt

from victimcare.accounts.models import User
from victimcare.cases.models import Case
from victimcare.equality.models import ANSWERED
from victimcare.equality.services import record_equality_answers
from victimcare.monitoring.facts import updates_timeliness
from victimcare.satisfaction.models import STAGES
from victimcare.satisfaction.services import record_survey_response

ANSWERING_SHARE = 0.75  # of victims, the equality questions
SURVEYED_SHARE = 0.45  # of cases old enough, the survey


def _equality_answers(rng) -> dict[str, str]:
    return {name: rng.choice(list(choices.values)) if rng.random() > 0.15 else ""
            for name, choices in ANSWERED.items()}


def _ratings(rng, timeliness: str) -> dict[str, int]:
    centre = {"on_time": 1.6, "none": 2.2, "late": 3.1}[timeliness]
    return {stage: min(5, max(1, round(rng.gauss(centre, 0.9)))) for stage in STAGES}


def load_demo(rng, now) -> None:
    caller = User.objects.filter(username="sara.rees").first()
    if caller is None or Case.objects.filter(survey_response__isnull=False).exists():
        return
    cases = list(Case.objects.select_related("victim").prefetch_related("commitments").order_by("pk"))
    answered_victims = set()
    for case in cases:
        victim = case.victim
        if victim.pk not in answered_victims and rng.random() < ANSWERING_SHARE:
            answered_victims.add(victim.pk)
            record_equality_answers(victim, answers=_equality_answers(rng), how="staff", actor=case.officer or caller,
                                    case=case, at=case.opened_at + dt.timedelta(hours=1))
    for case in cases:
        answered_at = case.opened_at + dt.timedelta(weeks=rng.randint(6, 11), hours=rng.randint(9, 17))
        if answered_at > now or rng.random() > SURVEYED_SHARE:
            continue
        timeliness = updates_timeliness(case.commitments.all(), answered_at)
        by_portal = rng.random() < 0.25
        record_survey_response(case, ratings=_ratings(rng, timeliness), how="portal" if by_portal else "phone",
                               actor=None if by_portal else caller, at=answered_at,
                               comments="" if rng.random() < 0.7 else "Demo comment: the officer was kind.")
