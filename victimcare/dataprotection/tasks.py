"""Background work for data protection: the retention sweep, queued by `manage.py charter_scheduler` (or run
once with `manage.py retention_sweep`, e.g. daily from cron). Runs in-process without a worker."""

from django_tasks import task

from victimcare.dataprotection.services import queue_retention_reviews


@task()
def sweep_retention() -> int:
    """Put every case whose retention has ended in the information rights officer's review queue."""
    return queue_retention_reviews()
