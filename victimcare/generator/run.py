"""Generate N cases over the chosen years, day by day in time order (so crime references run in order and
repeat victims come back), in batches each written in one transaction with its figures."""

import calendar
import math
import multiprocessing
import pickle  # nosec B403  (only between this process and its own forked child)
import random
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from importlib import import_module

from django.db import connection, connections, reset_queries, transaction
from django.utils import timezone

from victimcare.accounts.models import User
from victimcare.charter.calendar import LONDON
from victimcare.demo.loader import demo_exists, load_demo
from victimcare.firstcontact.models import CrimeReferenceCounter
from victimcare.generator import core
from victimcare.generator.context import DEFAULT_DATA, Context, load_context, units_with_officers
from victimcare.generator.figures import Figures
from victimcare.generator.rows import IdCounters, Rows, last_ids, write
from victimcare.organisations.models import Membership, Organisation

# Each domain part: `prepare(ctx)` once (reads what it needs into ctx.extra), then `add(life, ctx)` per case,
# after the police's part and before the case closes.
DOMAINS = tuple(f"victimcare.generator.domains.{name}" for name in (
    "support", "neighbourhood", "sharing", "multiagency", "court", "property", "satisfaction"))
BATCH = 5000
# Hours of the day crimes are reported in, from quiet small hours to the busy afternoon and evening.
HOUR_WEIGHTS = (2, 1.5, 1, 1, 1, 1, 1.5, 2.5, 3.5, 4, 4.5, 4.5, 5, 5, 5.5, 6, 6.5, 6.5, 6, 5.5, 5, 4.5, 3.5, 3)
OPEN_CASES_PER_OFFICER = 20


@dataclass
class GenerationReport:
    cases: int = 0
    rows: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    officers_added: int = 0
    cells: int = 0  # cell moves applied, batch by batch (a cell moved by several batches counts once in each)
    waiting_seconds: float = 0.0  # the writer waiting for the next batch to be made

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def rows_per_second(self) -> float:
        return self.total_rows / self.seconds if self.seconds else 0.0


def generate(cases: int, *, years: int = 10, seed: int = 1, now: datetime | None = None, batch: int = BATCH,
             data_folder=DEFAULT_DATA, progress=None, parallel: bool = True,
             domains: tuple[str, ...] = DOMAINS) -> GenerationReport:
    """Generate `cases` cases reported over the `years` years up to `now`, on top of the demo (loaded first if
    it is not there: its organisations, staff, directory and stores are what the cases belong to).

    With `parallel`, the cases are made in a second process while this one writes the batch before: the
    making and the database's work overlap, each on its own core."""
    now = now or timezone.now()
    if not demo_exists():
        load_demo(now=now)
    report = GenerationReport()
    started = time.perf_counter()
    ctx = load_context(now, data_folder)
    report.officers_added = add_officers(ctx, cases, years)
    domains = [import_module(name) for name in domains]
    for domain in domains:
        domain.prepare(ctx)
    plan = Plan(ctx, domains, cases, years, seed, batch, IdCounters(last_ids()), ReferenceNumbers())
    batches = in_another_process(make_batches, plan) if parallel else make_batches(plan)
    while True:
        waited = time.perf_counter()
        made = next(batches, None)
        report.waiting_seconds += time.perf_counter() - waited
        if made is None:
            break
        with transaction.atomic():
            write(made.rows, made.batch_start)
            report.cells += made.figures.apply()
            ReferenceNumbers.save(made.references)
        reset_queries()  # with DEBUG on, the log of the last 9,000 statements would hold each batch's big upserts
        report.cases += made.cases
        report.rows.update({name: len(rows) for name, (_, rows) in made.rows.items()})
        if progress and made.cases:
            progress(report, time.perf_counter() - started)
    _analyze(report.rows)
    report.seconds = time.perf_counter() - started
    return report


def _analyze(tables) -> None:
    """Planner statistics for the tables just filled, as after any bulk load: until autovacuum gets to them,
    PostgreSQL plans every query on them as if each value matched a tenth of the rows (a case's 50 timeline
    entries were read with a parallel scan of the table, 270 ms at a million cases, 1.5 ms once analysed). And,
    outside a transaction, VACUUM: the visibility map that index-only scans need (the team view's)."""
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"  # VACUUM cannot run in a transaction
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")


@dataclass
class Plan:
    ctx: Context
    domains: list
    cases: int
    years: int
    seed: int
    batch: int
    ids: IdCounters
    references: "ReferenceNumbers"


@dataclass
class Batch:
    """One transaction's worth: {table: (model label, rows)}, where each table's ids started, the crime
    reference counters, and the moves of the figures' cells for its cases."""

    rows: dict
    batch_start: dict
    references: dict
    cases: int
    figures: Figures


def make_batches(plan: Plan):
    """Every case, in time order, as batches; touches no database."""
    ctx, rng = plan.ctx, random.Random(plan.seed)  # noqa: S311 - made-up data, not security  # nosec B311
    pool, figures, ids = core.VictimPool(), Figures(), plan.ids
    rows, made = Rows(ids), 0
    for reported_at in report_times(rng, plan.cases, plan.years, ctx.now, ctx):
        life = core.build_case(ctx, rows, rng, pool, reported_at, plan.references.issue(reported_at))
        core.live_case(ctx, life)
        for domain in plan.domains:
            domain.add(life, ctx)
        core.close_case(life)
        dimensions = figures.dimensions(life, life.facts["victim"])
        figures.count_commitments(life, dimensions)
        for survey_id, answered_at, ratings in life.facts.get("surveys", ()):
            figures.count_survey(life, dimensions, survey_id, answered_at, ratings)
        made += 1
        if made == plan.batch:
            yield Batch(rows.by_table, ids.batch_start, dict(plan.references.last), made, figures)
            ids.begin_batch()
            rows, made, figures = Rows(ids), 0, Figures()
    yield Batch(rows.by_table, ids.batch_start, dict(plan.references.last), made, figures)


def in_another_process(produce, plan: Plan, queued: int = 2):
    """Run the generator function `produce(plan)` in a forked process, yielding what it yields. The child
    must not touch the database: the parent's connection is closed first and reopened by the parent."""
    connections.close_all()
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=queued)
    child = context.Process(target=_produce_into, args=(produce, plan, queue), daemon=True)
    child.start()
    try:
        while True:
            item = pickle.loads(queue.get())  # noqa: S301 - from our own child process  # nosec B301
            if item == _DONE:
                break
            if isinstance(item, _Failed):
                raise RuntimeError(f"Generating cases failed:\n{item.traceback}")
            yield item
    finally:
        child.join(timeout=5)
        if child.is_alive():
            child.terminate()


_DONE = "done"


@dataclass
class _Failed:
    traceback: str


def _produce_into(produce, plan: Plan, queue) -> None:
    # Pickled here, not by the queue's feeder thread, so that a failure to pickle is reported, not lost.
    try:
        for item in produce(plan):
            queue.put(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
    except BaseException:
        queue.put(pickle.dumps(_Failed(traceback.format_exc())))
        return
    queue.put(pickle.dumps(_DONE))


class ReferenceNumbers:
    """Crime references as first contact issues them, GW/YYYY/NNNNNN, carrying on from the counter."""

    def __init__(self):
        self.last = dict(CrimeReferenceCounter.objects.values_list("year", "last_number"))

    def issue(self, reported_at: datetime) -> str:
        year = reported_at.astimezone(LONDON).year
        self.last[year] = self.last.get(year, 0) + 1
        return f"GW/{year}/{self.last[year]:06d}"

    @staticmethod
    def save(last: dict[int, int]) -> None:
        for year, number in last.items():
            CrimeReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": number})


def report_times(rng: random.Random, cases: int, years: int, now: datetime, ctx: Context):
    """`cases` moments in time order over the `years` years to `now`, in the real months' proportions."""
    first = (now - timedelta(days=round(years * 365.25))).astimezone(LONDON).date() + timedelta(days=1)
    last = now.astimezone(LONDON).date()
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    weights = [ctx.mix.month_weights[day.month - 1] / calendar.monthrange(day.year, day.month)[1] for day in days]
    scale = cases / sum(weights)
    expected, given = 0.0, 0
    for day, weight in zip(days, weights, strict=True):
        expected += weight * scale
        count = round(expected) - given
        given += count
        moments = (_moment(rng, day) for _ in range(count))
        # Today's reports are all in the past: a time still to come today becomes one in the last hour.
        yield from sorted(moment if moment < now else now - timedelta(seconds=rng.uniform(60, 3600))
                          for moment in moments)


def _moment(rng: random.Random, day: date) -> datetime:
    hour = rng.choices(range(24), HOUR_WEIGHTS)[0]
    local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=LONDON)
    return local.astimezone(UTC)


def add_officers(ctx: Context, cases: int, years: int) -> int:
    """Enough officers in each policing-area unit for about OPEN_CASES_PER_OFFICER open cases each (cases stay
    open about two months), in proportion to the area's crime: more staff, not more cases per demo officer, as
    the data grows. Refreshes ctx.units."""
    per_day = cases / max(years * 365.25, 1)
    share = Counter(place.local_authority_code for place in ctx.places)
    added = 0
    for unit in Organisation.objects.filter(kind=Organisation.Kind.UNIT, local_authority__isnull=False):
        have = Membership.objects.filter(organisation=unit, role=Membership.Role.OFFICER).count()
        open_cases = per_day * 60 * share[unit.local_authority_id] / len(ctx.places)
        wanted = math.ceil(open_cases / OPEN_CASES_PER_OFFICER)
        new = [User(username=f"officer.{unit.code}.{number:04d}", first_name="Officer", last_name=f"{number:04d}",
                    email=f"officer.{number:04d}.{unit.code}@gwent-police.example")
               for number in range(have + 1, wanted + 1)]
        for user in new:
            user.set_unusable_password()  # generated officers never sign in
        User.objects.bulk_create(new)
        Membership.objects.bulk_create([Membership(user=user, organisation=unit, role=Membership.Role.OFFICER)
                                        for user in User.objects.filter(username__in=[u.username for u in new])])
        added += len(new)
    ctx.units = units_with_officers()
    return added
