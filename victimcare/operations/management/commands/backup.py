from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from victimcare.operations.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Back up the database (PostgreSQL: pg_dump; SQLite: its online backup) and the private uploaded files "
            "into one archive with a manifest (docs/deployment.md, Backups). Safe while the service runs.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The archive to write (a new file; never overwritten).")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias (default: default).")

    def handle(self, *args, file: Path, database: str, **options) -> None:
        try:
            manifest = backup(file, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(f"Backed up {len(manifest['row_counts'])} tables ({rows} rows) and "
                          f"{len(manifest['files'])} files to {file}.")
