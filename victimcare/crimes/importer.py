"""Import data.police.uk street and outcomes CSV files: crimes, and the outcomes on their timelines.

Street rows become Crime rows, outcomes rows become OUTCOME timeline events on the crime. Rows are read
in batches; each batch costs a fixed handful of queries (look up what is already there, bulk insert the
rest), so a second run of the same files adds nothing and says so. Rows that cannot be loaded are counted
under a reason (see SKIP_*).
"""

import csv
import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from functools import lru_cache, partial
from itertools import islice
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Q

from victimcare.areas import locate
from victimcare.areas.loading import ensure_areas_loaded
from victimcare.areas.models import Lsoa, Ward
from victimcare.cases.models import TimelineEvent
from victimcare.crimes.bulk import insert_all_or_none, insert_ignoring_conflicts, one_of
from victimcare.crimes.models import Crime
from victimcare.crimes.offences import CATEGORY_BY_POLICE_UK_NAME

LONDON = ZoneInfo("Europe/London")
BATCH_SIZE = 400  # rows per batch; keeps every IN (...) list under SQLite's oldest 999-variable limit
POSTGRESQL_BATCH_SIZE = 10_000  # no such limit there, and each batch's queries and COPY cost less per row
REFERENCE_PREFIX = "PUK-"

STREET = "street"
OUTCOMES = "outcomes"

SKIP_NO_CRIME_ID = "no crime ID"
SKIP_UNKNOWN_LSOA = "unknown LSOA"
SKIP_NO_LOCATION = "no location"
SKIP_DUPLICATE_CRIME = "duplicate crime ID"
SKIP_CRIME_NOT_LOADED = "outcome for a crime not loaded"
SKIP_UNKNOWN_CRIME_TYPE = "unknown crime type"
SKIP_DUPLICATE_OUTCOME = "duplicate outcome row"
SKIP_BAD_MONTH = "no readable month"


class NotPoliceUkFile(ValueError):
    """The path is not a data.police.uk street or outcomes CSV file, or a folder of them."""


# Reading files ---------------------------------------------------------------------------------


def file_kind(path: Path) -> str | None:
    """STREET or OUTCOMES from the header row; None for any other CSV (e.g. stop and search)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    if "Crime ID" not in header:
        return None
    if "Crime type" in header:
        return STREET
    if "Outcome type" in header:
        return OUTCOMES
    return None


def find_files(paths: Iterable[Path]) -> dict[str, list[Path]]:
    """The street and outcomes files in `paths` (files, or folders searched recursively), each sorted."""
    found: dict[str, list[Path]] = {STREET: [], OUTCOMES: []}
    for path in paths:
        if not path.exists():
            raise NotPoliceUkFile(f"No such file or folder: {path}")
        candidates = sorted(path.rglob("*.csv")) if path.is_dir() else [path]
        for candidate in candidates:
            kind = file_kind(candidate)
            if kind is not None:
                found[kind].append(candidate)
            elif not path.is_dir():
                raise NotPoliceUkFile(f"Not a data.police.uk street or outcomes file: {path}")
    return {kind: sorted(set(files)) for kind, files in found.items()}


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Each row as {column name: value}, names and values stripped, as csv.DictReader reads it: a short row's
    missing values are "", values beyond the header and columns with no name are left out, blank lines skipped."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        width = len(header)
        named = [index for index, name in enumerate(header) if name]
        names = [header[index].strip() for index in named]
        every_column_named = len(named) == width
        for row in reader:
            if len(row) != width:
                if not row:
                    continue
                row = (row + [""] * width)[:width]
            if every_column_named:
                yield dict(zip(names, map(str.strip, row), strict=True))
            else:
                yield {name: row[index].strip() for name, index in zip(names, named, strict=True)}


class Table(NamedTuple):
    """A CSV file's rows as read_rows reads them, but each a list of the values rather than a dict (no dict made
    and looked up for each row), and where each named column is in them."""

    positions: dict[str, int]  # by the column's name; of a name the header repeats, the last, as in a dict
    rows: Iterator[list[str]]  # one at a time, read once; every row ends with one more "", where position() points
    # for a column the file does not have

    def position(self, name: str) -> int:
        """Where the column called `name` is in each row: for a column the file does not have, the "" at the end
        (read_rows' dict.get(name, ""))."""
        return self.positions.get(name, -1)

    def values_getter(self, names: Iterable[str]) -> Callable[[list[str]], tuple[str, ...]]:
        """A function from a row to the values of the columns `names`, in that order."""
        positions = [self.position(name) for name in names]
        if len(positions) == 1:
            (position,) = positions
            return lambda row: (row[position],)
        return itemgetter(*positions)


def read_table(path: Path) -> Table:
    """The file's rows as a Table."""
    lines = header_and_rows(path)
    header = next(lines)
    return Table({name.strip(): index for index, name in enumerate(header) if name}, lines)


def header_and_rows(path: Path) -> Iterator[list[str]]:
    """The header row, then each row as Table.rows has it."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, [])
        yield header
        width = len(header)
        for row in reader:
            if len(row) != width:
                if not row:
                    continue
                row = (row + [""] * width)[:width]
            row.append("")
            yield list(map(str.strip, row))


def batches(rows: Iterable, size: int | None = None) -> Iterator[list]:
    if size is None:
        size = POSTGRESQL_BATCH_SIZE if connection.vendor == "postgresql" else BATCH_SIZE
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


# Parsing single values ---------------------------------------------------------------------------


@lru_cache(maxsize=256)
def parse_month(text: str) -> date | None:
    try:
        return datetime.strptime(text, "%Y-%m").date()  # noqa: DTZ007 - a month, not an instant
    except ValueError:
        return None


@lru_cache(maxsize=256)
def noon_on_first_day(month: date) -> datetime:
    return datetime.combine(month, time(12, 0), tzinfo=LONDON)


@lru_cache(maxsize=65_536)  # data.police.uk snaps crimes to map points: most coordinates repeat
def parse_coordinate(text: str) -> Decimal | None:
    try:
        return Decimal(text).quantize(Decimal("0.000001")) if text else None
    except InvalidOperation:
        return None


def crime_reference(police_uk_id: str) -> str:
    return REFERENCE_PREFIX + police_uk_id[:12].upper()


def outcome_source_key(row: dict[str, str]) -> str:
    """A stable hash of the whole row (column names and values), whatever the column order."""
    canonical = "\x1f".join(map("=".join, sorted(row.items())))  # "name=value", by name
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def outcome_source_keys(table: Table) -> Callable[[list[str]], str]:
    """outcome_source_key of each of the table's rows (of what read_rows reads it as), the columns sorted by name
    once for the whole file rather than for each row."""
    names = sorted(table.positions)
    prefixes = [f"{name}=" for name in names]
    values = table.values_getter(names)
    sha256 = hashlib.sha256

    def source_key(row: list[str]) -> str:
        return sha256("\x1f".join(map(str.__add__, prefixes, values(row))).encode("utf-8")).hexdigest()

    return source_key


# The report ------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    rows_read: dict[str, int] = field(default_factory=dict)
    crimes_loaded: int = 0
    crimes_already_present: int = 0
    outcomes_loaded: int = 0
    outcomes_already_present: int = 0
    last_outcomes_updated: int = 0
    skipped: Counter = field(default_factory=Counter)
    areas_loaded: bool = False

    @property
    def changed_anything(self) -> bool:
        return bool(self.crimes_loaded or self.outcomes_loaded or self.last_outcomes_updated)

    def lines(self) -> list[str]:
        lines = [f"Read {count} rows from {name}" for name, count in self.rows_read.items()]
        lines += [
            f"Crimes loaded: {self.crimes_loaded}",
            f"Outcomes loaded: {self.outcomes_loaded}",
            f"Already present: {self.crimes_already_present} crimes, {self.outcomes_already_present} outcomes",
            f"Last outcome brought up to date: {self.last_outcomes_updated} crimes",
        ]
        lines += [f"Skipped, {reason}: {count}" for reason, count in self.skipped.most_common()]
        if not self.changed_anything:
            lines.append("Nothing new: everything in these files was already loaded.")
        return lines


# Street rows -> crimes ---------------------------------------------------------------------------


@dataclass
class StreetContext:
    """What parsing street rows needs to know, loaded once per import."""

    local_authority_by_lsoa: dict[str, str]
    ward_codes: set[str]
    seen_crime_ids: set[str] = field(default_factory=set)

    @classmethod
    def load(cls) -> "StreetContext":
        return cls(
            local_authority_by_lsoa=dict(Lsoa.objects.values_list("code", "local_authority_id")),
            ward_codes=set(Ward.objects.values_list("code", flat=True)),
        )


class StreetRow(NamedTuple):
    """The values of a street row that the import reads, each "" where the file has no such column."""

    crime_id: str
    month: str
    crime_type: str
    longitude: str
    latitude: str
    location: str
    lsoa_code: str
    last_outcome: str
    context: str


STREET_COLUMNS = StreetRow(
    crime_id="Crime ID",
    month="Month",
    crime_type="Crime type",
    longitude="Longitude",
    latitude="Latitude",
    location="Location",
    lsoa_code="LSOA code",
    last_outcome="Last outcome category",
    context="Context",
)


def street_rows(table: Table) -> Iterator[StreetRow]:
    return map(StreetRow._make, map(table.values_getter(STREET_COLUMNS), table.rows))


def street_skip_reason(row: StreetRow, context: StreetContext) -> str | None:
    """Why a street row cannot become a crime, or None if it can, but for a crime ID seen before (see
    import_street_rows): this depends on nothing but the row, so it is worked out while the file before loads."""
    if not row.crime_id:
        return SKIP_NO_CRIME_ID
    if row.crime_type not in CATEGORY_BY_POLICE_UK_NAME:
        return SKIP_UNKNOWN_CRIME_TYPE
    if parse_month(row.month) is None:
        return SKIP_BAD_MONTH
    if not row.lsoa_code:
        return SKIP_NO_LOCATION
    if row.lsoa_code not in context.local_authority_by_lsoa:
        return SKIP_UNKNOWN_LSOA
    return None


@dataclass(slots=True)
class NewCrime:
    """A crime to insert: the Crime fields the import sets (the rest take their defaults)."""

    reference: str
    police_uk_id: str
    category: str
    month: date
    longitude: Decimal | None
    latitude: Decimal | None
    location_description: str
    lsoa_id: str
    local_authority_id: str
    last_outcome: str
    context: str
    ward_id: str | None = None


NEW_CRIME_FIELDS = [f.name for f in fields(NewCrime)]
new_crime_values = attrgetter(*NEW_CRIME_FIELDS)


def crime_from_row(row: StreetRow, context: StreetContext) -> NewCrime:
    return NewCrime(
        reference=crime_reference(row.crime_id),
        police_uk_id=row.crime_id,
        category=CATEGORY_BY_POLICE_UK_NAME[row.crime_type].slug,
        month=parse_month(row.month),
        longitude=parse_coordinate(row.longitude),
        latitude=parse_coordinate(row.latitude),
        location_description=row.location[:200],
        lsoa_id=row.lsoa_code,
        local_authority_id=context.local_authority_by_lsoa[row.lsoa_code],
        last_outcome=row.last_outcome[:200],
        context=row.context,
    )


def assign_wards(crimes: list[NewCrime], ward_codes: set[str]) -> None:
    """Set each crime's ward by point-in-polygon on its coordinates, in one tree query."""
    placed = [crime for crime in crimes if crime.longitude is not None and crime.latitude is not None]
    codes = locate.ward_codes_at([(float(crime.longitude), float(crime.latitude)) for crime in placed])
    for crime, code in zip(placed, codes, strict=True):
        crime.ward_id = code if code in ward_codes else None


def already_there(crimes: list[NewCrime]) -> tuple[set[str], set[str]]:
    """(crime IDs already loaded, references already taken), in one query."""
    rows = (
        Crime.objects.filter(
            one_of("police_uk_id", [c.police_uk_id for c in crimes])
            | one_of("reference", [c.reference for c in crimes])
        )
        .order_by()
        .values_list("police_uk_id", "reference")
    )
    return {police_uk_id for police_uk_id, _ in rows}, {reference for _, reference in rows}


def avoid_reference_clash(crime: NewCrime, taken: set[str]) -> None:
    """Two crime IDs that begin with the same 12 characters (rare, but possible) would share a reference:
    the later one gets a longer one."""
    length = 12
    while crime.reference in taken and length < len(crime.police_uk_id):
        length += 4
        crime.reference = REFERENCE_PREFIX + crime.police_uk_id[:length].upper()
    taken.add(crime.reference)


def save_new_crimes(crimes: list[NewCrime], report: ImportReport, created: "CreatedCrimes") -> None:
    """Insert the crimes, expecting them all to be new (no query to look first); should any clash with a crime
    already there, insert none that way but save_crimes_not_loaded_yet."""
    taken: set[str] = set()
    for crime in crimes:
        avoid_reference_clash(crime, taken)
    pks = insert_all_or_none(Crime, NEW_CRIME_FIELDS, [new_crime_values(crime) for crime in crimes])
    if pks is None:
        save_crimes_not_loaded_yet(crimes, report)
        return
    created.add(crimes, pks)
    report.crimes_loaded += len(crimes)


def save_crimes_not_loaded_yet(crimes: list[NewCrime], report: ImportReport) -> None:
    """Insert the crimes not already loaded: one query to look, then a bulk insert."""
    existing, taken = already_there(crimes)
    new = [crime for crime in crimes if crime.police_uk_id not in existing]
    for crime in new:
        crime.reference = crime_reference(crime.police_uk_id)
        avoid_reference_clash(crime, taken)
    insert_ignoring_conflicts(Crime, NEW_CRIME_FIELDS, [new_crime_values(crime) for crime in new])
    report.crimes_loaded += len(new)
    report.crimes_already_present += len(crimes) - len(new)


def prepared_street_rows(rows: Iterable[StreetRow], context: StreetContext) -> list[tuple[str, NewCrime | str]]:
    """(crime ID, the row's crime or street_skip_reason's reason why it cannot be one) for each row, the crimes
    placed in their wards."""
    prepared = [(row.crime_id, street_skip_reason(row, context) or crime_from_row(row, context)) for row in rows]
    assign_wards([crime for _, crime in prepared if not isinstance(crime, str)], context.ward_codes)
    return prepared


def import_street_rows(
    rows: Iterable[tuple[str, NewCrime | str]], context: StreetContext, report: ImportReport, created: "CreatedCrimes"
) -> None:
    """Load prepared_street_rows: the first row of a crime ID wins, whether or not it can be loaded."""
    for batch in batches(rows):
        crimes = []
        for crime_id, crime_or_reason in batch:
            if crime_id in context.seen_crime_ids:
                report.skipped[SKIP_DUPLICATE_CRIME] += 1
                continue
            if crime_id:
                context.seen_crime_ids.add(crime_id)
            if isinstance(crime_or_reason, str):
                report.skipped[crime_or_reason] += 1
            else:
                crimes.append(crime_or_reason)
        save_new_crimes(crimes, report, created)


# Outcomes rows -> timeline events ----------------------------------------------------------------


class OutcomeRow(NamedTuple):  # a tuple: tens of thousands are made, faster than a frozen dataclass
    police_uk_id: str
    month: date
    outcome: str
    source_key: str


class LoadedCrime(NamedTuple):
    pk: int
    month: date
    last_outcome: str


@dataclass
class CreatedCrimes:
    """The crimes this run inserted, by crime ID, and when the latest outcome on each one's timeline is. Their
    outcomes need no lookup: such a crime had no timeline before the run, so whatever is on it, the run put there
    (and the run skips an outcome row it has seen before)."""

    crimes: dict[str, LoadedCrime] = field(default_factory=dict)
    latest_outcome: dict[int, datetime] = field(default_factory=dict)

    def add(self, crimes: list[NewCrime], pks: list[int]) -> None:
        for crime, pk in zip(crimes, pks, strict=True):
            self.crimes[crime.police_uk_id] = LoadedCrime(pk, crime.month, crime.last_outcome)

    def latest_outcome_of(self, pks: Iterable[int]) -> dict[int, datetime]:
        return {pk: self.latest_outcome[pk] for pk in pks if pk in self.latest_outcome}

    def outcomes_recorded(self, new: list[OutcomeRow], updates: dict[str, Crime]) -> None:
        """Keep up with what save_new_outcomes wrote: new outcome events and crimes' new last outcomes."""
        for outcome in new:
            crime = self.crimes.get(outcome.police_uk_id)
            if crime is not None:
                at = noon_on_first_day(outcome.month)
                if crime.pk not in self.latest_outcome or at > self.latest_outcome[crime.pk]:
                    self.latest_outcome[crime.pk] = at
        for police_uk_id, update in updates.items():
            if police_uk_id in self.crimes:
                self.crimes[police_uk_id] = self.crimes[police_uk_id]._replace(last_outcome=update.last_outcome)


class OutcomesFileRow(NamedTuple):
    """The values of an outcomes row that the import reads, each "" where the file has no such column."""

    crime_id: str
    month: str
    outcome_type: str


OUTCOMES_COLUMNS = OutcomesFileRow(crime_id="Crime ID", month="Month", outcome_type="Outcome type")


def outcome_skip_reason(row: OutcomesFileRow, key: str, seen_keys: set[str]) -> str | None:
    """Why an outcomes row (whose outcome_source_key is `key`) cannot be loaded, or None. Marks its key as seen."""
    if not row.crime_id:
        return SKIP_NO_CRIME_ID
    if parse_month(row.month) is None:
        return SKIP_BAD_MONTH
    if key in seen_keys:
        return SKIP_DUPLICATE_OUTCOME
    seen_keys.add(key)
    return None


def outcome_from_row(row: OutcomesFileRow, key: str) -> OutcomeRow:
    return OutcomeRow(
        police_uk_id=row.crime_id,
        month=parse_month(row.month),
        outcome=row.outcome_type[:200],
        source_key=key,
    )


def loaded_crimes(police_uk_ids: Iterable[str]) -> dict[str, LoadedCrime]:
    rows = Crime.objects.filter(one_of("police_uk_id", set(police_uk_ids))).values_list(
        "police_uk_id", "pk", "month", "last_outcome"
    )
    return {police_uk_id: LoadedCrime(pk, month, last) for police_uk_id, pk, month, last in rows}


def timelines_so_far(crime_pks: Iterable[int]) -> tuple[set[tuple[int, str]], dict[int, datetime]]:
    """Of these crimes' timelines, in one query: (crime, source key) of every imported event, and when each
    crime's latest outcome was. Looking up by crime only is much faster than crime IN (...) AND key IN (...),
    which SQLite answers by trying every pair."""
    keys: set[tuple[int, str]] = set()
    latest_outcome: dict[int, datetime] = {}
    rows = (
        TimelineEvent.objects.filter(one_of("crime_id", set(crime_pks)))
        .filter(Q(source_key__isnull=False) | Q(kind=TimelineEvent.Kind.OUTCOME))
        .order_by()
        .values_list("crime_id", "source_key", "kind", "occurred_at")
    )
    for crime_pk, source_key, kind, occurred_at in rows:
        if source_key is not None:
            keys.add((crime_pk, source_key))
        if kind == TimelineEvent.Kind.OUTCOME and (
            crime_pk not in latest_outcome or occurred_at > latest_outcome[crime_pk]
        ):
            latest_outcome[crime_pk] = occurred_at
    return keys, latest_outcome


OUTCOME_EVENT_FIELDS = ["crime_id", "kind", "occurred_at", "data", "source_key"]  # no case: the crime's own


OUTCOME = TimelineEvent.Kind.OUTCOME.value


@lru_cache(maxsize=256)
def month_text(month: date) -> str:
    return month.strftime("%Y-%m")


@lru_cache(maxsize=4096)
def outcome_event_data(outcome: str, month: date) -> dict[str, str]:
    """The data of an outcome's timeline event: one dict for all the events of an outcome type and month, so that
    COPY turns it into JSON once (see bulk.copy_rows). Not to be changed."""
    return {"outcome": outcome, "month": month_text(month)}


def outcome_event(outcome: OutcomeRow, crime_pk: int) -> tuple:
    """The values of OUTCOME_EVENT_FIELDS of the timeline event of an outcome."""
    return (
        crime_pk,
        OUTCOME,
        noon_on_first_day(outcome.month),
        outcome_event_data(outcome.outcome, outcome.month),
        outcome.source_key,
    )


# A street "Last outcome category" that already follows an outcome: data.police.uk shows a charged
# crime as awaiting its court outcome, so "Suspect charged" does not bring such a crime up to date.
ALREADY_FOLLOWS = {
    "Suspect charged": {"Awaiting court outcome", "Court result unavailable"},
}


def is_newer_outcome(outcome: OutcomeRow, crime: LoadedCrime, latest_before: datetime | None) -> bool:
    """An outcome is newer than what the crime shows if it is from a later month than the crime's own
    (data.police.uk fills a street row's last outcome when it publishes the file, so an outcome of the same
    month is already in it), later than any outcome already on the timeline, and not a step the crime's
    last outcome already follows."""
    return (
        outcome.month > crime.month
        and (latest_before is None or noon_on_first_day(outcome.month) > latest_before)
        and outcome.outcome != crime.last_outcome
        and crime.last_outcome not in ALREADY_FOLLOWS.get(outcome.outcome, set())
    )


def newer_last_outcomes(
    new: list[OutcomeRow], crimes: dict[str, LoadedCrime], latest_before: dict[int, datetime]
) -> dict[str, Crime]:
    """Crimes (pk and new last outcome only), by crime ID, whose last outcome the newest of the new outcomes
    replaces. Of two new outcomes of one crime in the same month, the later row wins."""
    newest: dict[str, OutcomeRow] = {}
    for outcome in new:
        current = newest.get(outcome.police_uk_id)
        if current is None or outcome.month >= current.month:
            newest[outcome.police_uk_id] = outcome
    return {
        police_uk_id: Crime(pk=crimes[police_uk_id].pk, last_outcome=outcome.outcome)
        for police_uk_id, outcome in newest.items()
        if is_newer_outcome(outcome, crimes[police_uk_id], latest_before.get(crimes[police_uk_id].pk))
    }


def save_new_outcomes(outcomes: list[OutcomeRow], report: ImportReport, created: CreatedCrimes) -> None:
    """Insert the outcomes not already on their crime's timeline and bring last outcomes up to date. Crimes this
    run created are not looked up (see CreatedCrimes)."""
    others = {o.police_uk_id for o in outcomes if o.police_uk_id not in created.crimes}
    crimes = loaded_crimes(others) if others else {}
    if not_loaded := sum(1 for o in outcomes if o.police_uk_id not in crimes and o.police_uk_id not in created.crimes):
        report.skipped[SKIP_CRIME_NOT_LOADED] += not_loaded
    looked_up = [o for o in outcomes if o.police_uk_id in crimes]
    present, latest_outcome = (
        timelines_so_far(crimes[o.police_uk_id].pk for o in looked_up) if looked_up else (set(), {})
    )
    new = [
        o
        for o in outcomes
        if o.police_uk_id in created.crimes
        or (o.police_uk_id in crimes and (crimes[o.police_uk_id].pk, o.source_key) not in present)
    ]
    report.outcomes_already_present += len(looked_up) - sum(1 for o in new if o.police_uk_id in crimes)
    if not new:
        return
    crimes |= {o.police_uk_id: created.crimes[o.police_uk_id] for o in new if o.police_uk_id in created.crimes}
    latest_outcome |= created.latest_outcome_of(crimes[o.police_uk_id].pk for o in new)
    updates = newer_last_outcomes(new, crimes, latest_outcome)
    insert_ignoring_conflicts(
        TimelineEvent, OUTCOME_EVENT_FIELDS, [outcome_event(o, crimes[o.police_uk_id].pk) for o in new]
    )
    if updates:
        Crime.objects.bulk_update(updates.values(), ["last_outcome"])
    created.outcomes_recorded(new, updates)
    report.outcomes_loaded += len(new)
    report.last_outcomes_updated += len(updates)


def prepared_outcome_rows(table: Table, seen_keys: set[str]) -> list[OutcomeRow | str]:
    """Each row's outcome, or outcome_skip_reason's reason why it cannot be loaded. Files must come in order."""
    values = table.values_getter(OUTCOMES_COLUMNS)
    source_key = outcome_source_keys(table)
    prepared = []
    for row in table.rows:
        outcomes_row = OutcomesFileRow._make(values(row))
        key = source_key(row)
        prepared.append(outcome_skip_reason(outcomes_row, key, seen_keys) or outcome_from_row(outcomes_row, key))
    return prepared


def import_outcome_rows(rows: Iterable[OutcomeRow | str], report: ImportReport, created: CreatedCrimes) -> None:
    """Load prepared_outcome_rows."""
    for batch in batches(rows):
        outcomes = []
        for outcome_or_reason in batch:
            if isinstance(outcome_or_reason, str):
                report.skipped[outcome_or_reason] += 1
            else:
                outcomes.append(outcome_or_reason)
        save_new_outcomes(outcomes, report, created)


# The whole import ------------------------------------------------------------------------------


def read_ahead(readers: list[Callable[[], list]]) -> Iterator[list]:
    """What each reader returns, in turn, the next one run in a thread while the caller loads this one's rows.
    Reading and preparing rows is most of the import's own work, and loading them mostly waits for the database,
    so the two overlap."""
    if not readers:
        return
    with ThreadPoolExecutor(max_workers=1) as thread:
        upcoming = thread.submit(readers[0])
        for following in readers[1:]:
            rows = upcoming.result()
            upcoming = thread.submit(following)
            yield rows
        yield upcoming.result()


@contextmanager
def garbage_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a while. An import holds tens of thousands of rows' objects at once and
    makes next to no reference cycles, yet the collector kept going through them all (and through everything else
    the process holds) as they were made: a fifth of the import's own CPU."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_police_uk(paths: Iterable[Path | str]) -> ImportReport:
    """Import every street file, then every outcomes file, found in `paths`. Each file is one transaction."""
    with garbage_collector_paused():
        return import_files(find_files(Path(p) for p in paths))


def import_files(files: dict[str, list[Path]]) -> ImportReport:
    """Import find_files' files."""
    report = ImportReport(areas_loaded=ensure_areas_loaded() is not None)
    context = StreetContext.load()
    created = CreatedCrimes()
    seen_outcome_keys: set[str] = set()  # only the reading thread uses it, one file after another

    def street(path: Path) -> list[tuple[str, NewCrime | str]]:
        return prepared_street_rows(street_rows(read_table(path)), context)

    def outcomes(path: Path) -> list[OutcomeRow | str]:
        return prepared_outcome_rows(read_table(path), seen_outcome_keys)

    in_order = [(STREET, path) for path in files[STREET]] + [(OUTCOMES, path) for path in files[OUTCOMES]]
    readers = [partial(street if kind == STREET else outcomes, path) for kind, path in in_order]
    for (kind, path), rows in zip(in_order, read_ahead(readers), strict=True):
        with transaction.atomic():
            if kind == STREET:
                import_street_rows(rows, context, report, created)
            else:
                import_outcome_rows(rows, report, created)
            report.rows_read[str(path)] = len(rows)
    return report
