"""Benchmark: load data.police.uk files into a fresh database and report throughput and peak memory.

    .venv/bin/python bench/import_police_uk.py [PATH ...]      (default: ../shared/data/police-uk)

Runs against a throwaway SQLite file unless DATABASE_URL is set (then that database is used as is:
point it at an empty one). Runs the import twice: the second run must load nothing.
"""

import os
import resource
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main(paths: list[str]) -> None:
    workdir = tempfile.mkdtemp(prefix="victimcare-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from victimcare.cases.models import TimelineEvent
    from victimcare.crimes.models import Crime

    def rows() -> int:
        return Crime.objects.count() + TimelineEvent.objects.count()

    for run in (1, 2):
        before = rows()
        started = time.perf_counter()
        call_command("import_police_uk", *paths, stdout=StringIO())
        seconds = time.perf_counter() - started
        loaded = rows() - before
        print(f"run {run}: {seconds:.2f} s, {loaded} new rows (crimes + outcome events)"
              + (f", {loaded / seconds:,.0f} rows/s" if loaded else ", nothing new, as it should be"))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mib:.0f} MiB; database: {os.environ['DATABASE_URL'].split('@')[-1]}")


if __name__ == "__main__":
    main(sys.argv[1:] or [str(REPO.parent / "shared" / "data" / "police-uk")])
