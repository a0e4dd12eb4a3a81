"""A task worker whose clock is a day ahead: it queues the overdue sweep and runs it through `manage.py db_worker
--batch` (TASK_WORKER=1, the database backend), then prints, as the last line, JSON: how many commitments the sweep
recorded, the seconds the task ran (from its result row), the moment it swept as of, and this worker's memory.
Then, in the same worker (so warm, as a long-running worker is), the next scheduled round: the sweep again
--round-minutes later (charter_scheduler runs it every five minutes), under "scheduled_round".

    .venv/bin/python bench/task_worker.py [--days-ahead 1] [--round-minutes 5]    (DATABASE_URL etc. from the env)

The sweep runs as of a day after the later of now and the last time anything was recorded overdue, so that each run
on the same database (bench/run.py --reuse) finds a fresh day's worth of newly overdue commitments.
"""

import argparse
import datetime as dt
import json
import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import rss_mib


def shift_clock(days_ahead: float) -> dt.datetime:
    """Move django.utils.timezone.now forward (time still passes); the moment the sweep will see as now."""
    from django.db.models import Max
    from django.utils import timezone

    from victimcare.charter.models import Commitment

    real_now = timezone.now
    last_recorded = Commitment.objects.aggregate(last=Max("overdue_recorded_at"))["last"]
    as_of = max(real_now(), last_recorded or real_now()) + dt.timedelta(days=days_ahead)
    offset = as_of - real_now()
    timezone.now = lambda: real_now() + offset
    return as_of


def run_sweep(sweep_task, as_of: dt.datetime) -> dict:
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    queued = sweep_task.enqueue()
    # With the system checks, as `manage.py db_worker` starts in production: they load the URLconf, which the
    # sweep's reminders need, before the worker takes a task (call_command skips them unless told).
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", skip_checks=False)
    result = DBTaskResult.objects.get(pk=queued.id)
    return {
        "status": result.status,
        "recorded": result.return_value,
        "seconds": (result.finished_at - result.started_at).total_seconds() if result.finished_at else None,
        "as_of": as_of.isoformat(),
    }


def main(days_ahead: float, round_minutes: float) -> None:
    os.environ["TASK_WORKER"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    import django

    django.setup()
    from victimcare.charter.tasks import sweep_overdue_commitments

    day = run_sweep(sweep_overdue_commitments, shift_clock(days_ahead))
    scheduled = run_sweep(sweep_overdue_commitments, shift_clock(round_minutes / (24 * 60)))
    print(json.dumps({
        **day,
        "scheduled_round": {**scheduled, "minutes": round_minutes},
        "rss_mib": round(rss_mib(os.getpid()), 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--days-ahead", type=float, default=1.0)
    parser.add_argument("--round-minutes", type=float, default=5.0)
    arguments = parser.parse_args()
    main(arguments.days_ahead, arguments.round_minutes)
