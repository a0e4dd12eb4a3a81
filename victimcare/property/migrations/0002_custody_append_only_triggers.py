"""The chain of custody in the database itself: triggers refuse any UPDATE or DELETE of a custody entry, from
the ORM, raw SQL or a database console (victimcare/append_only.py, which says how `flush` lifts them on
SQLite).

On SQLite a later migration that alters the custody table rebuilds it and loses its triggers: such a
migration must create them again (tests/property/test_custody.py fails if they are missing)."""

from django.db import migrations

from victimcare import append_only

MESSAGE = "Custody entries cannot be %s: the chain of custody is only ever added to"


class Migration(migrations.Migration):

    dependencies = [
        ("property", "0001_initial"),
    ]

    operations = [
        append_only.operation("property_custodyentry", MESSAGE),
    ]
