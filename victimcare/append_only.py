"""Append-only tables in the database itself: triggers that refuse every UPDATE and DELETE of a row, from the
ORM, raw SQL or a database console, on PostgreSQL and SQLite (the only databases Victim Care runs on).

Used by the chain of custody (property migration 0002) and the access log (cases migration 0010). A table may
name `sealed` columns: an UPDATE is then allowed exactly once per row, setting those columns while the first of
them is still empty and changing nothing else (the access log's chain is written that way, see
victimcare/cases/audit_chain.py).

PostgreSQL's TRUNCATE, which `manage.py flush` uses, fires no row triggers. SQLite's flush deletes row by row,
so victimcare/property/management/commands/flush.py lifts every trigger for the flush alone.

On SQLite a later migration that alters such a table rebuilds it and loses its triggers: that migration must
create them again (the tests of each table fail if they are missing)."""

from django.db import migrations


def trigger_names(table: str) -> set[str]:
    return {f"{table}_no_update", f"{table}_no_delete"}


def _postgresql(table: str, message: str, sealed: tuple[str, ...]) -> tuple[list[str], list[str]]:
    allow = ""
    if sealed:
        chain = ", ".join(f"'{column}'" for column in sealed)
        # to_jsonb(row) minus the sealed columns: every other column, including any added later, must be unchanged.
        allow = f"""
            IF OLD.{sealed[0]} IS NULL AND NEW.{sealed[0]} IS NOT NULL
               AND to_jsonb(NEW) - ARRAY[{chain}] = to_jsonb(OLD) - ARRAY[{chain}] THEN
                RETURN NEW;
            END IF;"""
    create = [
        f"""
        CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION '{message % "deleted"}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;{allow}
            RAISE EXCEPTION '{message % "changed"}' USING ERRCODE = 'integrity_constraint_violation';
        END;
        $$
        """,
        f"""
        CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {table}_append_only()
        """,
        f"""
        CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {table}_append_only()
        """,
    ]
    drop = [
        f"DROP TRIGGER IF EXISTS {table}_no_update ON {table}",
        f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table}",
        f"DROP FUNCTION IF EXISTS {table}_append_only()",
    ]
    return create, drop


def _sqlite(table: str, message: str, sealed: tuple[str, ...], unchanged: tuple[str, ...]):
    when = ""
    if sealed:
        same = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in unchanged)
        when = f"WHEN NOT (OLD.{sealed[0]} IS NULL AND NEW.{sealed[0]} IS NOT NULL AND {same})"
    create = [
        f"""
        CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} {when}
        BEGIN SELECT RAISE(ABORT, '{message % "changed"}'); END
        """,
        f"""
        CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
        BEGIN SELECT RAISE(ABORT, '{message % "deleted"}'); END
        """,
    ]
    drop = [f"DROP TRIGGER IF EXISTS {table}_no_update", f"DROP TRIGGER IF EXISTS {table}_no_delete"]
    return create, drop


def statements(vendor: str, table: str, message: str, sealed: tuple[str, ...] = (),
               unchanged: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """(create, drop) SQL for `table`. `message` has one %s: "changed" or "deleted". On SQLite the columns that
    must stay `unchanged` when the `sealed` ones are set are named (SQLite has no row-to-JSON)."""
    if vendor == "postgresql":
        return _postgresql(table, message, sealed)
    if vendor == "sqlite":
        return _sqlite(table, message, sealed, unchanged)
    raise NotImplementedError(f"The append-only triggers are written for PostgreSQL and SQLite, not {vendor}")


def operation(table: str, message: str, sealed: tuple[str, ...] = (),
              unchanged: tuple[str, ...] = ()) -> migrations.RunPython:
    """A migration operation creating the triggers (and dropping them when the migration is reversed)."""

    def run(direction: int):
        def apply(apps, schema_editor):
            sql = statements(schema_editor.connection.vendor, table, message, sealed, unchanged)[direction]
            for statement in sql:
                schema_editor.execute(statement, params=None)

        return apply

    return migrations.RunPython(run(0), run(1), elidable=False)
