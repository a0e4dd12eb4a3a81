"""Several transactions changing commitments that count towards the same cells at once (PostgreSQL): no
count is lost, no transaction deadlocks, and the cells still equal a recount."""

import datetime as dt
import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from tests.factories import CrimeFactory, VictimFactory
from tests.monitoring.test_figures import _cells
from tests.web.conftest import make_case
from victimcare.charter.rules import CommitmentDue, CommitmentKind
from victimcare.charter.services import meet_commitment, miss_commitment, open_commitment
from victimcare.monitoring.models import ComplianceCell
from victimcare.monitoring.rebuild import rebuild_figures

WORKERS, EACH = 4, 12

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks")


@pytest.mark.django_db(transaction=True)
def test_concurrent_changes_to_the_same_cells(unit, officer, call_handler):
    cases = [make_case(unit, officer, call_handler, victim=VictimFactory(), crime=CrimeFactory())
             for _ in range(WORKERS)]
    due = timezone.now() + dt.timedelta(days=3)
    errors, start = [], threading.Barrier(WORKERS)

    def work(case, reverse):
        try:
            start.wait(timeout=10)
            opened = [open_commitment(case, CommitmentDue(kind, due))
                      for kind in (CommitmentKind.VICTIM_UPDATE, CommitmentKind.INFORM_DECISION) * (EACH // 2)]
            for commitment in opened[: EACH // 2]:
                meet_commitment(commitment, actor=officer)
            # The rest missed in one transaction, in an order that differs between workers.
            with transaction.atomic():
                for commitment in (reversed(opened[EACH // 2:]) if reverse else opened[EACH // 2:]):
                    miss_commitment(commitment, actor=officer, reason="Case closed")
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(case, n % 2 == 1)) for n, case in enumerate(cases)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    total = WORKERS * EACH
    cells = ComplianceCell.objects.all()
    assert sum(cell.total for cell in cells) == total
    assert sum(cell.met for cell in cells) == total // 2
    assert sum(cell.missed for cell in cells) == total // 2
    assert sum(cell.open for cell in cells) == 0
    running = _cells()
    rebuild_figures()
    assert _cells() == running
