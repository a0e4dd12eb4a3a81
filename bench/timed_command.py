"""Run one manage.py command in this process and print, as the last line, JSON: the seconds the command itself took
(not the interpreter's and Django's start-up), this process's peak resident memory, and the command's last lines.

    .venv/bin/python bench/timed_command.py COMMAND [ARGS...]      (DATABASE_URL etc. from the environment)
"""

import json
import os
import resource
import sys
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main(command: str, args: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    import django
    from django.core.management import call_command

    django.setup()
    output = StringIO()
    started = time.perf_counter()
    call_command(command, *args, stdout=output)
    seconds = time.perf_counter() - started
    print(json.dumps({
        "seconds": seconds,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "output": output.getvalue().splitlines()[-40:],
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
