"""A task worker that sweeps a day ahead: it queues the overdue sweep and runs it through `manage.py db_worker
--batch` (TASK_WORKER=1, the database backend), beside --other-workers long-running `manage.py db_worker` processes
(started first, as they would already be running), which take the helper sweeps a catch-up of several batches
queues. Then it prints, as the last line, JSON: how many commitments the sweeps recorded, the seconds from the first
sweep's start to the last one's end (from their result rows), each sweep's share, the moment they swept as of, and
this worker's memory. Then, in the same worker (so warm, as a long-running worker is), the next scheduled round: the
sweep again --round-minutes later (charter_scheduler runs it every five minutes), under "scheduled_round".

    .venv/bin/python bench/task_worker.py [--days-ahead 1] [--round-minutes 5] [--other-workers 1]
    (DATABASE_URL etc. from the env)

The sweep runs as of a day after the later of now and the last time anything was recorded overdue, so that each run
on the same database (bench/run.py --reuse) finds a fresh day's worth of newly overdue commitments.
"""

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYTHON, REPO, rss_mib


def sweep_moment(days_ahead: float) -> dt.datetime:
    """The moment to sweep as of: `days_ahead` after the later of now and the last overdue recorded. Every sweep is
    told it (as_of), so no worker's clock is moved: the result rows' start and end times are all real time."""
    from django.db.models import Max
    from django.utils import timezone

    from victimcare.charter.models import Commitment

    now = timezone.now()
    last_recorded = Commitment.objects.aggregate(last=Max("overdue_recorded_at"))["last"]
    return max(now, last_recorded or now) + dt.timedelta(days=days_ahead)


def start_other_workers(count: int) -> list[subprocess.Popen]:
    """Long-running task workers, as production has them. Their clocks are not moved: each sweep is told the moment
    to sweep as of."""
    command = [PYTHON, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    return [subprocess.Popen(command, cwd=REPO, env={**os.environ, "TASK_WORKER": "1"},  # noqa: S603 - our own
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(count)]


def stop(workers: list[subprocess.Popen]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.wait(timeout=60)


def run_sweep(sweep_task, as_of: dt.datetime) -> dict:
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    queued = sweep_task.enqueue(as_of=as_of.isoformat())  # whichever worker takes it sweeps as of this moment
    # With the system checks, as `manage.py db_worker` starts in production: they load the URLconf, which the
    # sweep's reminders need, before the worker takes a task (call_command skips them unless told).
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", skip_checks=False)
    sweeps = DBTaskResult.objects.filter(task_path=queued.task.module_path,
                                         args_kwargs__kwargs__as_of=as_of.isoformat())
    while sweeps.exclude(status__in=["SUCCESSFUL", "FAILED"]).exists():  # a helper another worker still runs
        time.sleep(0.05)
    results = list(sweeps.order_by("started_at"))
    finished = all(result.finished_at for result in results)
    return {
        "status": "SUCCESSFUL" if all(result.status == "SUCCESSFUL" for result in results) else "FAILED",
        "recorded": sum(result.return_value or 0 for result in results),
        "seconds": (max(result.finished_at for result in results) - results[0].started_at).total_seconds()
        if finished else None,
        "sweeps": [{"recorded": result.return_value, "worker": result.worker_ids[-1:],
                    "seconds": (result.finished_at - result.started_at).total_seconds() if result.finished_at else None}
                   for result in results],
        "as_of": as_of.isoformat(),
    }


def main(days_ahead: float, round_minutes: float, other_workers: int) -> None:
    os.environ["TASK_WORKER"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    import django

    django.setup()
    from victimcare.charter.tasks import sweep_overdue_commitments

    workers = start_other_workers(other_workers)
    time.sleep(5 if workers else 0)  # started and polling the queue, as long-running workers would be
    try:
        day = run_sweep(sweep_overdue_commitments, sweep_moment(days_ahead))
        scheduled = run_sweep(sweep_overdue_commitments, sweep_moment(round_minutes / (24 * 60)))
        other_rss = [rss_mib(worker.pid) for worker in workers]
    finally:
        stop(workers)
    print(json.dumps({
        **day, "workers": 1 + other_workers,
        "scheduled_round": {**scheduled, "minutes": round_minutes},
        "rss_mib": round(rss_mib(os.getpid()), 1),
        "other_workers_rss_mib": [round(rss, 1) for rss in other_rss],
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--days-ahead", type=float, default=1.0)
    parser.add_argument("--round-minutes", type=float, default=5.0)
    parser.add_argument("--other-workers", type=int, default=1,
                        help="long-running task workers beside this one, to take helper sweeps (default 1: two "
                             "workers on a two-core machine)")
    arguments = parser.parse_args()
    main(arguments.days_ahead, arguments.round_minutes, arguments.other_workers)
