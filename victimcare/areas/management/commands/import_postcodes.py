from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from victimcare.areas.loading import ensure_areas_loaded
from victimcare.areas.postcodes import import_postcodes


class Command(BaseCommand):
    help = "Import Gwent postcodes from an ONS Postcode Directory CSV (columns pcds, lsoa21cd, osward)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The ONSPD CSV file (the whole UK is fine: others are skipped).")

    def handle(self, *args, path: Path, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        if ensure_areas_loaded():
            self.stdout.write("The areas were not loaded yet: loaded them first.")
        report = import_postcodes(path)
        for line in report.lines():
            self.stdout.write(line)
        if not (report.created or report.updated):
            self.stdout.write("Nothing changed.")
