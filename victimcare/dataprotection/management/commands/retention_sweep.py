from django.core.management.base import BaseCommand

from victimcare.dataprotection.services import queue_retention_reviews


class Command(BaseCommand):
    help = "Put every closed case whose retention has ended in the information rights officer's review queue."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{queue_retention_reviews()} case(s) joined the retention review queue.")
