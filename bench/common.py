"""What every benchmark shares: the PostgreSQL server, the databases the run makes, the environment Django is
served with, percentiles, and running a Django command in a child process."""

import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parents[1]
PYTHON = str(REPO / ".venv" / "bin" / "python")
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432").rstrip("/")
PREFIX = "victimcare_bench_"
DEMO_OFFICERS = ["olwen.price", "gareth.lewis", "dewi.hughes", "rhian.morgan", "tom.pritchard", "emma.watkins"]
DEMO_SUPERVISOR, DEMO_PARTNERS, DEMO_ANALYST = "sara.rees", ["mair.evans", "owain.roberts"], "ffion.harries"


def database_url(name: str) -> str:
    return f"{SERVER_URL}/{name}"


def _server():
    return psycopg.connect(database_url("postgres"), autocommit=True)


def drop_database(name: str) -> None:
    if not name.startswith(PREFIX):  # only ever the run's own databases
        raise ValueError(f"not a benchmark database: {name}")
    with _server() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_database(name: str, template: str | None = None) -> None:
    """A new, empty (or a copy of `template`) database; one of the same name left by an earlier run is dropped."""
    drop_database(name)
    with _server() as connection:
        connection.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))


def database_exists(name: str) -> bool:
    with _server() as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def analyze(name: str) -> None:
    """Fresh planner statistics and visibility map (which index-only scans need), as autovacuum would soon give a
    database after a bulk load."""
    with psycopg.connect(database_url(name), autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


def serving_environment(database: str) -> dict[str, str]:
    """Production settings (DEBUG off) over plain HTTP on this machine, for the in-process pages and gunicorn alike.
    The secret key is made once per run: sessions made in the harness are valid in gunicorn's workers."""
    os.environ.setdefault("BENCH_SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("BENCH_OUTBOX_DIR", tempfile.mkdtemp(prefix="victimcare-bench-outbox-"))
    return {
        "DATABASE_URL": database_url(database),
        "DATABASE_CONN_MAX_AGE": "60",  # docs/deployment.md: a connection per worker, reused
        "DEBUG": "0",
        "SECRET_KEY": os.environ["BENCH_SECRET_KEY"],
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",  # no TLS proxy in front here
        "SECURE_COOKIES": "0",
        "API_TOKEN_RATE": "1000000/minute",  # the throttle is still checked on every request, never reached
        "NOTIFICATIONS_OUTBOX_DIR": os.environ["BENCH_OUTBOX_DIR"],  # messages the sweep sends, thrown away
        "DJANGO_SETTINGS_MODULE": "victimcare.settings",
    }


def development_environment(database: str) -> dict[str, str]:
    return {"DATABASE_URL": database_url(database), "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "victimcare.settings"}


def manage(env: dict[str, str], *args: str, quiet: bool = True) -> str:
    """`manage.py ARGS` in a child process; its output, or CalledProcessError with it."""
    completed = subprocess.run([PYTHON, "manage.py", *args], cwd=REPO, env={**os.environ, **env},  # noqa: S603
                               capture_output=True, text=True)
    if completed.returncode:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
        completed.check_returncode()
    if not quiet:
        sys.stdout.write(completed.stdout)
    return completed.stdout


def timed_command(env: dict[str, str], *args: str) -> dict:
    """Time one manage.py command inside a child process (bench/timed_command.py), without the interpreter's and
    Django's start-up: {"seconds", "peak_rss_mib", "output"}."""
    completed = subprocess.run([PYTHON, str(REPO / "bench" / "timed_command.py"), *args],  # noqa: S603
                               cwd=REPO,
                               env={**os.environ, **env}, capture_output=True, text=True)
    if completed.returncode:
        sys.stderr.write(completed.stdout[-3000:] + completed.stderr[-3000:])
        completed.check_returncode()
    return json.loads(completed.stdout.strip().splitlines()[-1])


def percentile(values: list[float], fraction: float) -> float:
    """The `fraction` quantile (0..1) of `values`, interpolated linearly between the two nearest ranks (as numpy's
    default and statistics.quantiles(method="inclusive") do)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    below = int(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def rss_mib(pid: int) -> float:
    """Resident memory of a running process now (VmRSS), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise ValueError(f"no VmRSS for process {pid}")
