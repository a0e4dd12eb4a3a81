"""The access log's hash chain: each entry holds a sequence number (1, 2, 3, ... with no gap), the previous
entry's hash and its own, sha256(previous hash + a canonical serialisation of every other field). Altering,
deleting or slipping in an entry anywhere breaks the chain at that point; `manage.py verify_audit_chain` finds it.

An entry is written by the transaction that reads or changes the data and chained ("sealed") just after that
transaction commits, by `seal`, in a short transaction of its own that holds CHAIN_LOCK (PostgreSQL; SQLite has
one writer) until it commits. Why not chain inside the business transaction: the lock would then be held from
the first log entry to the commit, while the transaction goes on to take row locks (cases, commitments) and
monitoring's CELLS_LOCK; another transaction holding one of those and logging next would wait for it, and the
two would deadlock. The sealing transaction takes CHAIN_LOCK first and then touches only committed, unchained
log rows, which no other transaction ever locks (business transactions only insert log rows; sealers are
serialised by the lock): it waits for nothing while holding the lock, so no cycle of waits can include it.
Business transactions never take CHAIN_LOCK. The database triggers (victimcare/append_only.py) let a row be
updated once, to write these three columns while `sequence` is empty, and refuse every other UPDATE or DELETE.

A process seals at most once every ACCESS_LOG_SEAL_EVERY_MS (default 1 s): on a busy web server every page
writes an entry, and chaining each one in its own transaction would cost every page five more queries and a wait
for the lock. Entries written in between are chained by that process's next seal, or any other process's, or the
scheduler's (`charter_scheduler` queues `seal_access_log` each round). An entry whose transaction committed but
whose sealing never ran (the process died in between) is chained the same way, or by `verify_audit_chain`. Until
then it is already append-only (the triggers); the chain adds that a change made past the triggers shows."""

import datetime as dt
import hashlib
import json
import logging
import math
from dataclasses import dataclass
from time import monotonic

from django.conf import settings
from django.db import connection, transaction

logger = logging.getLogger(__name__)

GENESIS = "0" * 64  # the "previous hash" of entry 1
# Every field of an entry but the two hashes, as stored. A new field must be added here in a way that keeps
# old entries' hashes (e.g. left out of the serialisation while empty): tests/cases/test_audit_chain.py
# fails when a field of the model is neither hashed nor one of the hashes.
HASHED = ("id", "sequence", "case_id", "victim_id", "user_id", "at", "action", "channel", "what", "why")
STORED = (*HASHED, "previous_hash", "entry_hash")
CHAIN_LOCK = 73012  # an advisory lock number no other part of the system uses (monitoring's is 73011)
BATCH = 500  # entries chained per UPDATE statement


def canonical(entry: dict) -> str:
    values = {name: entry[name] for name in HASHED}
    values["at"] = entry["at"].astimezone(dt.UTC).isoformat(timespec="microseconds")
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(previous_hash: str, entry: dict) -> str:
    return hashlib.sha256((previous_hash + canonical(entry)).encode()).hexdigest()


def _log_model():
    from victimcare.cases.models import CaseAccessLog

    return CaseAccessLog


def head(model=None) -> tuple[int, str] | None:
    """The last chained entry's (sequence, hash): one index lookup. What an external anchor would publish."""
    model = model or _log_model()
    return (model.objects.filter(sequence__isnull=False).order_by("-sequence")
            .values_list("sequence", "entry_hash").first())


def _take_chain_lock(table: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
        else:
            # SQLite: take the write lock before reading the head, so two sealers never both read and then
            # both ask to write (SQLite would refuse one at once). A write statement takes it; no row matches.
            # The table name is the model's, quoted.
            cursor.execute(f"UPDATE {connection.ops.quote_name(table)} SET id = id WHERE 0")  # noqa: S608  # nosec B608


def _write(table: str, rows: list[tuple[int, int, str, str]]) -> None:
    """Set the three chain columns of `rows` (id, sequence, previous hash, hash) in one statement: joined to the
    rows' values (a CASE per column, as before, was compared against every id for every row: 70 ms of the
    database's time for 750 entries)."""
    table = connection.ops.quote_name(table)
    values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
    # The table name is the model's, quoted; every value is a parameter.
    sql = (f"WITH chained (id, sequence, previous_hash, entry_hash) AS (VALUES {values}) "  # noqa: S608  # nosec B608
           f"UPDATE {table} SET sequence = chained.sequence, previous_hash = chained.previous_hash, "
           f"entry_hash = chained.entry_hash FROM chained WHERE {table}.id = chained.id AND {table}.sequence IS NULL")
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])


def seal(model=None) -> int:
    """Chain every entry not chained yet, in the order they were written (id). Returns how many."""
    model = model or _log_model()
    table = model._meta.db_table
    sealed = 0
    with transaction.atomic():
        _take_chain_lock(table)
        last = None
        while True:
            pending = list(model.objects.filter(sequence__isnull=True).order_by("id")
                           .values(*(name for name in HASHED if name != "sequence"))[:BATCH])
            if not pending:
                break
            sequence, previous = last or head(model) or (0, GENESIS)
            rows = []
            for entry in pending:
                sequence += 1
                digest = entry_hash(previous, {**entry, "sequence": sequence})
                rows.append((entry["id"], sequence, previous, digest))
                previous = digest
            _write(table, rows)
            sealed += len(rows)
            last = (sequence, previous)
            if len(pending) < BATCH:
                break
    return sealed


_last_sealed = -math.inf  # when this process last sealed after a commit (monotonic())


def _seal_after_commit() -> None:
    global _last_sealed
    now = monotonic()
    if (now - _last_sealed) * 1000 < settings.ACCESS_LOG_SEAL_EVERY_MS:
        return  # sealed a moment ago: the next seal chains these entries too
    _last_sealed = now
    try:
        seal()
    except Exception:  # the entries stay unchained until the next seal; say so loudly
        logger.exception("The access log could not be chained; the next log write or verify_audit_chain will")


def seal_after_commit() -> None:
    """Chain the entries just written once their transaction commits (at once outside a transaction), unless this
    process sealed less than ACCESS_LOG_SEAL_EVERY_MS ago (so a second call in the same transaction costs nothing)."""
    transaction.on_commit(_seal_after_commit)


@dataclass(frozen=True)
class Problem:
    sequence: int
    at: dt.datetime | None
    kind: str  # "altered", "missing" or "inserted"
    detail: str

    def __str__(self) -> str:
        when = f" ({self.at.isoformat()})" if self.at else ""
        return f"entry {self.sequence}{when}: {self.kind}: {self.detail}"


@dataclass
class Verification:
    checked: int = 0
    head: tuple[int, str] | None = None
    problem: Problem | None = None
    anchor_seen: bool = False


def verify(entries, after: tuple[int, str] | None = None, anchor: tuple[int, str] | None = None) -> Verification:
    """Check `entries` (dicts of STORED, in sequence order) continue the chain from `after` (the (sequence,
    hash) of the entry before the first, or None for the start of the chain), and hold `anchor` (a (sequence,
    hash) published earlier) if given. Stops at the first problem."""
    result = Verification(head=after)
    expected, previous = (after[0] + 1, after[1]) if after else (1, GENESIS)
    for entry in entries:
        number = entry["sequence"]
        if number < expected:
            result.problem = Problem(number, entry["at"], "inserted",
                                     f"a second entry numbered {number} (id {entry['id']})")
        elif number > expected:
            gap = str(expected) if number == expected + 1 else f"{expected} to {number - 1}"
            result.problem = Problem(expected, entry["at"], "missing",
                                     f"entry {gap} is not there (the next entry, {number}, is dated as shown)")
        elif entry_hash(entry["previous_hash"], entry) != entry["entry_hash"]:
            result.problem = Problem(number, entry["at"], "altered",
                                     "its contents no longer match its hash")
        elif entry["previous_hash"] != previous:
            result.problem = Problem(number, entry["at"], "inserted",
                                     f"it does not follow entry {number - 1}: one of the two was forged in")
        elif anchor and number == anchor[0] and entry["entry_hash"] != anchor[1]:
            result.problem = Problem(number, entry["at"], "altered",
                                     "its hash is not the anchor published for it: the chain was rewritten")
        if result.problem:
            return result
        result.checked += 1
        result.head = (number, entry["entry_hash"])
        result.anchor_seen = result.anchor_seen or bool(anchor and number == anchor[0])
        expected, previous = number + 1, entry["entry_hash"]
    return result


def chained_entries(model=None, after: int = 0, chunk_size: int = 5000):
    """Chained entries after sequence `after`, in order, streamed (a server-side cursor on PostgreSQL)."""
    model = model or _log_model()
    return (model.objects.filter(sequence__gt=after).order_by("sequence").values(*STORED)
            .iterator(chunk_size=chunk_size))
