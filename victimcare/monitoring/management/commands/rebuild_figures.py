import time

from django.core.management.base import BaseCommand

from victimcare.monitoring.rebuild import rebuild_figures


class Command(BaseCommand):
    help = ("Recount the Commissioner's figures from every commitment and survey answer (after a bulk load or "
            "a restore; the services keep them current otherwise).")

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        written = rebuild_figures()
        seconds = time.perf_counter() - started
        self.stdout.write(", ".join(f"{name}: {count:,}" for name, count in written.items())
                          + f" in {seconds:.1f} s")
