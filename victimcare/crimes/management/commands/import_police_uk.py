import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from victimcare.crimes.importer import NotPoliceUkFile, import_police_uk


class Command(BaseCommand):
    help = (
        "Import data.police.uk street and outcomes CSV files (or folders of them): crimes, and outcomes on "
        "their timelines. Idempotent: a second run of the same files adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="A CSV file or a folder of them.")

    def handle(self, *args, paths: list[Path], **options):
        started = time.perf_counter()
        try:
            report = import_police_uk(paths)
        except NotPoliceUkFile as error:
            raise CommandError(str(error)) from error
        if report.areas_loaded:
            self.stdout.write("The areas were not loaded yet: loaded them first.")
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Took {time.perf_counter() - started:.1f} s.")
