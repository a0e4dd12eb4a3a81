import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from victimcare.cases.tasks import seal_access_log
from victimcare.charter.tasks import sweep_overdue_commitments
from victimcare.dataprotection.tasks import sweep_retention
from victimcare.notifications.tasks import send_due_messages
from victimcare.notifications.victim_messages import send_survey_invitations_task
from victimcare.property.tasks import sweep_property_disposals


def _positive_seconds(value: str) -> float:
    seconds = float(value)
    if not seconds > 0:
        raise ValueError(value)
    return seconds


class Command(BaseCommand):
    help = ("Enqueue the overdue-commitment sweep, the survey invitations, the unclaimed-property disposal sweep, "
            "the retention sweep, the outbox sender (retries, ends of quiet hours) and the access log's chaining "
            "every --every seconds "
            "(run alongside db_worker).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--every", type=_positive_seconds, required=True, metavar="SECONDS",
                            help="Seconds between sweeps (more than 0).")
        parser.add_argument("--times", type=int, default=None, metavar="N",
                            help="Stop after N sweeps (default: run until stopped).")

    def handle(self, *args, every: float, times: int | None, **options) -> None:
        if times is not None and times < 1:
            raise CommandError("--times must be 1 or more")
        enqueued = 0
        try:
            while times is None or enqueued < times:
                if enqueued:
                    time.sleep(every)
                self._enqueue()
                enqueued += 1
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")

    def _enqueue(self) -> None:
        # A long-running process: drop connections the database has closed meanwhile.
        close_old_connections()
        result = sweep_overdue_commitments.enqueue()
        self.stdout.write(f"Enqueued sweep {result.id} ({result.status}).")
        result = send_survey_invitations_task.enqueue()
        self.stdout.write(f"Enqueued survey invitations {result.id} ({result.status}).")
        result = sweep_property_disposals.enqueue()  # each warning once, however often it runs
        self.stdout.write(f"Enqueued property disposal sweep {result.id} ({result.status}).")
        result = sweep_retention.enqueue()  # each case joins the retention review queue once
        self.stdout.write(f"Enqueued retention sweep {result.id} ({result.status}).")
        # Last, so that it also sends what the tasks above queued when they run in-process.
        result = send_due_messages.enqueue()
        self.stdout.write(f"Enqueued outbox sender {result.id} ({result.status}).")
        result = seal_access_log.enqueue()  # the entries of each web process's last second before a quiet spell
        self.stdout.write(f"Enqueued access log chaining {result.id} ({result.status}).")
