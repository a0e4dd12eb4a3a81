"""Many rows of one model at once: which of thousands of values are there, and inserting thousands of rows.

On PostgreSQL rows are inserted with COPY, several times faster than the INSERTs the ORM builds; should any of
them clash with a row already there (another writer got in first), they are bulk_create'd instead, leaving out
the clashing ones, as they always are elsewhere (SQLite). Either way the model's other fields take their defaults.
insert_all_or_none inserts rows expected to be new without looking first: all of them, or, on a clash, none.
"""

import json
from collections.abc import Collection, Iterable, Sequence

from django.db import IntegrityError, connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone


class _EqualsAny(models.Lookup):
    """column = ANY(%s), the values as one array parameter (PostgreSQL)."""

    prepare_rhs = False

    def as_sql(self, compiler, connection):
        column, params = self.process_lhs(compiler, connection)
        return f"{column} = ANY(%s)", [*params, list(self.rhs)]


def one_of(field_name: str, values: Collection) -> Q:
    """filter(<field_name>__in=values). On PostgreSQL, as one array parameter rather than one parameter per
    value: for thousands of values Django and psycopg build that query many times faster."""
    if connection.vendor != "postgresql":
        return Q(**{f"{field_name}__in": values})
    return Q(_EqualsAny(F(field_name), values))


def insert_ignoring_conflicts(model: type[models.Model], field_names: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows`, each the values of `field_names` (attribute names, e.g. "lsoa_id") in that order, leaving
    out any that would break a unique constraint."""
    if not rows:
        return
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic(), connection.wrap_database_errors:
                copy_rows(model, field_names, rows)
            return
        except IntegrityError:
            pass  # some clash: the savepoint undid the COPY, and bulk_create below skips the clashing rows
    model.objects.bulk_create(
        [model(**dict(zip(field_names, row, strict=True))) for row in rows], ignore_conflicts=True
    )


def insert_all_or_none(model: type[models.Model], field_names: Sequence[str], rows: list[tuple]) -> list | None:
    """Insert every one of `rows` (as insert_ignoring_conflicts takes them) and return their new primary keys in
    order; or, if any would break a unique constraint, insert none of them and return None."""
    if not rows:
        return []
    try:
        with transaction.atomic(), connection.wrap_database_errors:
            if connection.vendor == "postgresql":
                pks = new_primary_keys(model, len(rows))
                copy_rows(
                    model,
                    [model._meta.pk.attname, *field_names],
                    [(pk, *row) for pk, row in zip(pks, rows, strict=True)],
                )
                return pks
            instances = [model(**dict(zip(field_names, row, strict=True))) for row in rows]
            return [instance.pk for instance in model.objects.bulk_create(instances)]
    except IntegrityError:
        return None


def new_primary_keys(model: type[models.Model], count: int) -> list[int]:
    """`count` primary keys from the table's own sequence, for rows COPY'd with their keys given (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            # the sequence looked up once (MATERIALIZED), not for each key: five times faster
            "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS sequence) "
            "SELECT nextval(s.sequence) FROM s, generate_series(1, %s)",
            [connection.ops.quote_name(model._meta.db_table), model._meta.pk.column, count],
        )
        return [pk for (pk,) in cursor.fetchall()]


def _default(field: models.Field):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def copy_rows(model: type[models.Model], field_names: Sequence[str], rows: list[tuple]) -> None:
    """COPY `rows` (as insert_ignoring_conflicts takes them) into the model's table (PostgreSQL)."""
    given = [model._meta.get_field(name) for name in field_names]
    others = [f for f in model._meta.concrete_fields if f not in given and not f.primary_key]
    defaults = tuple(_default(field) for field in others)
    fields = given + others
    json_positions = [index for index, field in enumerate(fields) if isinstance(field, models.JSONField)]
    json_texts: dict[tuple[int, int], str] = {}  # by position and the value's id(): rows may share one value, and
    # every row's values are alive (in `rows`) until the COPY ends, so no two of them have the same id()

    def json_text(index: int, value) -> str | None:
        key = (index, id(value))
        if key not in json_texts:
            json_texts[key] = as_json(fields[index], value)
        return json_texts[key]

    def complete(row: tuple):
        row += defaults
        if json_positions:
            row = list(row)
            for index in json_positions:
                row[index] = json_text(index, row[index])
        return row

    copy_into(model._meta.db_table, [field.column for field in fields], map(complete, rows))


def as_json(field: models.JSONField, value):
    """The JSON text COPY writes to a JSON column: what get_db_prep_save would send, without its adapter object
    per row (COPY's text format sends text either way)."""
    return None if value is None else json.dumps(value, cls=field.encoder)


def copy_into(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """COPY `rows`, each the values of `columns` in that order, into `table` (PostgreSQL), formatted by psycopg."""
    quote = connection.ops.quote_name
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
