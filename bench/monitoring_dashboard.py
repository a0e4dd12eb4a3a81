"""Benchmark: the Commissioner's figures at force scale (default: the cells of 1,000,000 cases).

    .venv/bin/python bench/monitoring_dashboard.py [--cases N] [--runs R] [--json PATH]

The dashboards read only the monitoring cells (and, for this month's overdue count, the facts of
commitments due this month), never the cases. So this builds, on a throwaway PostgreSQL database, the
cells that N cases of ten years would leave (about nine commitments a case, the real Gwent local
authorities, the police.uk crime categories, outcomes and times to meet drawn from plausible
distributions, protected characteristics and survey answers for some victims), loads them with COPY, and
times what each dashboard page asks for: p50 and p95 of R runs, and the queries each makes. It then
times the running upkeep: one commitment opened and met through the services, with those cells in place.

The full-data generator (cases, victims, timelines) is issue 9's `generate_cases`; it will feed the same
cells through `rebuild_figures` and this benchmark can then run on it unchanged.
Needs PostgreSQL: POSTGRES_SERVER_URL (default postgresql://postgres@127.0.0.1:5432).
"""

import argparse
import datetime as dt
import io
import json
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

AREAS = ["W06000019", "W06000018", "W06000021", "W06000022", "W06000020"]  # Blaenau Gwent .. Torfaen
AREA_SHARE = [0.11, 0.27, 0.15, 0.30, 0.17]
CATEGORIES = ["anti-social-behaviour", "bicycle-theft", "burglary", "criminal-damage-arson", "drugs",
              "other-theft", "possession-of-weapons", "public-order", "robbery", "shoplifting",
              "theft-from-the-person", "vehicle-crime", "violent-crime", "other-crime"]
CATEGORY_SHARE = np.array([0.0, 0.01, 0.05, 0.1, 0.03, 0.09, 0.01, 0.1, 0.01, 0.09, 0.01, 0.06, 0.39, 0.04])
# kind: (commitments a case, owner: "unit" / "service" / "team" / "witness", median minutes to meet)
KINDS = {
    "response": (0.9, "unit", 45), "written_acknowledgement": (0.95, "unit", 900),
    "contact_agreement": (0.9, "unit", 1500), "victim_update": (2.2, "unit", 6000),
    "inform_decision": (1.1, "unit", 2500), "services_information": (0.95, "unit", 900),
    "needs_assessment": (0.5, "service", 2000), "referral_to_support": (0.35, "unit", 1400),
    "referral_response": (0.3, "service", 1200), "support_contact": (0.25, "service", 2800),
    "neighbourhood_acknowledgement": (0.95, "team", 700), "inform_court_news": (0.25, "witness", 800),
    "offer_vps": (0.08, "witness", 4000), "property_return": (0.05, "unit", 9000),
    "victim_message_reply": (0.05, "unit", 1500), "complaint_acknowledgement": (0.01, "unit", 6000),
}
STANDARD = {"response": 2, "written_acknowledgement": 3, "contact_agreement": 4, "victim_update": 4,
            "inform_decision": 4, "services_information": 5, "needs_assessment": 5, "referral_to_support": 5,
            "referral_response": 5, "support_contact": 5, "neighbourhood_acknowledgement": 6,
            "inform_court_news": 8, "offer_vps": 8, "property_return": 9, "victim_message_reply": 4,
            "complaint_acknowledgement": 1}
OUTCOMES = ["met", "met_late", "missed", "waived", "open"]


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "victimcare.settings")
    import django

    django.setup()


def simulate(cases: int, months: list[dt.date], rng: np.random.Generator) -> dict:
    """Arrays describing every commitment N cases would have: one entry per commitment."""
    from victimcare.equality.groups import CHARACTERISTICS, groups

    kinds, counts = list(KINDS), []
    for kind in kinds:
        counts.append(rng.poisson(KINDS[kind][0], cases))
    per_kind = np.array([c.sum() for c in counts])
    total = int(per_kind.sum())
    kind = np.repeat(np.arange(len(kinds)), per_kind)
    case = np.concatenate([np.repeat(np.arange(cases), c) for c in counts])
    month_of_case = np.minimum(len(months) - 1, rng.integers(0, len(months), cases))
    area_of_case = rng.choice(len(AREAS), cases, p=AREA_SHARE)
    category_of_case = rng.choice(len(CATEGORIES), cases, p=CATEGORY_SHARE / CATEGORY_SHARE.sum())
    enhanced_of_case = rng.random(cases) < 0.3
    groups_of_case = {}
    for characteristic in CHARACTERISTICS:
        options = groups(characteristic)
        weights = np.linspace(2, 1, len(options))
        groups_of_case[characteristic] = (np.array(options), rng.choice(len(options), cases, p=weights / weights.sum()))
    month = month_of_case[case]
    recent = month >= len(months) - 2
    outcome = rng.choice(5, total, p=[0.76, 0.12, 0.03, 0.05, 0.04])
    outcome[recent & (rng.random(total) < 0.5)] = 4
    outcome[~recent & (outcome == 4)] = 2
    medians = np.array([KINDS[k][2] for k in kinds])[kind]
    minutes = np.ceil(medians * rng.lognormal(0, 0.8, total)).astype(np.int64)
    return {"kinds": kinds, "kind": kind, "case": case, "month": month, "area": area_of_case[case],
            "category": category_of_case[case], "enhanced": enhanced_of_case[case], "outcome": outcome,
            "minutes": minutes,
            "groups": {c: (options, chosen[case]) for c, (options, chosen) in groups_of_case.items()},
            "case_groups": groups_of_case, "case_area": area_of_case, "case_category": category_of_case,
            "case_enhanced": enhanced_of_case, "case_month": month_of_case, "total": total}


def owners(sim: dict, organisations: dict) -> np.ndarray:
    """The owning organisation of each commitment: the area's unit or team, a service, witness care."""
    kinds = sim["kinds"]
    owner_type = np.array([KINDS[k][1] for k in kinds])[sim["kind"]]
    owner = np.array(organisations["units"])[sim["area"]]
    owner = np.where(owner_type == "team", np.array(organisations["teams"])[sim["area"]], owner)
    owner = np.where(owner_type == "service", np.array(organisations["services"])[sim["case"] % 3], owner)
    return np.where(owner_type == "witness", organisations["witness"], owner)


def bucket(minutes: np.ndarray) -> np.ndarray:
    from victimcare.monitoring.facts import BUCKETS

    bounds = np.array(BUCKETS)
    return bounds[np.minimum(np.searchsorted(bounds, minutes, side="left"), len(bounds) - 1)]


def aggregate(columns: list[np.ndarray], values: dict[str, np.ndarray]) -> tuple[np.ndarray, dict]:
    keys = np.stack(columns, axis=1)
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    sums = {}
    for name, value in values.items():
        sums[name] = np.zeros(len(unique), dtype=np.int64)
        np.add.at(sums[name], inverse, value)
    return unique, sums


def copy_rows(table: str, columns: list[str], rows) -> int:
    from django.db import connection

    buffer = io.StringIO()
    count = 0
    for row in rows:
        buffer.write("\t".join(row) + "\n")
        count += 1
    buffer.seek(0)
    quoted = ", ".join(f'"{column}"' for column in columns)
    with connection.cursor() as cursor, cursor.connection.cursor().copy(
            f"COPY {table} ({quoted}) FROM STDIN") as copy:
        while chunk := buffer.read(1 << 20):
            copy.write(chunk)
    return count


def load_cells(sim: dict, months: list[dt.date], organisations: dict, rng) -> dict[str, int]:
    from victimcare.monitoring.models import ComplianceCell, FairnessCell, KindTimeToMeetCell, TimeToMeetCell

    owner = owners(sim, organisations)
    outcome_values = {name: (sim["outcome"] == index).astype(np.int64) for index, name in enumerate(OUTCOMES)}
    outcome_values["total"] = np.ones(sim["total"], dtype=np.int64)
    standard = np.array([STANDARD[k] for k in sim["kinds"]])
    kinds = np.array(sim["kinds"])
    month_text = np.array([m.isoformat() for m in months])
    written = {}

    base = [sim["month"], sim["kind"], owner, sim["area"], sim["enhanced"].astype(np.int64)]
    unique, sums = aggregate([*base, sim["category"]], outcome_values)
    written["ComplianceCell"] = copy_rows(ComplianceCell._meta.db_table, [
        "month", "kind", "standard", "organisation_id", "area", "enhanced", "category", *OUTCOMES, "total"], (
        [month_text[r[0]], kinds[r[1]], str(standard[r[1]]), str(r[2]), AREAS[r[3]], "t" if r[4] else "f",
         CATEGORIES[r[5]], *(str(sums[name][i]) for name in OUTCOMES), str(sums["total"][i])]
        for i, r in enumerate(unique)))

    rows = 0
    for characteristic, (options, chosen) in sim["groups"].items():
        unique, sums = aggregate([*base, chosen], outcome_values)
        rows += copy_rows(FairnessCell._meta.db_table, [
            "month", "kind", "standard", "organisation_id", "area", "enhanced", "characteristic", "group",
            *OUTCOMES, "total"], (
            [month_text[r[0]], kinds[r[1]], str(standard[r[1]]), str(r[2]), AREAS[r[3]], "t" if r[4] else "f",
             characteristic, options[r[5]], *(str(sums[name][i]) for name in OUTCOMES), str(sums["total"][i])]
            for i, r in enumerate(unique)))
    written["FairnessCell"] = rows

    met = sim["outcome"] <= 1
    unique, sums = aggregate([column[met] for column in (*base, sim["category"], bucket(sim["minutes"]))],
                             {"count": np.ones(int(met.sum()), dtype=np.int64)})
    written["TimeToMeetCell"] = copy_rows(TimeToMeetCell._meta.db_table, [
        "month", "kind", "standard", "organisation_id", "area", "enhanced", "category", "bucket", "count"], (
        [month_text[r[0]], kinds[r[1]], str(standard[r[1]]), str(r[2]), AREAS[r[3]], "t" if r[4] else "f",
         CATEGORIES[r[5]], str(r[6]), str(sums["count"][i])] for i, r in enumerate(unique)))
    unique, sums = aggregate([sim["month"][met], sim["kind"][met], bucket(sim["minutes"][met])],
                             {"count": np.ones(int(met.sum()), dtype=np.int64)})
    written["KindTimeToMeetCell"] = copy_rows(KindTimeToMeetCell._meta.db_table, [
        "month", "kind", "standard", "bucket", "count"], (
        [month_text[r[0]], kinds[r[1]], str(standard[r[1]]), str(r[2]), str(sums["count"][i])]
        for i, r in enumerate(unique)))
    written["SatisfactionCell"] = load_surveys(sim, months, organisations, rng)
    return written


def load_surveys(sim: dict, months: list[dt.date], organisations: dict, rng) -> int:
    from victimcare.monitoring.models import SatisfactionCell
    from victimcare.satisfaction.models import STAGES

    cases = len(sim["case_area"])
    surveyed = np.flatnonzero(rng.random(cases) < 0.12)
    updates = rng.choice(3, len(surveyed), p=[0.6, 0.3, 0.1])
    ratings = np.clip(np.rint(rng.normal(1.8 + updates[:, None] * 0.8, 0.9, (len(surveyed), len(STAGES)))), 1, 5)
    unit = np.array(organisations["units"])[sim["case_area"][surveyed]]
    month_text = [m.isoformat() for m in months]
    columns = [sim["case_month"][surveyed], unit, sim["case_area"][surveyed], sim["case_category"][surveyed],
               sim["case_enhanced"][surveyed].astype(np.int64), updates]
    values = {"answered": np.ones(len(surveyed), dtype=np.int64)}
    for s, stage in enumerate(STAGES):
        for rating in range(1, 6):
            values[f"{stage}:{rating}"] = (ratings[:, s] == rating).astype(np.int64)
    update_names = ["on_time", "late", "none"]
    count = 0
    characteristics = [("", None, None)] + [(c, options, chosen[surveyed])
                                            for c, (options, chosen) in sim["case_groups"].items()]
    for characteristic, options, chosen in characteristics:
        extra = [] if chosen is None else [chosen]
        unique, sums = aggregate([*columns, *extra], values)

        def rows(unique=unique, sums=sums, characteristic=characteristic, options=options):
            for i, r in enumerate(unique):
                ratings_json = {stage: [int(sums[f"{stage}:{k}"][i]) for k in range(1, 6)] for stage in STAGES}
                yield [month_text[r[0]], str(r[1]), AREAS[r[2]], CATEGORIES[r[3]], "t" if r[4] else "f",
                       update_names[r[5]], characteristic, options[r[6]] if options is not None else "",
                       str(sums["answered"][i]), json.dumps(ratings_json)]

        count += copy_rows(SatisfactionCell._meta.db_table, [
            "month", "organisation_id", "area", "category", "enhanced", "updates", "characteristic", "group",
            "answered", "ratings"], rows())
    return count


def load_this_months_facts(sim: dict, months: list[dt.date], organisations: dict, now) -> int:
    """Facts for the commitments due this month (what the live overdue count reads)."""
    from victimcare.charter.calendar import LONDON
    from victimcare.monitoring.models import CommitmentFact

    owner = owners(sim, organisations)
    this_month = sim["month"] == len(months) - 1
    index = np.flatnonzero(this_month)
    start = dt.datetime.combine(months[-1], dt.time(), tzinfo=LONDON)
    seconds = max(1, int((now - start).total_seconds()) * 2)
    due = [start + dt.timedelta(seconds=int(s)) for s in np.random.default_rng(7).integers(0, seconds, len(index))]
    from django.db import connection
    with connection.cursor() as cursor:  # facts need commitments: none here, so no foreign key to check
        cursor.execute(f"ALTER TABLE {CommitmentFact._meta.db_table} DROP CONSTRAINT IF EXISTS "
                       f"{_fact_fk_name(cursor)}")
    groups = sim["groups"]
    return copy_rows(CommitmentFact._meta.db_table, [
        "commitment_id", "month", "due_at", "kind", "standard", "organisation_id", "area", "category", "enhanced",
        "outcome", "minutes_to_meet", "groups"], (
        [str(10_000_000 + n), months[-1].isoformat(), due[n].isoformat(), sim["kinds"][sim["kind"][i]],
         str(STANDARD[sim["kinds"][sim["kind"][i]]]), str(owner[i]), AREAS[sim["area"][i]],
         CATEGORIES[sim["category"][i]], "t" if sim["enhanced"][i] else "f", OUTCOMES[sim["outcome"][i]], "\\N",
         json.dumps({c: str(options[chosen[i]]) for c, (options, chosen) in groups.items()})]
        for n, i in enumerate(index)))


def _fact_fk_name(cursor) -> str:
    cursor.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'monitoring_commitmentfact'::regclass "
                   "AND contype = 'f'")
    row = cursor.fetchone()
    return row[0] if row else "none"


def make_organisations() -> dict:
    from victimcare.organisations.models import Organisation

    force = Organisation.objects.create(code="bench-force", kind="force", name_en="Force")
    units = [Organisation.objects.create(code=f"bench-unit-{a}", kind="unit", name_en=f"Unit {a}", parent=force).pk
             for a in AREAS]
    teams = [Organisation.objects.create(code=f"bench-team-{a}", kind="neighbourhood_team", name_en=f"Team {a}",
                                         parent=force).pk for a in AREAS]
    services = [Organisation.objects.create(code=f"bench-service-{n}", kind="victim_service",
                                            name_en=f"Service {n}").pk for n in range(3)]
    witness = Organisation.objects.create(code="bench-witness", kind="witness_care", name_en="Witness care").pk
    return {"force": force.pk, "units": units, "teams": teams, "services": services, "witness": witness}


def timed(runs: int, call) -> dict:
    from django.db import connection, reset_queries

    times, queries = [], 0
    for _ in range(runs):
        reset_queries()
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
        queries = len(connection.queries)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1), "queries": queries}


def measure(runs: int, organisations: dict, now) -> dict:
    from django.conf import settings

    from victimcare.monitoring import exports, figures, publish

    settings.DEBUG = True  # to count queries
    year_end = figures.month_of(now)
    last_12 = figures.Filters(start=dt.date(year_end.year - 1, year_end.month, 1), end=year_end)
    ten_years = figures.Filters(start=dt.date(year_end.year - 10, year_end.month, 1), end=year_end)
    newport = replace(last_12, area="W06000022", organisation=organisations["force"])
    quarter = (year_end.month - 1) // 3 + 1
    pages = {
        "overview (by standard + monthly trend, last 12 months)": lambda: (
            publish.compliance_table(figures.compliance(last_12, "standard", now=now), "standard"),
            publish.compliance_table(figures.compliance(last_12, "month", now=now), "month")),
        "compliance by kind, ten years": lambda: figures.compliance(ten_years, "kind", now=now),
        "compliance by area, Newport + force filter": lambda: figures.compliance(newport, "area", now=now),
        "fairness by ethnicity (+ satisfaction), last 12 months": lambda: (
            publish.fairness_table(figures.fairness(last_12, "ethnicity", now=now), "ethnicity"),
            figures.satisfaction(last_12, "ethnicity")),
        "satisfaction by updates on time, last 12 months": lambda: figures.satisfaction(last_12, "updates"),
        "quarterly return": lambda: figures.quarterly_return(year_end.year, quarter, now=now),
        "quarterly report PDF (en)": lambda: exports.render_quarterly_report(year_end.year, quarter, last_12, "en"),
    }
    return {name: timed(runs, call) for name, call in pages.items()}


def measure_upkeep(changes: int) -> dict:
    """Open and meet commitments through the services with the big cells in place: the cost the monitoring
    receivers add to every change."""
    from django.utils import timezone

    from tests.factories import CrimeFactory, UserFactory, VictimFactory
    from victimcare.cases.services import open_case
    from victimcare.charter.rules import CommitmentDue, CommitmentKind
    from victimcare.charter.services import meet_commitment, open_commitment
    from victimcare.organisations.models import Organisation

    unit = Organisation.objects.get(code=f"bench-unit-{AREAS[3]}")
    officer = UserFactory(username="bench-officer")
    case = open_case(victim=VictimFactory(), crime=CrimeFactory(), unit=unit, recorded_by=officer, officer=officer)
    started = time.perf_counter()
    for n in range(changes):
        commitment = open_commitment(case, CommitmentDue(CommitmentKind.VICTIM_UPDATE,
                                                         timezone.now() + dt.timedelta(days=n % 40)))
        meet_commitment(commitment, actor=officer)
    per_change = (time.perf_counter() - started) * 1000 / (2 * changes)
    return {"changes": 2 * changes, "ms_per_change_with_upkeep": round(per_change, 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", default=str(REPO / "bench" / "results" / "monitoring_dashboard.json"))
    args = parser.parse_args()
    server = os.environ.get("POSTGRES_SERVER_URL", "postgresql://postgres@127.0.0.1:5432")
    name = f"victimcare_bench_monitoring_{os.getpid()}"
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        setup_django(f"{server}/{name}")
        from django.core.management import call_command
        from django.utils import timezone

        call_command("migrate", verbosity=0)
        now = timezone.now()
        last = now.date().replace(day=1)
        months = [dt.date(last.year - 10 + (last.month - 1 + k) // 12, (last.month - 1 + k) % 12 + 1, 1)
                  for k in range(1, 121)]
        rng = np.random.default_rng(20261207)
        organisations = make_organisations()
        started = time.perf_counter()
        sim = simulate(args.cases, months, rng)
        cells = load_cells(sim, months, organisations, rng)
        facts = load_this_months_facts(sim, months, organisations, now)
        from django.db import connection
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        load_seconds = time.perf_counter() - started
        results = {"cases": args.cases, "commitments": sim["total"], "cells": cells, "facts_this_month": facts,
                   "build_seconds": round(load_seconds, 1), "pages": measure(args.runs, organisations, now),
                   "upkeep": measure_upkeep(100)}
    finally:
        from django.db import connections
        connections.close_all()
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name}")
    print(f"{results['cases']:,} cases, {results['commitments']:,} commitments -> "
          + ", ".join(f"{k} {v:,}" for k, v in results["cells"].items())
          + f"; this month's facts {results['facts_this_month']:,}; built in {results['build_seconds']} s")
    print(f"{'page':60} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
    for page, figures_ in results["pages"].items():
        print(f"{page:60} {figures_['p50_ms']:>8} {figures_['p95_ms']:>8} {figures_['queries']:>8}")
    print(f"upkeep: {results['upkeep']['ms_per_change_with_upkeep']} ms per commitment change "
          f"({results['upkeep']['changes']} changes through the services)")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
