"""Migration operations more than one app's migrations use."""

from django.db import migrations


def without_index(alter_field, table, column, index):
    """Drop a field's own index by name, leaving the table as it is: on SQLite an AlterField would rebuild the
    table (dropping any triggers on it, such as the access log's append-only ones)."""
    return migrations.SeparateDatabaseAndState(
        state_operations=[alter_field],
        database_operations=[migrations.RunSQL(f'DROP INDEX IF EXISTS "{index}"',
                                               f'CREATE INDEX "{index}" ON "{table}" ("{column}")')],
    )
