"""The Commissioner's figures for generated cases, counted as the cases are made, with the monitoring
app's own functions (the same facts and cell moves `rebuild_figures` would make), so a generated database
needs no rebuild. Facts are bulk-written with the other rows. One `Figures` holds one batch's cell moves: it
travels with the batch to the writer, which adds them to the cells already there (monitoring's own upsert) in
the batch's transaction, so memory is bounded by a batch and a failed batch counts nothing."""

from collections import Counter
from datetime import date
from types import SimpleNamespace

from victimcare.charter.calendar import LONDON
from victimcare.equality.groups import groups_for
from victimcare.generator.life import CaseLife
from victimcare.monitoring import aggregates
from victimcare.monitoring.facts import bucket_of, commitment_fact, month_of, updates_timeliness
from victimcare.monitoring.models import CommitmentFact, SurveyFact


class Figures:
    """The cell moves of one batch of cases, counted as they are made, and added to the cells by `apply`."""

    def __init__(self):
        self.moves = aggregates.new_moves()
        # Commitments counted by everything their cell moves depend on (minutes only as its bucket): far
        # fewer than commitments, so the moves are worked out once per kind of fact, not per commitment.
        self.facts: Counter = Counter()

    def __getstate__(self):
        return {"moves": {key: {"model": move["model"], "counts": dict(move["counts"])}
                          for key, move in self.moves.items()}, "facts": self.facts}

    def __setstate__(self, state):
        self.moves = aggregates.new_moves()
        for key, move in state["moves"].items():
            self.moves[key]["model"] = move["model"]
            self.moves[key]["counts"].update(move["counts"])
        self.facts = state["facts"]

    def dimensions(self, life: CaseLife, victim) -> dict:
        """`victim` has date_of_birth, preferred_language and `equality` (the answers, or None)."""
        person = SimpleNamespace(date_of_birth=victim.date_of_birth, preferred_language=victim.language,
                                 retained_groups=None, equality=victim.equality)
        return {"area": life.facts["place"].local_authority_code, "category": life.facts["category"],
                "enhanced": life.enhanced, "groups": groups_for(person, _london_day(life))}

    def count_commitments(self, life: CaseLife, dimensions: dict) -> None:
        groups = tuple(dimensions["groups"].items())
        for draft in life.commitments:
            fact = commitment_fact(draft, dimensions)
            minutes = fact["minutes_to_meet"]
            self.facts[(fact["month"], fact["kind"], fact["standard"], fact["organisation_id"], fact["outcome"],
                        None if minutes is None else bucket_of(minutes), dimensions["area"], dimensions["category"],
                        dimensions["enhanced"], groups)] += 1
            life.rows.add(CommitmentFact, commitment_id=draft.id, **fact)

    def _move_facts(self) -> None:
        for key, count in self.facts.items():
            month, kind, standard, organisation_id, outcome, bucket, area, category, enhanced, groups = key
            fact = {"month": month, "kind": kind, "standard": standard, "organisation_id": organisation_id,
                    "area": area, "category": category, "enhanced": enhanced, "outcome": outcome,
                    "minutes_to_meet": bucket, "groups": dict(groups)}
            aggregates.commitment_moves(fact, count, self.moves)
        self.facts.clear()

    def count_survey(self, life: CaseLife, dimensions: dict, survey_id: int, answered_at, ratings: dict) -> None:
        fact = {"month": month_of(answered_at), "organisation_id": life.unit_id, "area": dimensions["area"],
                "category": dimensions["category"], "enhanced": dimensions["enhanced"],
                "updates": updates_timeliness(life.commitments, answered_at), "groups": dimensions["groups"],
                "ratings": ratings}
        aggregates.survey_moves(fact, +1, self.moves)
        life.rows.add(SurveyFact, survey_id=survey_id, **fact)

    def apply(self) -> int:
        """Add this batch's moves to the cells; call in the batch's transaction. Returns how many cells moved."""
        self._move_facts()
        return aggregates.apply_moves(self.moves)


def _london_day(life: CaseLife) -> date:
    return life.opened_at.astimezone(LONDON).date()
