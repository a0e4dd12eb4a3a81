from django.core.management.base import BaseCommand

from victimcare.notifications.tasks import send_due_messages


class Command(BaseCommand):
    help = "Send every message in the outbox that is due now (the background task does this on its own)."

    def handle(self, *args, **options) -> None:
        sent = send_due_messages.call()
        self.stdout.write(f"Sent {sent} message{'' if sent == 1 else 's'}.")
