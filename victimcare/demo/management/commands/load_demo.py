from django.core.management.base import BaseCommand
from django.utils import translation

from victimcare.cases.models import Case
from victimcare.charter.models import Commitment
from victimcare.demo.loader import DemoReport, load_demo
from victimcare.demo.organisations import DEMO_PASSWORD, DEMO_TOTP_SECRET
from victimcare.portal.demo import portal_sign_in


class Command(BaseCommand):
    help = (
        "Load the demo: real Gwent crimes (a shipped sample of data.police.uk), organisations, staff, about "
        "150 made-up victims and their case histories. Does nothing but print the sign-ins if already loaded."
    )

    def handle(self, *args, **options):
        with translation.override("en"):  # the sign-in table is read in English, e.g. in the README
            self.report(load_demo())

    def report(self, report: DemoReport) -> None:
        if report.created:
            self.write_summary(report)
        else:
            self.stdout.write(
                "The demo is already loaded: nothing changed. To start again, empty the database "
                "(manage.py flush) and run load_demo."
            )
        self.write_sign_ins(report)

    def write_summary(self, report: DemoReport) -> None:
        crimes = report.crimes
        self.stdout.write(
            f"Crimes: {crimes.crimes_loaded} loaded, {crimes.crimes_already_present} already there; "
            f"outcomes: {crimes.outcomes_loaded} loaded."
        )
        victims = report.victims
        details = ", ".join(f"{count} {label}" for label, count in victims.items() if label != "total")
        self.stdout.write(f"Victims: {victims['total']} ({details}).")
        cases = ", ".join(f"{n} {Case.Status(status).label.lower()}" for status, n in report.cases.items())
        self.stdout.write(f"Cases: {cases}.")
        commitments = ", ".join(
            f"{n} {Commitment.Status(status).label.lower()}" for status, n in report.commitments.items()
        )
        self.stdout.write(f"Commitments: {commitments}.")
        if report.overdue_recorded is None:
            self.stdout.write("The overdue sweep is not installed: no overdue commitments recorded.")
        else:
            self.stdout.write(f"Overdue sweep: {report.overdue_recorded} commitments recorded as overdue.")

    def write_sign_ins(self, report: DemoReport) -> None:
        widths = [max(len(row[i]) for row in [*report.sign_ins, ("Username", "Role", "Unit")]) for i in range(3)]
        self.stdout.write("")
        for row in [("Username", "Role", "Unit"), *report.sign_ins]:
            self.stdout.write("  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip())
        self.stdout.write(f"\nEvery demo account's password: {DEMO_PASSWORD}")
        self.stdout.write(f"Then the code from an authenticator app: add the secret {DEMO_TOTP_SECRET} to one, or run "
                          "`DEBUG=1 .venv/bin/python manage.py demo_code USERNAME` for the current code.")
        self.write_portal_sign_in()

    def write_portal_sign_in(self) -> None:
        victim = portal_sign_in()
        if victim is not None:
            self.stdout.write(
                f"\nVictim portal (/portal/): crime reference {victim['reference']}, surname {victim['surname']}, "
                f"date of birth {victim['date_of_birth']}. The one-time code is written to var/outbox/email/."
            )
