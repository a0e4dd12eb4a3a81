"""The overdue sweep: how long finding and recording everything newly overdue takes, run as production runs it, by a
task worker (`manage.py db_worker`, TASK_WORKER=1) a day ahead of the data (bench/task_worker.py), and that worker's
memory afterwards."""

import json
import os
import subprocess

from common import PYTHON, REPO


def measure_sweep(env: dict[str, str], days_ahead: float = 1.0) -> dict:
    worker = [PYTHON, str(REPO / "bench" / "task_worker.py"), "--days-ahead", str(days_ahead)]
    completed = subprocess.run(worker,  # noqa: S603 - our own script
                               cwd=REPO, env={**os.environ, **env}, capture_output=True, text=True)
    if completed.returncode:
        raise RuntimeError(f"the task worker failed: {completed.stderr[-3000:]}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    if result["status"] != "SUCCESSFUL":
        raise RuntimeError(f"the sweep task ended {result['status']}: {completed.stderr[-3000:]}")
    return result
