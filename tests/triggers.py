"""The triggers the database holds on a table (victimcare/append_only.py puts them there)."""

from django.db import connection


def triggers_on(table: str) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgrelid = %s::regclass AND NOT tgisinternal", [table])
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table])
        return {name for (name,) in cursor.fetchall()}


def drop_triggers(table: str) -> None:
    """What an attacker with the database's owner account can do first."""
    with connection.cursor() as cursor:
        for name in sorted(triggers_on(table)):
            cursor.execute(f"DROP TRIGGER {name}" + (f" ON {table}" if connection.vendor == "postgresql" else ""))
