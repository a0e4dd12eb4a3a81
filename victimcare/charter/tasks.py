"""Background work for the charter: the overdue sweep.

Runs in-process by default (ImmediateBackend); with TASK_WORKER=1 it is queued in the database and run
by `manage.py db_worker`. Several workers may sweep at once: on databases that can skip locked rows
(PostgreSQL) each takes a batch the others are not working on; elsewhere (SQLite) the database
serialises writers anyway.

A catch-up of more than one batch (after an outage, or at national scale) is shared out: the sweep queues up to
OVERDUE_SWEEP_HELPERS more sweeps as of the same moment, for other workers to take, and all of them take batches
until none is left.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend

from victimcare.charter.models import Commitment
from victimcare.charter.services import record_overdue, record_overdue_batch

logger = logging.getLogger(__name__)

# Each batch is recorded in a fixed number of queries; a day's catch-up at a million cases is a few batches, small
# enough for the workers sharing it to finish together.
BATCH_SIZE = 500


@task()
def sweep_overdue_commitments(batch_size: int = BATCH_SIZE, as_of: str | None = None, helper: bool = False) -> int:
    """Record every open commitment past its due time (now, or the ISO moment `as_of`), once. Returns how many this
    sweep recorded (its helpers return their own); a helper queues no helpers of its own."""
    now = dt.datetime.fromisoformat(as_of) if as_of else timezone.now()
    if not helper:
        _queue_helpers(now, batch_size)
    recorded = 0
    skipped: set[int] = set()
    while True:
        batch_recorded, batch_taken = _sweep_batch(now, batch_size, skipped)
        recorded += batch_recorded
        if batch_taken < batch_size:
            return recorded


def _queue_helpers(now, batch_size: int) -> int:
    """Queue helper sweeps for other workers when there is more than one batch to record and they can share it:
    a worker takes tasks (not this process, in-process), and the database skips rows another holds."""
    wanted = settings.OVERDUE_SWEEP_HELPERS
    backend = sweep_overdue_commitments.get_backend()
    if (not wanted or isinstance(backend, ImmediateBackend)
            or not connections[Commitment.objects.db].features.has_select_for_update_skip_locked):
        return 0
    pending = _unrecorded_overdue(now, set(), locked=False).values("pk")[:batch_size * (wanted + 1)].count()
    helpers = max(0, min(wanted, (pending - 1) // batch_size))  # one batch fewer than there are: this sweep's
    for _ in range(helpers):
        sweep_overdue_commitments.enqueue(batch_size=batch_size, as_of=now.isoformat(), helper=True)
    return helpers


def _sweep_batch(now, batch_size: int, skipped: set[int]) -> tuple[int, int]:
    """One transaction: lock up to `batch_size` unrecorded overdue commitments and record them together.

    If the batch cannot be recorded together, each is recorded on its own; any that still cannot be go into
    `skipped`, so that the next batch moves on and the sweep ends.
    """
    with transaction.atomic():
        batch = list(_unrecorded_overdue(now, skipped).only("pk")[:batch_size])  # record_overdue_batch reads them
        recorded = _record_together(batch, now)
        if recorded is None:
            recorded = {commitment.pk for commitment in batch if _record_one(commitment, now)}
        skipped.update({commitment.pk for commitment in batch} - recorded)
    return len(recorded), len(batch)


def _record_together(batch: list[Commitment], now) -> set[int] | None:
    """The ids of those recorded, all in one savepoint, or None (rolled back, and logged) if any of it failed."""
    try:
        return {commitment.pk for commitment in record_overdue_batch(batch, at=now)}
    except Exception:
        logger.exception("Could not record %s overdue commitments together; recording them one by one", len(batch))
        return None


def _unrecorded_overdue(now, excluded: set[int], *, locked: bool = True):
    pending = (
        Commitment.objects.overdue(now)
        .filter(overdue_recorded_at__isnull=True)
        .exclude(pk__in=excluded)
        .order_by("due_at", "id")
    )
    if locked and connections[pending.db].features.has_select_for_update_skip_locked:
        pending = pending.select_for_update(skip_locked=True)
    return pending


def _record_one(commitment: Commitment, now) -> bool:
    """Record one commitment; a failure is logged and skipped so that it cannot stop the whole sweep."""
    try:
        return record_overdue(commitment, at=now)
    except Exception:
        logger.exception("Could not record commitment %s as overdue", commitment.pk)
        return False
