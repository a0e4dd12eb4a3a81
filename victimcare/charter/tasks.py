"""Background work for the charter: the overdue sweep.

Runs in-process by default (ImmediateBackend); with TASK_WORKER=1 it is queued in the database and run
by `manage.py db_worker`. Several workers may sweep at once: on databases that can skip locked rows
(PostgreSQL) each takes a batch the others are not working on; elsewhere (SQLite) the database
serialises writers anyway.
"""

import logging

from django.db import connections, transaction
from django.utils import timezone
from django_tasks import task

from victimcare.charter.models import Commitment
from victimcare.charter.services import record_overdue

logger = logging.getLogger(__name__)

BATCH_SIZE = 200


@task()
def sweep_overdue_commitments(batch_size: int = BATCH_SIZE) -> int:
    """Record every open commitment now past its due time, once. Returns how many were recorded."""
    now = timezone.now()
    recorded = 0
    skipped: set[int] = set()
    while True:
        batch_recorded, batch_taken = _sweep_batch(now, batch_size, skipped)
        recorded += batch_recorded
        if batch_taken < batch_size:
            return recorded


def _sweep_batch(now, batch_size: int, skipped: set[int]) -> tuple[int, int]:
    """One transaction: lock up to `batch_size` unrecorded overdue commitments and record them.

    Any it could not record go into `skipped`, so that the next batch moves on and the sweep ends.
    """
    recorded = 0
    with transaction.atomic():
        batch = _unrecorded_overdue(now, skipped)[:batch_size]
        for commitment in batch:
            if _record_one(commitment, now):
                recorded += 1
            else:
                skipped.add(commitment.pk)
    return recorded, len(batch)


def _unrecorded_overdue(now, excluded: set[int]):
    pending = (
        Commitment.objects.overdue(now)
        .filter(overdue_recorded_at__isnull=True)
        .exclude(pk__in=excluded)
        .order_by("due_at", "id")
    )
    if connections[pending.db].features.has_select_for_update_skip_locked:
        pending = pending.select_for_update(skip_locked=True)
    return pending


def _record_one(commitment: Commitment, now) -> bool:
    """Record one commitment; a failure is logged and skipped so that it cannot stop the whole sweep."""
    try:
        return record_overdue(commitment, at=now)
    except Exception:
        logger.exception("Could not record commitment %s as overdue", commitment.pk)
        return False
