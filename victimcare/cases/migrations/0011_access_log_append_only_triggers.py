"""The access log in the database itself: triggers refuse any UPDATE or DELETE of an entry, from the ORM, raw
SQL or a database console, except writing an entry's chain once (victimcare/append_only.py,
victimcare/cases/audit_chain.py).

On SQLite a later migration that alters the access log's table rebuilds it and loses its triggers: such a
migration must create them again (tests/cases/test_audit_chain.py fails if they are missing)."""

from django.db import migrations

from victimcare import append_only

MESSAGE = "Access log entries cannot be %s: the log is only ever added to"
CHAIN = ("sequence", "previous_hash", "entry_hash")
UNCHANGED = ("id", "case_id", "victim_id", "user_id", "at", "action", "channel", "what", "why")


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0010_access_log_chain_existing"),
    ]

    operations = [
        append_only.operation("cases_caseaccesslog", MESSAGE, sealed=CHAIN, unchanged=UNCHANGED),
    ]
