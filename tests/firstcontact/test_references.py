"""Crime references: GW/YYYY/NNNNNN, sequential within a year, a new sequence each year, never a
duplicate of an existing reference, and no gap when the recording transaction rolls back."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from tests.factories import CrimeFactory
from victimcare.firstcontact.models import CrimeReferenceCounter


def issue(year):
    with transaction.atomic():
        return CrimeReferenceCounter.issue(year)


@pytest.mark.django_db
def test_references_are_sequential_per_year():
    assert [issue(2026) for _ in range(3)] == ["GW/2026/000001", "GW/2026/000002", "GW/2026/000003"]
    assert issue(2027) == "GW/2027/000001"
    assert issue(2026) == "GW/2026/000004"


@pytest.mark.django_db
def test_a_reference_already_taken_is_skipped():
    CrimeFactory(reference="GW/2026/000001")
    assert issue(2026) == "GW/2026/000002"


@pytest.mark.django_db
def test_a_rolled_back_report_leaves_no_gap():
    class Abandoned(Exception):
        pass

    with pytest.raises(Abandoned), transaction.atomic():
        CrimeReferenceCounter.issue(2026)
        raise Abandoned
    assert issue(2026) == "GW/2026/000001"


@pytest.mark.django_db(transaction=True)
def test_a_reference_is_only_issued_inside_a_transaction():
    with pytest.raises(RuntimeError):
        CrimeReferenceCounter.issue(2026)


@pytest.mark.django_db(transaction=True)
def test_concurrent_reports_get_distinct_consecutive_references():
    """Row locks (select_for_update) serialise issuing; SQLite has none but serialises every writer."""
    if not connection.features.has_select_for_update:
        pytest.skip("This database has no row locks; SQLite serialises writers instead")

    def work(_):
        try:
            return issue(2026)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        references = list(pool.map(work, range(12)))
    assert sorted(references) == [f"GW/2026/{n:06d}" for n in range(1, 13)]
