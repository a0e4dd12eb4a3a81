"""The chain of custody in the database itself: triggers refuse any UPDATE or DELETE of a custody entry, from
the ORM, raw SQL or a database console, on PostgreSQL and SQLite (the only databases Victim Care runs on).

PostgreSQL's TRUNCATE, which `manage.py flush` uses, fires no row triggers. SQLite's flush deletes row by
row, so victimcare/property/management/commands/flush.py lifts these triggers for the flush alone.

On SQLite a later migration that alters the custody table rebuilds it and loses its triggers: such a
migration must create them again (tests/property/test_custody.py fails if they are missing)."""

from django.db import migrations

MESSAGE = "Custody entries cannot be %s: the chain of custody is only ever added to"

POSTGRESQL = (
    [
        f"""
        CREATE OR REPLACE FUNCTION property_custodyentry_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION '{MESSAGE % "deleted"}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RAISE EXCEPTION '{MESSAGE % "changed"}' USING ERRCODE = 'integrity_constraint_violation';
        END;
        $$
        """,
        """
        CREATE TRIGGER property_custodyentry_no_update BEFORE UPDATE ON property_custodyentry
        FOR EACH ROW EXECUTE FUNCTION property_custodyentry_append_only()
        """,
        """
        CREATE TRIGGER property_custodyentry_no_delete BEFORE DELETE ON property_custodyentry
        FOR EACH ROW EXECUTE FUNCTION property_custodyentry_append_only()
        """,
    ],
    [
        "DROP TRIGGER IF EXISTS property_custodyentry_no_update ON property_custodyentry",
        "DROP TRIGGER IF EXISTS property_custodyentry_no_delete ON property_custodyentry",
        "DROP FUNCTION IF EXISTS property_custodyentry_append_only()",
    ],
)

SQLITE = (
    [
        f"""
        CREATE TRIGGER property_custodyentry_no_update BEFORE UPDATE ON property_custodyentry
        BEGIN SELECT RAISE(ABORT, '{MESSAGE % "changed"}'); END
        """,
        f"""
        CREATE TRIGGER property_custodyentry_no_delete BEFORE DELETE ON property_custodyentry
        BEGIN SELECT RAISE(ABORT, '{MESSAGE % "deleted"}'); END
        """,
    ],
    [
        "DROP TRIGGER IF EXISTS property_custodyentry_no_update",
        "DROP TRIGGER IF EXISTS property_custodyentry_no_delete",
    ],
)

SQL = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def _statements(schema_editor, direction: int) -> list[str]:
    vendor = schema_editor.connection.vendor
    if vendor not in SQL:
        raise NotImplementedError(f"The custody triggers are written for PostgreSQL and SQLite, not {vendor}")
    return SQL[vendor][direction]


def create_triggers(apps, schema_editor):
    for statement in _statements(schema_editor, 0):
        schema_editor.execute(statement, params=None)


def drop_triggers(apps, schema_editor):
    for statement in _statements(schema_editor, 1):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("property", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
