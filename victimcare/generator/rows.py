"""Rows the generator makes, held as plain tuples per table, and written in bulk: PostgreSQL's COPY, or
one executemany per table on SQLite.

Ids are given out here, not by the database, so that one case's rows can point at each other before any
is written. `IdCounters` starts after each table's highest id; the writer checks, under a table lock,
that nobody else wrote in between, and moves the sequences on afterwards.
"""

import json
from datetime import UTC, date, datetime, time
from decimal import Decimal

from django.db import connection, models

from victimcare.crimes.bulk import copy_into


class Table:
    """One model's columns, in the order rows hold them, and the default for each column not given."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.label = model._meta.label
        self.name = model._meta.db_table
        self.fields = list(model._meta.concrete_fields)
        self.columns = [field.column for field in self.fields]
        self.attnames = [field.attname for field in self.fields]
        self.position = {name: index for index, name in enumerate(self.attnames)}
        self.json = frozenset(index for index, field in enumerate(self.fields) if isinstance(field, models.JSONField))
        self.has_id = isinstance(model._meta.pk, models.AutoField) and model._meta.pk.attname == "id"
        self.template = [self._default(field) for field in self.fields]
        self.required = frozenset(name for name, value in zip(self.attnames, self.template, strict=True)
                                  if isinstance(value, _Required))

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
        if not self.required <= values.keys():
            raise ValueError(f"{self.name}: no value for {', '.join(sorted(self.required - values.keys()))}")
        row = self.template.copy()
        position, json_columns = self.position, self.json
        for name, value in values.items():
            index = position[name]
            row[index] = _json(value) if index in json_columns else value
        return tuple(row)


_json = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode


class _Required:
    def __init__(self, name: str):
        self.name = name


class IdCounters:
    """The last id given out per table, from `last` (every table's highest id, read before generating: see
    last_ids) or, for a table not in it, from the database when first asked. Remembers where each table stood
    when the current batch began, for `write` to check nobody else wrote since."""

    def __init__(self, last: dict[str, int]):
        self.last: dict[str, int] = dict(last)
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
        self.by_table: dict[str, tuple[str, list[tuple]]] = {}  # {table name: (model label, rows)}

    def add(self, model, **values) -> int | None:
        """Add one row; returns its id (given out here when the model has an id and none was given)."""
        table = _table(model)
        if table.has_id and "id" not in values:
            values["id"] = self.ids.next(table.name)
        entry = self.by_table.get(table.name)
        if entry is None:
            entry = self.by_table[table.name] = (table.label, [])
        entry[1].append(table.row(values))
        return values.get("id")

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, (_, rows) in self.by_table.items()}


_TABLES: dict[type, Table] = {}


def _table(model) -> Table:
    table = _TABLES.get(model)
    if table is None:
        table = _TABLES[model] = Table(model)
    return table


def last_ids() -> dict[str, int]:
    """The highest id of every table of the project's models that has one."""
    from django.apps import apps

    tables = [_table(model) for model in apps.get_models() if model.__module__.startswith("victimcare.")]
    return {table.name: last_id(table.name) for table in tables if table.has_id}


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


def write(by_table: dict, batch_start: dict[str, int]) -> None:
    """Write every row of `by_table` ({table name: (model label, rows)}); call inside a transaction. Refuses if
    another writer added rows to these tables since the batch's ids were given out (they would clash)."""
    from django.apps import apps

    tables = [(_table(apps.get_model(label)), rows) for label, rows in by_table.values() if rows]
    if not tables:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(quote(table.name) for table, _ in tables)
            cursor.execute(f"LOCK TABLE {names} IN SHARE ROW EXCLUSIVE MODE")
        for name, start in batch_start.items():
            if last_id(name) != start:
                raise RuntimeError(f"Another writer added rows to {name} while cases were being generated")
        for table, rows in tables:
            if connection.vendor == "postgresql":
                copy_into(table.name, table.columns, rows)
            else:
                columns = ", ".join(quote(column) for column in table.columns)
                marks = ", ".join("%s" for _ in table.columns)
                cursor.executemany(f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608 - model names  # nosec B608
                                   [tuple(map(sqlite_value, row)) for row in rows])
        if connection.vendor == "postgresql":
            for table, rows in tables:
                if table.has_id:
                    cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                                   [quote(table.name), max(row[table.position["id"]] for row in rows)])
