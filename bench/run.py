"""Victim Care's benchmarks on PostgreSQL, in one command (bench/README.md):

    .venv/bin/python bench/run.py [--cases N] [--reuse [DATABASE]] [--out bench/results/NAME.json]
    .venv/bin/python bench/run.py --only import-load [--repeat N]     (import_police_uk's load rate alone)

1. load rates of the case generator and of import_police_uk beside a plain COPY of the same rows (bench/load.py);
2. server time and queries of the pages people wait for (bench/pages.py);
3. case-page throughput under concurrent load over HTTP beside a trivial view (bench/throughput.py);
4. the overdue sweep, a day ahead, then the next scheduled round 5 minutes on, by two task workers (bench/sweep.py);
5. memory of a web worker and of the task workers after their part.
Prints a table and writes the same as JSON. The generated database (victimcare_bench_<N>) is kept for --reuse;
every other database the run makes is dropped.
"""

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import (
    DEMO_OFFICERS,
    PREFIX,
    REPO,
    analyze,
    create_database,
    database_exists,
    drop_database,
    manage,
    serving_environment,
    timed_command,
)

POLICE_UK = REPO.parent / "shared" / "data" / "police-uk"
GENERATOR = REPO / "victimcare" / "generator" / "management" / "commands" / "generate_cases.py"


def make_base(base: str) -> str:
    """Migrated, with what loads build on: the generator's base (organisations, staff, areas), or, before the
    generator exists, the demo data. Says which."""
    env = serving_environment(base)
    create_database(base)
    manage(env, "migrate", "--no-input")
    if GENERATOR.exists():
        manage(env, "generate_cases", "--cases", "0")
        return "generate_cases --cases 0"
    manage(env, "load_demo")
    return "load_demo (no generator yet)"


def measure_generator(args, base: str, bench_db: str, folder: Path) -> list[dict]:
    """The generator's rate beside the COPY ceiling, on at most --ceiling-cases cases (the ceiling needs a second
    copy of every row on disk); above that, the kept database's generation is timed too, alone."""
    from load import measure_load

    def generate(cases: int):
        options = ["--cases", str(cases), "--seed", str(args.seed)]
        options += ["--years", str(args.years)] if args.years else []
        return lambda db: timed_command(serving_environment(db), "generate_cases", *options)

    measured = []
    if args.ceiling_cases < args.cases:
        beside = f"{PREFIX}ceiling_{args.ceiling_cases}"
        print(f"Timing generate_cases --cases {args.ceiling_cases} beside COPY ...", flush=True)
        measured.append(measure_load("generate_cases", base, beside, generate(args.ceiling_cases), folder).as_dict())
        drop_database(beside)
        print(f"Timing generate_cases --cases {args.cases} ...", flush=True)
        measured.append(measure_load("generate_cases", base, bench_db, generate(args.cases), None).as_dict())
    else:
        print(f"Timing generate_cases --cases {args.cases} beside COPY ...", flush=True)
        measured.append(measure_load("generate_cases", base, bench_db, generate(args.cases), folder).as_dict())
    return measured


def measure_import(base: str, folder: Path) -> dict:
    from load import measure_load

    print("Timing import_police_uk ...", flush=True)
    imported = measure_load("import_police_uk", base, f"{PREFIX}import", lambda db: timed_command(
        serving_environment(db), "import_police_uk", str(POLICE_UK)), folder)
    drop_database(f"{PREFIX}import")
    return imported.as_dict() | {"load_average_after": load_average()}


def measure_loads(args, bench_db: str) -> dict:
    """The loads' rates; with --only import-load, import_police_uk's alone, --repeat times (no generated database)."""
    base = f"{PREFIX}base"
    folder = Path(tempfile.mkdtemp(prefix="victimcare-bench-rows-"))
    loads = {}
    try:
        print(f"Making the base database {base} ...", flush=True)
        loads["base"] = make_base(base)
        loads["loaders"] = [measure_import(base, folder) for _ in range(args.repeat if args.only else 1)]
        if args.only:
            return loads
        if GENERATOR.exists():
            loads["loaders"][:0] = measure_generator(args, base, bench_db, folder)
        else:
            create_database(bench_db, template=base)
        print(f"VACUUM ANALYZE {bench_db} ...", flush=True)
        analyze(bench_db)
    finally:
        drop_database(base)
        drop_database(f"{PREFIX}import")
        shutil.rmtree(folder, ignore_errors=True)
    return loads


def machine() -> dict:
    import psycopg
    from common import database_url

    with psycopg.connect(database_url("postgres")) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kib = int(Path("/proc/meminfo").read_text().split()[1])
    commit = subprocess.run([shutil.which("git") or "git", "rev-parse", "--short", "HEAD"],  # noqa: S603
                            cwd=REPO, capture_output=True, text=True).stdout
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory_kib / 2**20, 1),
            "postgresql": postgres, "python": platform.python_version(), "commit": commit.strip(),
            "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "load_average_before": load_average()}


def load_average() -> list[float]:
    """The machine's 1, 5 and 15 minute load averages: anything else running slows every figure here."""
    return [float(value) for value in Path("/proc/loadavg").read_text().split()[:3]]


def in_process(bench_db: str) -> None:
    os.environ.update(serving_environment(bench_db))
    os.environ["LOG_LEVEL"] = "WARNING"  # no request log line to stderr for each timed page
    import django

    django.setup()


def measure(args, bench_db: str, results: dict) -> None:
    from pages import case_section_paths, measure_pages, sample_cases, staff_client
    from sweep import measure_sweep
    from throughput import measure_throughput

    from victimcare.cases.models import Case

    results["cases"] = Case.objects.count()
    print(f"Timing pages ({args.requests} requests each) ...", flush=True)
    results["pages"] = [page.as_dict() for page in measure_pages(args.requests, args.warm_up)]
    print(f"Timing case-page throughput over HTTP ({args.workers} gunicorn workers) ...", flush=True)
    officer = DEMO_OFFICERS[0]
    cookie = f"sessionid={staff_client(officer).cookies['sessionid'].value}"
    case_ids = sample_cases(500, visible_to=officer)
    case_paths = [f"/cases/{pk}/" for pk in case_ids]
    section_paths = [path for pk in case_ids for path in case_section_paths(pk).values()]
    results["throughput"] = measure_throughput(serving_environment(bench_db), case_paths, section_paths, cookie,
                                               workers=args.workers, seconds=args.http_seconds,
                                               connections=args.connections)
    print("Timing the overdue sweep, a day ahead, through two task workers ...", flush=True)
    results["sweep"] = measure_sweep(serving_environment(bench_db))
    results["memory"] = {"web_worker_rss_mib": max(results["throughput"]["web_worker_rss_mib"]),
                         "task_worker_rss_mib": max(results["sweep"]["rss_mib"],
                                                    *results["sweep"]["other_workers_rss_mib"])}


def table(results: dict) -> str:
    cases = "" if results["arguments"]["only"] else f", {results.get('cases', '?'):,} cases"
    lines = [f"Victim Care benchmarks: {results['database']}{cases}; "
             f"{results['machine']['cpu']}, {results['machine']['cores']} cores, "
             f"PostgreSQL {results['machine']['postgresql']}, commit {results['machine']['commit']}",
             f"Load average (1, 5, 15 min) before: {results['machine']['load_average_before']}, "
             f"after: {results['machine']['load_average_after']}", ""]
    if results.get("load"):
        lines += [f"Load rates (base: {results['load']['base']})",
                  f"  {'loader':<18}{'rows':>12}{'seconds':>10}{'rows/s':>10}{'COPY rows/s':>13}{'ratio':>8}"]
        for load in results["load"]["loaders"]:
            ceiling = load["copy_rows_per_second"]
            lines.append(f"  {load['loader']:<18}{load['rows']:>12,}{load['seconds']:>10.1f}"
                         f"{load['rows_per_second']:>10,}"
                         + (f"{ceiling:>13,}{load['ratio']:>8.2f}" if ceiling else f"{'(not run)':>13}{'':>8}"))
        lines.append("")
    if "pages" not in results:  # --only import-load
        return "\n".join(lines)
    lines += ["Server time (ms) and queries per request",
              f"  {'page':<25}{'path':<24}{'n':>5}{'p50':>8}{'p95':>8}{'p99':>8}{'queries':>9}"]
    for page in results["pages"]:
        queries = str(page["queries_max"]) if page["queries_min"] == page["queries_max"] else \
            f"{page['queries_min']}-{page['queries_max']}"
        lines.append(f"  {page['page']:<25}{page['path']:<24}{page['requests']:>5}{page['p50_ms']:>8.1f}"
                     f"{page['p95_ms']:>8.1f}{page['p99_ms']:>8.1f}{queries:>9}"
                     + (f"  FAILURES: {page['failures']}" if page["failures"] else ""))
    http = results["throughput"]
    lines += ["", f"Throughput over HTTP ({http['workers']} gunicorn workers, {http['connections']} connections)",
              f"  case page    {http['case_page']['requests_per_second']:>8.1f} req/s "
              f"(p50 {http['case_page']['latency_p50_ms']} ms, {http['distinct_cases']} different cases: the summary)",
              f"  every section {http['case_sections']['requests_per_second']:>7.1f} req/s "
              f"(p50 {http['case_sections']['latency_p50_ms']} ms: each case's six sections in turn)",
              f"  signed in    {http['signed_in_view']['requests_per_second']:>8.1f} req/s "
              f"({http['signed_in_view']['path']}: a trivial view, signed in)",
              f"  live check   {http['trivial_view']['requests_per_second']:>8.1f} req/s "
              f"({http['trivial_view']['path']}: a trivial view, no session)",
              f"  ratio        {http['ratio']:>8.2f} (case page / signed-in trivial view; "
              f"{http['ratio_to_live_check']:.2f} of the live check)",
              f"  sections     {http['sections_ratio']:>8.2f} (every section / signed-in trivial view)"]
    errors = (http["case_page"]["status_errors"] + http["case_sections"]["status_errors"]
              + http["trivial_view"]["status_errors"]
              + http["signed_in_view"]["status_errors"])
    if errors:
        lines.append(f"  ERRORS: {errors} responses were not 2xx/3xx or timed out")
    sweep = results["sweep"]
    scheduled = sweep["scheduled_round"]
    shares = ", ".join(f"{each['recorded']:,} in {each['seconds']:.2f} s" for each in sweep["sweeps"])
    lines += ["", f"Overdue sweep as of {sweep['as_of'][:16]} (a day's catch-up): {sweep['recorded']:,} recorded in "
                  f"{sweep['seconds']:.2f} s by {sweep['workers']} task workers (each sweep: {shares})",
              f"  then the next scheduled round, {scheduled['minutes']:g} minutes later: "
              f"{scheduled['recorded']:,} recorded in {scheduled['seconds']:.2f} s",
              "", "Memory (RSS) after the run",
              f"  web worker  {results['memory']['web_worker_rss_mib']:.0f} MiB (largest of "
              f"{http['workers']}: {http['web_worker_rss_mib']})",
              f"  task worker {results['memory']['task_worker_rss_mib']:.0f} MiB (the largest after the sweep: "
              f"{sweep['rss_mib']:.0f}, peak {sweep['peak_rss_mib']:.0f}, and {sweep['other_workers_rss_mib']})"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases to generate (default 1,000,000)")
    parser.add_argument("--years", type=int, help="years the cases span (default: the generator's)")
    parser.add_argument("--seed", type=int, default=1, help="the generator's random seed (default 1)")
    parser.add_argument("--ceiling-cases", type=int, default=100_000,
                        help="the generator's COPY ceiling is measured on a generation of at most this many cases "
                             "(default 100,000: at 1,000,000 a second copy of every row does not fit on the disk)")
    parser.add_argument("--replace", action="store_true",
                        help="drop and generate again a victimcare_bench_<cases> database that exists")
    parser.add_argument("--reuse", nargs="?", const="", metavar="DATABASE",
                        help="time pages, HTTP and the sweep on an existing generated database "
                             "(default victimcare_bench_<cases>): no loads")
    parser.add_argument("--out", type=Path, help="the JSON file (default bench/results/<database>-<time>.json)")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per page (default 100)")
    parser.add_argument("--warm-up", type=int, default=10, help="untimed requests per page first (default 10)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent HTTP connections (default 8)")
    parser.add_argument("--http-seconds", type=int, default=20, help="seconds of load per view (default 20)")
    parser.add_argument("--only", choices=["import-load"],
                        help="import-load: only import_police_uk's load rate beside plain COPY (on a copy of the "
                             "base, then dropped); no generation, pages, HTTP or sweep")
    parser.add_argument("--repeat", type=int, default=1,
                        help="with --only import-load: time it this many times, one after the other (default 1)")
    args = parser.parse_args()

    bench_db = "import-load" if args.only else args.reuse or f"{PREFIX}{args.cases}"
    arguments = vars(args) | {"out": str(args.out) if args.out else None}
    results = {"database": bench_db, "machine": machine(), "arguments": arguments}
    if args.only:
        results["load"] = measure_loads(args, bench_db)
        finish(results, bench_db)
        return
    if args.reuse is not None:
        if not database_exists(bench_db):
            sys.exit(f"No database {bench_db}: run without --reuse first.")
    else:
        if database_exists(bench_db) and not args.replace:
            sys.exit(f"{bench_db} exists: time it with --reuse, or generate it again with --replace.")
        results["load"] = measure_loads(args, bench_db)
    manage(serving_environment(bench_db), "migrate", "--no-input")  # a reused database may be behind the code
    if args.reuse is not None:
        analyze(bench_db)  # it may have been loaded outside this command and never analysed
    manage(serving_environment(bench_db), "collectstatic", "--no-input")  # DEBUG off serves the hashed files
    in_process(bench_db)
    try:
        measure(args, bench_db, results)
    finally:
        shutil.rmtree(os.environ["BENCH_OUTBOX_DIR"], ignore_errors=True)
    finish(results, bench_db)


def finish(results: dict, bench_db: str) -> None:
    """Print the table and write the JSON."""
    results["machine"]["load_average_after"] = load_average()
    print()
    print(table(results))
    out = results["arguments"]["out"]
    out = Path(out) if out else REPO / "bench" / "results" / f"{bench_db}-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWritten to {out}." + ("" if results["arguments"]["only"] else
                                    f" The database {bench_db} is kept: --reuse {bench_db} times it again."))


if __name__ == "__main__":
    main()
