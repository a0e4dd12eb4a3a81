from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from victimcare.property.tasks import sweep_property_disposals


class Command(BaseCommand):
    help = "Record the unclaimed-property disposal warnings now due (runs at once unless a task worker is configured)."

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Sweep as if at this ISO time (for tests and replays).")

    def handle(self, *args, **options) -> None:
        result = sweep_property_disposals.enqueue(options.get("now"))
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Recorded {result.return_value} disposal warning(s).")
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError(f"The sweep failed: {result.errors[-1].traceback}")
        else:
            self.stdout.write(f"Enqueued sweep {result.id}; a db_worker will run it.")
