"""Background work for property: the disposal-warning sweep, run like the charter's overdue sweep (in-process
by default with the ImmediateBackend; queued for `manage.py db_worker` with TASK_WORKER=1)."""

import datetime as dt

from django_tasks import task

from victimcare.property.services import sweep_disposal_warnings


@task()
def sweep_property_disposals(now: str | None = None) -> int:
    """Record the disposal warnings due (`now`, an ISO time for tests; the current time by default)."""
    return sweep_disposal_warnings(dt.datetime.fromisoformat(now) if now else None)
