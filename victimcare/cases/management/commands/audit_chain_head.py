"""Print the access log chain's head (sequence number and hash) for anchoring outside the database: published
periodically somewhere an attacker with the database cannot reach (a signed email, another system's log), it
lets verify_audit_chain's result be checked against a rewrite of the whole chain."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from victimcare.cases import audit_chain


class Command(BaseCommand):
    help = "Print the access log chain's current head: sequence number and hash, to publish elsewhere."

    def handle(self, *args, **options) -> None:
        audit_chain.seal()
        sequence, digest = audit_chain.head() or (0, audit_chain.GENESIS)
        self.stdout.write(f"{timezone.now().isoformat(timespec='seconds')} sequence {sequence} hash {digest}")
