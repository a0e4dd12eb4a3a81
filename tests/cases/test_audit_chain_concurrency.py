"""Several workers reading and changing the same cases at once (PostgreSQL): every entry is chained once, in one
chain, and nothing deadlocks.

Half the workers read a case and then change it in one transaction (an access-log entry first; then the case's
row lock to reassign it, a decision opening a commitment under monitoring's CELLS_LOCK, the victim told); the
others change it straight away (the case's row lock first, then the entry). Had entries been chained inside these
transactions under a lock held to commit, a reader would hold the chain's lock while waiting for the case's row,
and a changer would hold the row while waiting for the chain's lock: a deadlock (tried, by chaining inside the
transaction: PostgreSQL reported "deadlock detected" on the advisory lock and a case row). Chaining after commit takes
the chain's lock alone (victimcare/cases/audit_chain.py)."""

import threading

import pytest
from django.db import connection, transaction

from tests.factories import CrimeFactory, VictimFactory
from tests.web.conftest import make_case
from victimcare.cases import audit_chain
from victimcare.cases.access import get_case_for_user, log_cases_listed, visible_cases
from victimcare.cases.models import CaseAccessLog
from victimcare.cases.services import assign_officer, record_key_decision, record_victim_informed
from victimcare.charter.rules import KeyDecision

WORKERS, ROUNDS = 4, 6

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent writers")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("seal_every_ms", [0, 1000])  # every commit seals (the most contention), or once a second
def test_concurrent_reads_and_changes_keep_one_chain(unit, officer, colleague, call_handler, settings, seal_every_ms):
    settings.ACCESS_LOG_SEAL_EVERY_MS = seal_every_ms
    cases = [make_case(unit, officer, call_handler, victim=VictimFactory(), crime=CrimeFactory()) for _ in range(3)]
    errors, start = [], threading.Barrier(WORKERS)

    def work(number):
        actor, other = (officer, colleague) if number % 2 else (colleague, officer)
        order = cases if number % 2 else cases[::-1]
        try:
            start.wait(timeout=10)
            for round_ in range(ROUNDS):
                for case in order:
                    with transaction.atomic():
                        if number % 2:  # read first, as a page does, then change
                            case = get_case_for_user(actor, case.pk, what="case page")
                        assign_officer(case, other if round_ % 2 else actor, actor=actor)
                        commitment = record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=actor)
                        record_victim_informed(commitment, actor=actor, how="phone")
                log_cases_listed(list(visible_cases(actor).select_related(None)[:50]), actor, what="my cases")
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(number,)) for number in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not any(thread.is_alive() for thread in threads), "a worker is stuck"
    assert not errors, errors
    changes = WORKERS * ROUNDS * len(cases) * 2  # a decision and the victim told, each round (reassigning may not be)
    reads = WORKERS // 2 * ROUNDS * len(cases) + WORKERS * len(cases) * ROUNDS  # case pages, and each list of 3
    assert CaseAccessLog.objects.count() >= changes + reads
    if seal_every_ms:  # what the last second left is chained by the next seal (the scheduler's task, here)
        audit_chain.seal()
    assert not CaseAccessLog.objects.filter(sequence__isnull=True).exists(), "every entry chained after its commit"
    result = audit_chain.verify(audit_chain.chained_entries())
    assert result.problem is None, str(result.problem)
    assert result.checked == CaseAccessLog.objects.count()
