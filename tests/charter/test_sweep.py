"""The overdue sweep: a Django task, in-process by default, or queued for db_worker processes."""

import datetime as dt
import signal
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.factories import CrimeFactory, VictimFactory
from victimcare.cases import services as cases
from victimcare.cases.models import TimelineEvent
from victimcare.charter import services as charter
from victimcare.charter.calendar import LONDON
from victimcare.charter.models import Commitment, OverdueAlert
from victimcare.charter.rules import KeyDecision
from victimcare.charter.tasks import sweep_overdue_commitments

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
LONG_AGO = dt.datetime(2025, 7, 4, 16, 0, tzinfo=LONDON)


def overdue_commitment(case, actor) -> Commitment:
    return cases.record_key_decision(case, KeyDecision.CHARGED, actor=actor, at=LONG_AGO)


def not_yet_due_commitment(case, actor) -> Commitment:
    return cases.record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=actor, at=timezone.now())


def overdue_events(commitment) -> int:
    return TimelineEvent.objects.filter(kind=TimelineEvent.Kind.COMMITMENT_OVERDUE,
                                        data__commitment=commitment.pk).count()


def several_overdue(unit, officer, recorded_by, count) -> list[Commitment]:
    made = []
    for _ in range(count):
        case = cases.open_case(victim=VictimFactory(), crime=CrimeFactory(), unit=unit, officer=officer,
                               recorded_by=recorded_by)
        made.append(overdue_commitment(case, officer))
    return made


@pytest.fixture
def restore_signal_handlers():
    """db_worker installs its own SIGINT/SIGTERM handlers; put pytest's back afterwards."""
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for signum, handler in saved.items():
        signal.signal(signum, handler)


# In-process (the default ImmediateBackend)


@pytest.mark.django_db
def test_sweep_records_each_overdue_commitment_exactly_once_even_when_run_twice(case, officer, unit):
    overdue = overdue_commitment(case, officer)

    first = sweep_overdue_commitments.enqueue()
    second = sweep_overdue_commitments.enqueue()

    assert (first.status, first.return_value) == (TaskResultStatus.SUCCESSFUL, 1)
    assert (second.status, second.return_value) == (TaskResultStatus.SUCCESSFUL, 0)
    overdue.refresh_from_db()
    assert overdue.overdue_recorded_at is not None
    assert overdue.status == Commitment.Status.OPEN
    assert overdue_events(overdue) == 1
    alert = OverdueAlert.objects.get()
    assert (alert.commitment, alert.owner_organisation, alert.owner_person) == (overdue, unit, officer)


@pytest.mark.django_db
def test_sweep_leaves_closed_commitments_alone(case, officer, supervisor):
    met, waived, missed = (overdue_commitment(case, officer) for _ in range(3))
    cases.record_victim_informed(met, actor=officer, at=LONG_AGO + dt.timedelta(hours=1))
    charter.waive_commitment(waived, actor=supervisor, reason="Victim asked for no updates")
    charter.miss_commitment(missed, actor=supervisor, reason="Victim moved abroad")

    assert sweep_overdue_commitments.call() == 0

    for commitment in (met, waived, missed):
        commitment.refresh_from_db()
        assert commitment.overdue_recorded_at is None
        assert overdue_events(commitment) == 0
    assert not OverdueAlert.objects.exists()


@pytest.mark.django_db
def test_not_yet_due_commitment_on_an_open_case_is_untouched(case, officer):
    not_due = not_yet_due_commitment(case, officer)
    overdue = overdue_commitment(case, officer)

    assert sweep_overdue_commitments.call() == 1

    not_due.refresh_from_db()
    assert not_due.overdue_recorded_at is None
    assert list(OverdueAlert.objects.values_list("commitment", flat=True)) == [overdue.pk]


@pytest.mark.django_db
def test_sweep_works_through_every_batch(unit, officer, call_handler):
    commitments = several_overdue(unit, officer, call_handler, 5)

    assert sweep_overdue_commitments.call(batch_size=2) == 5
    assert sweep_overdue_commitments.call(batch_size=2) == 0
    assert all(overdue_events(commitment) == 1 for commitment in commitments)
    assert OverdueAlert.objects.count() == 5


@pytest.mark.django_db
@pytest.mark.parametrize("batch_size", [1, 1000])
def test_one_commitment_that_cannot_be_recorded_does_not_stop_the_sweep(unit, officer, call_handler, batch_size):
    first, second = several_overdue(unit, officer, call_handler, 2)
    Commitment.objects.filter(pk=first.pk).update(kind="no_longer_a_kind")  # its owner's reminder cannot be written

    assert sweep_overdue_commitments.call(batch_size=batch_size) == 1
    assert overdue_events(first) == 0
    assert overdue_events(second) == 1
    assert sweep_overdue_commitments.call(batch_size=batch_size) == 0


# Management commands


@pytest.mark.django_db
def test_sweep_commitments_command_reports_what_it_recorded(case, officer):
    overdue_commitment(case, officer)
    out = StringIO()
    call_command("sweep_commitments", stdout=out)
    assert out.getvalue().strip() == "Recorded 1 overdue commitment(s)."
    out = StringIO()
    call_command("sweep_commitments", stdout=out)
    assert out.getvalue().strip() == "Recorded 0 overdue commitment(s)."


@pytest.mark.django_db(transaction=True)  # the scheduler closes stale connections, as a long-running process must
def test_scheduler_enqueues_the_sweep_the_number_of_times_asked(case, officer):
    overdue = overdue_commitment(case, officer)
    out = StringIO()
    call_command("charter_scheduler", "--every", "0.01", "--times", "3", stdout=out)
    assert out.getvalue().count("Enqueued sweep") == 3
    assert overdue_events(overdue) == 1


@pytest.mark.parametrize("arguments", [["--every", "0"], ["--every", "-5"], ["--every", "soon"]])
def test_scheduler_needs_a_positive_interval(arguments):
    with pytest.raises(CommandError):
        call_command("charter_scheduler", *arguments, "--times", "1")


def test_scheduler_refuses_zero_times():
    with pytest.raises(CommandError, match="--times"):
        call_command("charter_scheduler", "--every", "1", "--times", "0")


# The database backend and db_worker


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_database_backend_queues_the_sweep_for_db_worker(case, officer, restore_signal_handlers):
    overdue = overdue_commitment(case, officer)

    out = StringIO()
    call_command("sweep_commitments", stdout=out)
    assert "a db_worker will run it" in out.getvalue()
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "victimcare.charter.tasks.sweep_overdue_commitments"
    assert queued.status == TaskResultStatus.READY
    assert overdue_events(overdue) == 0

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL
    assert queued.return_value == 1
    assert overdue_events(overdue) == 1
    assert OverdueAlert.objects.filter(commitment=overdue).exists()


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_scheduler_with_database_backend_only_queues(case, officer, restore_signal_handlers):
    overdue = overdue_commitment(case, officer)
    call_command("charter_scheduler", "--every", "0.01", "--times", "2", stdout=StringIO())
    # 2 rounds: sweep, survey, property disposal sweep, retention sweep, sender, access log chaining
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 12
    assert overdue_events(overdue) == 0

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    sweeps = DBTaskResult.objects.filter(task_path__endswith="sweep_overdue_commitments")
    assert sorted(result.return_value for result in sweeps) == [0, 1]
    assert overdue_events(overdue) == 1


# Several workers at once (PostgreSQL: rows another worker holds are skipped, not waited for)


@pytest.mark.skipif(
    not connection.features.has_select_for_update_skip_locked, reason="the database cannot skip locked rows"
)
@pytest.mark.django_db(transaction=True)
def test_sweep_skips_commitments_another_worker_holds(unit, officer, call_handler):
    held, free = several_overdue(unit, officer, call_handler, 2)
    locked, release = threading.Event(), threading.Event()

    def other_worker():
        try:
            with transaction.atomic():
                Commitment.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert locked.wait(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # fail rather than hang if it waits for the lock
        assert sweep_overdue_commitments.call() == 1
        assert (overdue_events(held), overdue_events(free)) == (0, 1)
    finally:
        release.set()
        thread.join()

    assert sweep_overdue_commitments.call() == 1
    assert overdue_events(held) == 1


# A catch-up of several batches, shared out among workers (PostgreSQL, with a worker taking queued tasks)

SKIPS_LOCKED = pytest.mark.skipif(not connection.features.has_select_for_update_skip_locked,
                                  reason="the database cannot skip locked rows")


def sweeps() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path__endswith="sweep_overdue_commitments").order_by("enqueued_at"))


@SKIPS_LOCKED
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS, OVERDUE_SWEEP_HELPERS=3)
def test_a_sweep_of_several_batches_queues_helpers_as_of_its_own_moment(unit, officer, call_handler,
                                                                         restore_signal_handlers):
    commitments = several_overdue(unit, officer, call_handler, 5)
    sweep_overdue_commitments.enqueue(batch_size=2)

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    first, *helpers = sweeps()
    assert len(helpers) == 2  # five commitments in batches of two: three batches, two for others to take
    assert {helper.status for helper in [first, *helpers]} == {TaskResultStatus.SUCCESSFUL}
    assert first.args_kwargs["kwargs"] == {"batch_size": 2}
    as_of = dt.datetime.fromisoformat(helpers[0].args_kwargs["kwargs"]["as_of"])
    assert [helper.args_kwargs["kwargs"] for helper in helpers] == [{"batch_size": 2, "as_of": as_of.isoformat(),
                                                                  "helper": True}] * 2
    assert first.started_at < as_of < first.finished_at
    # One worker here: the first sweep recorded everything before it took its helpers, which found nothing left.
    assert [result.return_value for result in [first, *helpers]] == [5, 0, 0]
    assert all(overdue_events(commitment) == 1 for commitment in commitments)
    assert OverdueAlert.objects.count() == 5


@SKIPS_LOCKED
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("overdue", "helpers_allowed", "queued"), [(2, 3, 0), (3, 3, 1), (9, 3, 3), (9, 0, 0)])
def test_helpers_are_one_fewer_than_the_batches_up_to_the_setting(unit, officer, call_handler, restore_signal_handlers,
                                                                  overdue, helpers_allowed, queued):
    several_overdue(unit, officer, call_handler, overdue)
    with override_settings(TASKS=DATABASE_TASKS, OVERDUE_SWEEP_HELPERS=helpers_allowed):
        sweep_overdue_commitments.enqueue(batch_size=2)
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--max-tasks", "1", verbosity=0)

    assert len(sweeps()) == 1 + queued


@pytest.mark.django_db
def test_in_process_the_sweep_queues_no_helpers_and_records_everything_itself(unit, officer, call_handler):
    several_overdue(unit, officer, call_handler, 5)
    with override_settings(OVERDUE_SWEEP_HELPERS=3):
        assert sweep_overdue_commitments.call(batch_size=2) == 5


@pytest.mark.django_db
def test_a_sweep_records_only_what_was_overdue_at_the_moment_it_was_given(case, officer):
    overdue = overdue_commitment(case, officer)
    later = Commitment.objects.filter(pk=not_yet_due_commitment(case, officer).pk)

    assert sweep_overdue_commitments.call(as_of=(LONG_AGO - dt.timedelta(days=1)).isoformat()) == 0
    assert sweep_overdue_commitments.call(as_of=(later.get().due_at - dt.timedelta(minutes=1)).isoformat()) == 1
    assert overdue_events(overdue) == 1
    assert later.get().overdue_recorded_at is None
