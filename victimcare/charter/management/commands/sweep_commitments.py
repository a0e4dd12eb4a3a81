from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from victimcare.charter.tasks import sweep_overdue_commitments


class Command(BaseCommand):
    help = "Enqueue the overdue-commitment sweep once (runs at once unless a task worker is configured)."

    def handle(self, *args, **options) -> None:
        result = sweep_overdue_commitments.enqueue()
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Recorded {result.return_value} overdue commitment(s).")
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError(f"The sweep failed: {result.errors[-1].traceback}")
        else:
            self.stdout.write(f"Enqueued sweep {result.id}; a db_worker will run it.")
