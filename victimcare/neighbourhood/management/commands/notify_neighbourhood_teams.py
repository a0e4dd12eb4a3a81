"""Tell neighbourhood teams of the open cases recorded before incidents were routed to them. Safe to run
again: a crime whose team was told already is left alone."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from victimcare.neighbourhood.services import notify_open_cases


class Command(BaseCommand):
    help = "Route open cases opened on or after --since to their neighbourhood teams (once each)."

    def add_arguments(self, parser):
        parser.add_argument("--since", required=True, help="A date, YYYY-MM-DD")

    def handle(self, *args, since: str, **options):
        try:
            day = dt.date.fromisoformat(since)
        except ValueError:
            raise CommandError(f"--since must be a date like 2026-01-31, not {since!r}") from None
        made = notify_open_cases(day)
        self.stdout.write(f"Told neighbourhood teams of {made} incidents.")
