from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from victimcare.demo.sample import DATA_DIR, make_sample


class Command(BaseCommand):
    help = "Rebuild victimcare/demo/data from one month folder of data.police.uk files (maintainers only)."

    def add_arguments(self, parser):
        parser.add_argument("month_folder", type=Path, help="e.g. ../shared/data/police-uk/2025-06")
        parser.add_argument("--out", type=Path, default=DATA_DIR)

    def handle(self, *args, month_folder: Path, out: Path, **options):
        if not month_folder.is_dir():
            raise CommandError(f"No such folder: {month_folder}")
        street, outcomes = make_sample(month_folder, out)
        self.stdout.write(f"Wrote {street} street rows and {outcomes} outcome rows to {out}.")
