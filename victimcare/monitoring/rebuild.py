"""Recount every figure from the commitments and survey answers, for data written outside the services
(a bulk import, a restore) or to check that the running counts have not drifted."""

from django.db import transaction

from victimcare.cases.models import Case
from victimcare.monitoring.aggregates import commitment_moves, new_moves, survey_fact, survey_moves
from victimcare.monitoring.facts import case_dimensions, commitment_fact
from victimcare.monitoring.models import (
    CommitmentFact,
    ComplianceCell,
    FairnessCell,
    KindTimeToMeetCell,
    SatisfactionCell,
    SurveyFact,
    TimeToMeetCell,
)
from victimcare.satisfaction.models import STAGES, SurveyResponse

CHUNK = 2000
CELLS = (ComplianceCell, FairnessCell, TimeToMeetCell, KindTimeToMeetCell, SatisfactionCell)


@transaction.atomic
def rebuild_figures(chunk: int = CHUNK) -> dict[str, int]:
    """Throw the cells and facts away and count everything again; returns how many of each were written."""
    for model in (CommitmentFact, SurveyFact, *CELLS):
        model.objects.all().delete()
    moves = new_moves()
    written = {"commitments": 0, "surveys": 0}
    surveys = {survey.case_id: survey for survey in SurveyResponse.objects.all()}
    last = 0
    while True:
        cases = list(Case.objects.filter(pk__gt=last).order_by("pk").select_related("crime", "victim__equality")
                     .prefetch_related("commitments")[:chunk])
        if not cases:
            break
        facts, survey_facts = [], []
        for case in cases:
            dimensions = case_dimensions(case)
            for commitment in case.commitments.all():
                fact = commitment_fact(commitment, dimensions)
                commitment_moves(fact, +1, moves)
                facts.append(CommitmentFact(commitment_id=commitment.pk, **fact))
            if case.pk in surveys:
                fact = survey_fact(surveys[case.pk], case)
                survey_moves(fact, +1, moves)
                survey_facts.append(SurveyFact(survey_id=surveys[case.pk].pk, **fact))
        CommitmentFact.objects.bulk_create(facts, batch_size=chunk)
        SurveyFact.objects.bulk_create(survey_facts, batch_size=chunk)
        written["commitments"] += len(facts)
        written["surveys"] += len(survey_facts)
        last = cases[-1].pk
    written.update(_write_cells(moves))
    return written


def _write_cells(moves: dict) -> dict[str, int]:
    rows: dict = {model: [] for model in CELLS}
    for (_, key_items), move in moves.items():
        model, key, counts = move["model"], dict(key_items), move["counts"]
        if model is SatisfactionCell:
            ratings = {stage: [counts.get(f"{stage}:{rating}", 0) for rating in range(1, 6)] for stage in STAGES}
            rows[model].append(SatisfactionCell(**key, answered=counts["answered"], ratings=ratings))
        else:
            rows[model].append(model(**key, **counts))
    for model, cells in rows.items():
        model.objects.bulk_create(cells, batch_size=CHUNK)
    return {model.__name__: len(cells) for model, cells in rows.items()}
