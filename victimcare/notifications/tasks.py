"""Background work for the outbox: send every message that is due.

Runs in-process by default (ImmediateBackend, woken when a transaction that queued messages commits); with
TASK_WORKER=1 it is queued in the database and run by `manage.py db_worker` (and enqueued every round by
`manage.py charter_scheduler`, which picks up retries and the end of quiet hours).

Each message is taken alone, in its own transaction, with its row locked (skipping rows another worker has
locked, on databases that can: PostgreSQL) until it is sent and marked sent and the transaction commits. So
two workers never send the same message, and a worker killed mid-send leaves its message queued: the
database drops the lock with the connection and the next run sends it. On SQLite, run one worker.
"""

import logging

from django.db import connections, transaction
from django.utils import timezone
from django_tasks import task

from victimcare.notifications.delivery import due_messages, send_message

logger = logging.getLogger(__name__)


@task()
def send_due_messages(limit: int | None = None) -> int:
    """Send due messages one at a time until none is left (or `limit` were tried). Returns how many went."""
    sent = 0
    tried: set[int] = set()
    while limit is None or len(tried) < limit:
        outcome = _send_next(tried)
        if outcome is None:
            return sent
        sent += outcome
    return sent


def _send_next(tried: set[int]) -> bool | None:
    """Take the next due message no other worker holds and send it. None when there is none."""
    with transaction.atomic():
        pending = due_messages(timezone.now()).exclude(pk__in=tried)
        if connections[pending.db].features.has_select_for_update_skip_locked:
            pending = pending.select_for_update(skip_locked=True, of=("self",))
        message = pending.first()
        if message is None:
            return None
        tried.add(message.pk)
        try:
            return send_message(message)
        except Exception:  # a fault outside the channel (e.g. a template or the database): skip this one
            logger.exception("Could not send message %s", message.pk)
            return False
