"""Django's `flush`, able to empty append-only tables on SQLite as well.

victimcare/append_only.py puts triggers on the custody table and the access log that refuse every UPDATE and
DELETE. On PostgreSQL flush truncates, which fires no row triggers, and this is Django's flush unchanged. On
SQLite flush deletes row by row, which the triggers refuse: there this command drops every trigger, flushes and
creates them again exactly as they were, in one transaction (SQLite holds its write lock throughout, so no
other connection ever sees a table unguarded). Test teardowns call flush too (pytest-django's transactional
tests, the browser tests)."""

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections, transaction


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with transaction.atomic(using=connection.alias):
            with connection.cursor() as cursor:
                cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
            result = super().handle(**options)
            with connection.cursor() as cursor:
                for _name, sql in triggers:
                    cursor.execute(sql)
        return result
