"""Rows the generator makes, held as plain tuples per table, and written in bulk: PostgreSQL's COPY, or
one executemany per table on SQLite.

Ids are given out here, not by the database, so that one case's rows can point at each other before any
is written. `IdCounters` starts after each table's highest id; the writer checks, under a table lock,
that nobody else wrote in between, and moves the sequences on afterwards.
"""

import json
from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.db import connection, models


class Table:
    """One model's columns, in the order rows hold them, and the default for each column not given."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.name = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.columns = [field.column for field in self.fields]
        self.attnames = [field.attname for field in self.fields]
        self.position = {name: index for index, name in enumerate(self.attnames)}
        self.json = frozenset(index for index, field in enumerate(self.fields) if isinstance(field, models.JSONField))
        self.has_id = isinstance(model._meta.pk, models.AutoField) and model._meta.pk.attname == "id"
        self.template = [self._default(field) for field in self.fields]

    @staticmethod
    def _default(field):
        if field.has_default():
            value = field.get_default()
            return json.dumps(value) if isinstance(field, models.JSONField) else value
        if field.null:
            return None
        if isinstance(field, (models.CharField, models.TextField)):
            return ""
        return _Required(field.attname)

    def row(self, values: dict) -> tuple:
        row = list(self.template)
        position = self.position
        for name, value in values.items():
            index = position[name]
            row[index] = json.dumps(value, separators=(",", ":")) if index in self.json else value
        for value in row:
            if isinstance(value, _Required):
                raise ValueError(f"{self.name}: no value for {value.name}")
        return tuple(row)


class _Required:
    def __init__(self, name: str):
        self.name = name


class IdCounters:
    """The last id given out per table, starting from each table's highest id when first asked. Remembers
    where each table stood when the current batch began, for `write` to check nobody else wrote since."""

    def __init__(self):
        self.last: dict[str, int] = {}
        self.batch_start: dict[str, int] = {}

    def next(self, table: str) -> int:
        if table not in self.last:
            self.last[table] = last_id(table)
        if table not in self.batch_start:
            self.batch_start[table] = self.last[table]
        self.last[table] += 1
        return self.last[table]

    def begin_batch(self) -> None:
        self.batch_start = {}


class Rows:
    """Everything one batch of cases adds, table by table."""

    def __init__(self, ids: IdCounters):
        self.ids = ids
        self.by_table: dict[str, list[tuple]] = {}
        self._tables: dict[type, Table] = {}

    def table(self, model) -> Table:
        table = self._tables.get(model)
        if table is None:
            table = self._tables[model] = Table(model)
            self.by_table.setdefault(table.name, [])
        return table

    def add(self, model, **values) -> int | None:
        """Add one row; returns its id (given out here when the model has an id and none was given)."""
        table = self.table(model)
        if table.has_id and "id" not in values:
            values["id"] = self.ids.next(table.name)
        self.by_table[table.name].append(table.row(values))
        return values.get("id")

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.by_table.items()}

    def tables(self) -> list[Table]:
        return list(self._tables.values())


# COPY's text format: tab-separated, \N for NULL, backslash escapes for the four special characters.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_value(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES) if ("\\" in value or "\t" in value or "\n" in value
                                                   or "\r" in value) else value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def copy_text(rows: Iterable[tuple]) -> str:
    return "".join("\t".join(map(copy_value, row)) + "\n" for row in rows)


def sqlite_value(value):
    """As Django's SQLite backend stores it: datetimes in UTC without a zone, dates and decimals as text."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def last_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a model's own table name  # nosec B608
        return cursor.fetchone()[0]


def write(rows: Rows) -> None:
    """Write every row; call inside a transaction. Refuses if another writer added rows to these tables
    since the batch's ids were given out (the ids would clash)."""
    tables = [table for table in rows.tables() if rows.by_table[table.name]]
    if not tables:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(quote(table.name) for table in tables)
            cursor.execute(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")
        for name, start in rows.ids.batch_start.items():
            if last_id(name) != start:
                raise RuntimeError(f"Another writer added rows to {name} while cases were being generated")
        for table in tables:
            batch = rows.by_table[table.name]
            if not batch:
                continue
            columns = ", ".join(quote(column) for column in table.columns)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
                    copy.write(copy_text(batch))
            else:
                marks = ", ".join("%s" for _ in table.columns)
                cursor.executemany(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608 - model names  # nosec B608
                                   [tuple(map(sqlite_value, row)) for row in batch])
        if connection.vendor == "postgresql":
            for table in tables:
                if table.has_id and rows.by_table[table.name]:
                    cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                                   [quote(table.name), rows.ids.last[table.name]])
