"""Load rates beside the plain-COPY ceiling.

A loader (the case generator, import_police_uk) runs on a copy of the base database. Every row it wrote is then
dumped, table by table, and loaded again with plain `COPY t FROM STDIN`, in one transaction, into another fresh copy
of the base: the same tables with the same indexes, constraints and triggers, the same rows; only who makes them
differs. The ratio is loader rate / COPY rate.

Which rows the loader wrote: the base (the demo) is small, so the text of each of its rows is kept before the load.
In a table with a single integer primary key: every row above the largest key there was, and any row at or below it
that is new or changed (the generator adds to the figures' existing cells in place; import_police_uk brings a
crime's last outcome up to date). In any other table: rows whose text is new. Base rows the loader changed or
deleted are deleted from the ceiling's copy first, untimed, so that the same rows fit there as they did; a changed
row is then written again by the timed COPY.
"""

import os
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg
from common import create_database, database_url, drop_database
from psycopg import sql

INTEGER_TYPES = {"smallint", "integer", "bigint"}


@dataclass
class Table:
    name: str
    columns: list[str]  # every stored column (generated ones are left out: COPY cannot write them)
    integer_key: str | None  # the single integer primary key column, if the table has one

    @property
    def table(self) -> sql.Identifier:
        return sql.Identifier(self.name)

    @property
    def column_list(self) -> sql.Composed:
        return sql.SQL(", ").join(map(sql.Identifier, self.columns))

    def select(self, where: str = "", largest_key: int = 0) -> sql.Composed:
        """Every row, or those whose key is above (where=">") or at most (where="<=") LARGEST_KEY, by key."""
        query = sql.SQL("SELECT {} FROM {}").format(self.column_list, self.table)
        if where:
            query += sql.SQL(" WHERE {key} {op} {largest} ORDER BY {key}").format(
                key=sql.Identifier(self.integer_key), op=sql.SQL(where), largest=sql.Literal(largest_key))
        return query

    def key_of(self, line: bytes) -> int:
        return int(line.split(b"\t")[self.columns.index(self.integer_key)])


@dataclass
class Snapshot:
    """The text of every row of the base, by table: by key where the table has an integer key."""

    tables: list[Table]
    keyed: dict[str, dict[int, bytes]]
    unkeyed: dict[str, Counter]

    def largest_key(self, table: Table) -> int:
        return max(self.keyed[table.name], default=0)


@dataclass
class Changes:
    rows: dict[str, int]  # rows written by the loader, by table (in FOLDER/<table>.copy)
    replaced: dict[str, list[int]]  # keys of base rows the loader changed or deleted, by table


def _tables(connection) -> list[Table]:
    rows = connection.execute("""
        SELECT c.relname,
               array_agg(a.attname ORDER BY a.attnum) FILTER (WHERE a.attgenerated = ''),
               (SELECT array_agg(format_type(k.atttypid, NULL) || ' ' || k.attname)
                  FROM pg_index i JOIN pg_attribute k ON k.attrelid = i.indrelid AND k.attnum = ANY(i.indkey)
                 WHERE i.indrelid = c.oid AND i.indisprimary)
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
          JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
         WHERE c.relkind IN ('r', 'p')
         GROUP BY c.oid, c.relname
         ORDER BY c.relname""").fetchall()
    tables = []
    for name, columns, key in rows:
        integer_key = None
        if key and len(key) == 1 and key[0].split(" ")[0] in INTEGER_TYPES:
            integer_key = key[0].split(" ", 1)[1]
        tables.append(Table(name, list(columns), integer_key))
    return tables


def _copy_out(connection, query: sql.Composed):
    with connection.cursor().copy(sql.SQL("COPY ({}) TO STDOUT").format(query)) as copy:
        yield from copy


def _lines(connection, query: sql.Composed) -> list[bytes]:
    """The rows as COPY text lines (COPY escapes newlines inside values, so a row is a line)."""
    return b"".join(bytes(chunk) for chunk in _copy_out(connection, query)).splitlines(keepends=True)


def _by_key(table: Table, lines: list[bytes]) -> dict[int, bytes]:
    return {table.key_of(line): line for line in lines}


def snapshot(database: str) -> Snapshot:
    with psycopg.connect(database_url(database)) as connection:
        tables = _tables(connection)
        keyed, unkeyed = {}, {}
        for table in tables:
            if table.integer_key:
                keyed[table.name] = _by_key(table, _lines(connection, table.select()))
            else:
                unkeyed[table.name] = Counter(_lines(connection, table.select()))
    return Snapshot(tables, keyed, unkeyed)


def dump_changes(database: str, before: Snapshot, folder: Path | None) -> Changes:
    """Write each table's rows written by the loader to FOLDER/<table>.copy (COPY text format); with no folder,
    only count them."""
    changes = Changes({}, {})
    with psycopg.connect(database_url(database)) as connection:
        for table in before.tables:
            path = folder / f"{table.name}.copy" if folder else Path(os.devnull)
            with path.open("wb") as out:
                rows = 0
                if table.integer_key:
                    largest = before.largest_key(table)
                    old, now = before.keyed[table.name], _by_key(table, _lines(connection, table.select("<=", largest)))
                    written = [line for key, line in now.items() if old.get(key) != line]
                    replaced = sorted(key for key, line in old.items() if now.get(key) != line)
                    if replaced:
                        changes.replaced[table.name] = replaced
                    out.write(b"".join(written))
                    rows += len(written)
                    if folder is None:
                        rows += _count_above(connection, table, largest)
                    else:
                        for chunk in _copy_out(connection, table.select(">", largest)):
                            out.write(chunk)
                            rows += bytes(chunk).count(b"\n")
                else:
                    new = Counter(_lines(connection, table.select())) - before.unkeyed[table.name]
                    out.write(b"".join(line * n for line, n in new.items()))
                    rows += sum(new.values())
            if rows:
                changes.rows[table.name] = rows
            elif folder:
                path.unlink()
    return changes


def _count_above(connection, table: Table, largest: int) -> int:
    query = sql.SQL("SELECT count(*) FROM {} WHERE {} > {}").format(
        table.table, sql.Identifier(table.integer_key), sql.Literal(largest))
    return connection.execute(query).fetchone()[0]


def delete_replaced(database: str, tables: list[Table], replaced: dict[str, list[int]]) -> None:
    """Delete base rows the loader changed or deleted. Foreign keys and triggers are off for it (replica role):
    other base rows may refer to a changed row, which the timed COPY then puts back."""
    with psycopg.connect(database_url(database)) as connection:
        connection.execute("SET session_replication_role = replica")
        for table in tables:
            if table.name in replaced:
                connection.execute(sql.SQL("DELETE FROM {} WHERE {} = ANY(%s)").format(
                    table.table, sql.Identifier(table.integer_key)), [replaced[table.name]])


def copy_rows(database: str, tables: list[Table], folder: Path) -> float:
    """Plain COPY of every dumped table into DATABASE in one transaction; the seconds it took, commit included."""
    with psycopg.connect(database_url(database)) as connection:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for table in tables:
                path = folder / f"{table.name}.copy"
                if not path.exists():
                    continue
                statement = sql.SQL("COPY {} ({}) FROM STDIN").format(table.table, table.column_list)
                with cursor.copy(statement) as copy, path.open("rb") as f:
                    while chunk := f.read(1 << 20):
                        copy.write(chunk)
        connection.commit()
        return time.perf_counter() - started


@dataclass
class LoadRate:
    name: str
    seconds: float
    copy_seconds: float | None  # None: no ceiling measured (bench/run.py --ceiling-cases)
    changes: Changes
    output: list[str]

    @property
    def rows(self) -> int:
        return sum(self.changes.rows.values())

    def as_dict(self) -> dict:
        copy = self.copy_seconds
        return {
            "loader": self.name, "rows": self.rows, "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rows / self.seconds), "copy_seconds": round(copy, 3) if copy else None,
            "copy_rows_per_second": round(self.rows / copy) if copy else None,
            "ratio": round(copy / self.seconds, 3) if copy else None, "rows_per_table": self.changes.rows,
            "base_rows_replaced_per_table": {name: len(keys) for name, keys in self.changes.replaced.items()},
            "loader_output": self.output,
        }


def measure_load(name: str, base: str, target: str, run_loader, folder: Path | None) -> LoadRate:
    """Copy BASE to TARGET, run the loader on it (`run_loader(target)` -> timed_command's result), then time plain
    COPY of the same rows into another copy of BASE (dropped afterwards); with no folder, only count the rows.
    TARGET is kept."""
    create_database(target, template=base)
    before = snapshot(target)
    try:
        result = run_loader(target)
    except BaseException:
        drop_database(target)  # half loaded: not to be timed by --reuse
        raise
    changes = dump_changes(target, before, folder)
    if folder is None:
        return LoadRate(name, result["seconds"], None, changes, result["output"])
    ceiling = f"{target}_copy"
    create_database(ceiling, template=base)
    try:
        delete_replaced(ceiling, before.tables, changes.replaced)
        copy_seconds = copy_rows(ceiling, before.tables, folder)
    finally:
        drop_database(ceiling)
        for path in folder.glob("*.copy"):
            path.unlink()
    return LoadRate(name, result["seconds"], copy_seconds, changes, result["output"])
