from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from victimcare.notifications.victim_messages import send_survey_invitations_task


class Command(BaseCommand):
    help = ("Queue the satisfaction survey invitation for victims who reported 6 to 12 weeks ago and agreed to be "
            "contacted for it, once per case (runs at once unless a task worker is configured).")

    def add_arguments(self, parser):
        parser.add_argument("--now", help="Run as if at this ISO time (for tests and replays).")

    def handle(self, *args, **options) -> None:
        result = send_survey_invitations_task.enqueue(options.get("now"))
        if result.status == TaskResultStatus.SUCCESSFUL:
            self.stdout.write(f"Queued {result.return_value} survey invitation(s).")
        elif result.status == TaskResultStatus.FAILED:
            raise CommandError(f"Queuing the survey invitations failed: {result.errors[-1].traceback}")
        else:
            self.stdout.write(f"Enqueued {result.id}; a db_worker will run it.")
