from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from victimcare.generator.run import BATCH, GenerationReport, generate


class Command(BaseCommand):
    help = ("Generate realistic cases on the real Gwent crime mix (../shared/data), over the chosen years up to "
            "now, on top of the demo (loaded first if absent), written in bulk. For benchmarks and trials: run "
            "it on a database nobody else is writing to.")

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True, help="How many cases (0: only the base).")
        parser.add_argument("--years", type=int, default=10, help="Spread over this many years up to now.")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=BATCH, help="Cases written per transaction.")

    def handle(self, *args, cases, years, seed, batch, **options):
        if cases < 0:
            raise CommandError("--cases must be 0 or more")
        if years < 1:
            raise CommandError("--years must be 1 or more")
        if batch < 1:
            raise CommandError("--batch must be 1 or more")
        report = generate(cases, years=years, seed=seed, batch=batch, progress=self._progress)
        self._summary(report)

    def _progress(self, report: GenerationReport, seconds: float) -> None:
        self.stdout.write(f"  {report.cases:,} cases, {report.total_rows:,} rows, {seconds:,.0f} s, "
                          f"{report.total_rows / seconds:,.0f} rows/s")

    def _summary(self, report: GenerationReport) -> None:
        self.stdout.write(f"Generated {report.cases:,} cases on {connection.vendor} "
                          f"({report.officers_added:,} officers added):")
        for table, count in sorted(report.rows.items(), key=lambda item: -item[1]):
            self.stdout.write(f"  {table:<40} {count:>12,}")
        self.stdout.write(f"{report.total_rows:,} rows in {report.seconds:,.1f} s: "
                          f"{report.rows_per_second:,.0f} rows/s, {report.cases / max(report.seconds, 1e-9):,.0f} "
                          f"cases/s; the writer waited {report.waiting_seconds:,.1f} s for cases to be made")
