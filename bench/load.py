"""Load rates beside the plain-COPY ceiling.

A loader (the case generator, import_police_uk) runs on a copy of the base database. Every row it added is then
dumped, table by table, and loaded again with plain `COPY t FROM STDIN`, in one transaction, into another fresh copy
of the base: the same tables with the same indexes, constraints and triggers, the same rows; only who makes them
differs. The ratio is loader rate / COPY rate.

Which rows are new: in a table with a single integer primary key, those above the largest key before the load; in
any other table, the rows whose text was not there before (such tables are small: areas, sessions, tasks). Rows of
the base the loader deleted (the generator replaces the figures' cells) are deleted from the ceiling's copy before
its timed COPY, so that the new rows fit there as they did.
"""

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

    def every_row(self) -> sql.Composed:
        return sql.SQL("SELECT {} FROM {}").format(self.column_list, self.table)

    def rows_above(self, largest_key: int) -> sql.Composed:
        return sql.SQL("SELECT {columns} FROM {table} WHERE {key} > {largest} ORDER BY {key}").format(
            columns=self.column_list, table=self.table, key=sql.Identifier(self.integer_key),
            largest=sql.Literal(largest_key))


@dataclass
class Snapshot:
    """Where each table stood before a load: its integer keys, or the text of its rows."""

    tables: list[Table]
    keys: dict[str, set[int]]
    rows_text: dict[str, Counter]

    def largest_key(self, table: Table) -> int:
        return max(self.keys[table.name], default=0)


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


def snapshot(database: str) -> Snapshot:
    with psycopg.connect(database_url(database)) as connection:
        tables = _tables(connection)
        keys, text = {}, {}
        for table in tables:
            if table.integer_key:
                keys[table.name] = _keys(connection, table)
            else:
                text[table.name] = Counter(_lines(_copy_out(connection, table.every_row())))
    return Snapshot(tables, keys, text)


def _keys(connection, table: Table) -> set[int]:
    query = sql.SQL("SELECT {} FROM {}").format(sql.Identifier(table.integer_key), table.table)
    return {key for (key,) in connection.execute(query)}


def _lines(chunks) -> list[bytes]:
    data = b"".join(bytes(chunk) for chunk in chunks)
    return data.splitlines(keepends=True)


def deleted_rows(database: str, before: Snapshot) -> dict[str, list[int]]:
    """The keys of the rows there before the load that are gone, by table."""
    deleted = {}
    with psycopg.connect(database_url(database)) as connection:
        for table in before.tables:
            if table.integer_key and before.keys[table.name]:
                gone = before.keys[table.name] - _keys(connection, table)
                if gone:
                    deleted[table.name] = sorted(gone)
    return deleted


def delete_rows(database: str, tables: list[Table], deleted: dict[str, list[int]]) -> None:
    with psycopg.connect(database_url(database)) as connection:
        for table in tables:
            if table.name in deleted:
                connection.execute(sql.SQL("DELETE FROM {} WHERE {} = ANY(%s)").format(
                    table.table, sql.Identifier(table.integer_key)), [deleted[table.name]])


def dump_new_rows(database: str, before: Snapshot, folder: Path) -> dict[str, int]:
    """Write each table's new rows to FOLDER/<table>.copy (COPY text format); the number of rows per table."""
    counts = {}
    with psycopg.connect(database_url(database)) as connection:
        for table in before.tables:
            path = folder / f"{table.name}.copy"
            if table.integer_key:
                rows = 0
                with path.open("wb") as out:
                    for chunk in _copy_out(connection, table.rows_above(before.largest_key(table))):
                        out.write(chunk)
                        rows += bytes(chunk).count(b"\n")  # COPY text escapes newlines inside values
            else:
                after = Counter(_lines(_copy_out(connection, table.every_row())))
                new = after - before.rows_text[table.name]
                path.write_bytes(b"".join(line * n for line, n in new.items()))
                rows = sum(new.values())
            if rows:
                counts[table.name] = rows
            else:
                path.unlink()
    return counts


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
    rows: int
    seconds: float
    copy_seconds: float
    rows_per_table: dict[str, int]
    deleted_per_table: dict[str, int]
    output: list[str]

    def as_dict(self) -> dict:
        return {
            "loader": self.name, "rows": self.rows, "seconds": round(self.seconds, 3),
            "rows_per_second": round(self.rows / self.seconds), "copy_seconds": round(self.copy_seconds, 3),
            "copy_rows_per_second": round(self.rows / self.copy_seconds),
            "ratio": round(self.copy_seconds / self.seconds, 3), "rows_per_table": self.rows_per_table,
            "base_rows_deleted_per_table": self.deleted_per_table,
            "loader_output": self.output,
        }


def measure_load(name: str, base: str, target: str, run_loader, folder: Path) -> LoadRate:
    """Copy BASE to TARGET, run the loader on it (`run_loader(target)` -> timed_command's result), then time plain
    COPY of the same new rows into another copy of BASE (dropped afterwards). TARGET is kept."""
    create_database(target, template=base)
    before = snapshot(target)
    result = run_loader(target)
    counts = dump_new_rows(target, before, folder)
    deleted = deleted_rows(target, before)
    ceiling = f"{target}_copy"
    create_database(ceiling, template=base)
    try:
        delete_rows(ceiling, before.tables, deleted)
        copy_seconds = copy_rows(ceiling, before.tables, folder)
    finally:
        drop_database(ceiling)
    for path in folder.glob("*.copy"):
        path.unlink()
    return LoadRate(name, sum(counts.values()), result["seconds"], copy_seconds, counts,
                    {name: len(keys) for name, keys in deleted.items()}, result["output"])
