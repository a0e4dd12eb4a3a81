"""The generator's figures, counted as the cases are made and added to the cells batch by batch in each batch's
transaction: identical to a full recount after two runs, the same in small batches as in one, and nothing
counted for a batch that fails. Each test makes a few cases on top of the generated data set (rolled back after
it)."""

import pytest
from django.db import transaction
from django.utils import timezone

from victimcare.cases.models import Case
from victimcare.generator.run import ReferenceNumbers, generate
from victimcare.monitoring.models import CommitmentFact, SatisfactionCell
from victimcare.monitoring.rebuild import CELLS, rebuild_figures

pytestmark = pytest.mark.django_db(transaction=False)
CASES = 60  # on top of the generated data set: a second run


def cells() -> dict:
    return {model.__name__: sorted(tuple(sorted((k, str(v)) for k, v in row.items() if k != "id"))
                                   for row in model.objects.values()) for model in CELLS}


def answered() -> dict:
    return {tuple(row[:-1]): row[-1] for row in SatisfactionCell.objects.values_list(
        "month", "organisation_id", "area", "category", "enhanced", "updates", "characteristic", "group", "answered")}


def second_run(batch: int, now=None) -> None:
    generate(CASES, years=1, seed=11, now=now, batch=batch, parallel=False)


def test_the_figures_of_two_runs_are_what_a_full_recount_gives(generated):
    """The generated data set (batches of 500), then a second run in batches of 7 on top of it."""
    answered_before = answered()
    second_run(batch=7)
    counted, facts = cells(), CommitmentFact.objects.count()
    # Survey cells the first run made were added to, not only new ones made.
    assert any(answered()[key] > count for key, count in answered_before.items())
    rebuild_figures()
    assert cells() == counted
    assert CommitmentFact.objects.count() == facts


def test_small_batches_count_what_one_batch_counts(generated):
    now = timezone.now()
    with transaction.atomic():
        second_run(batch=CASES, now=now)
        in_one_batch = cells()
        transaction.set_rollback(True)
    second_run(batch=7, now=now)
    assert cells() == in_one_batch


def test_a_batch_that_fails_counts_none_of_its_figures(generated, monkeypatch):
    def fail(last):
        raise RuntimeError("the batch fails as it ends, after its cells were moved")

    monkeypatch.setattr(ReferenceNumbers, "save", staticmethod(fail))
    cases, before = Case.objects.count(), cells()
    with pytest.raises(RuntimeError, match="the batch fails"):
        second_run(batch=CASES)
    assert Case.objects.count() == cases
    assert cells() == before
