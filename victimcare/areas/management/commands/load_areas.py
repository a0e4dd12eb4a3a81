from django.core.management.base import BaseCommand

from victimcare.areas.loading import load_areas


class Command(BaseCommand):
    help = "Load the five Gwent local authorities, their wards (2016-2025 code sets) and 374 2021 LSOAs."

    def handle(self, *args, **options):
        report = load_areas()
        for counts in report.counts:
            self.stdout.write(str(counts))
        if report.changed:
            self.stdout.write(self.style.SUCCESS("Areas loaded."))
        else:
            self.stdout.write("Nothing to do: the areas were already loaded.")
