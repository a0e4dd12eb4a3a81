from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from victimcare.operations.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore an archive made by `backup` into an empty database and files folder, then check every table's "
            "rows against the archive's manifest and the access log's hash chain (docs/deployment.md, Restoring).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The archive written by `manage.py backup`.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias (default: default).")
        parser.add_argument("--replace", action="store_true",
                            help="Replace everything in a database or files folder that is not empty.")

    def handle(self, *args, file: Path, database: str, replace: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"{file} is not a file.")
        try:
            restored = restore(file, using=database, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the backup of {restored.manifest['created_at']}: {restored.tables} tables, "
                          f"{restored.rows} rows (each table's count as in the manifest) and {restored.files} files.")
        if database == DEFAULT_DB_ALIAS:
            # Raises CommandError, naming the first broken entry, if the access log's chain does not hold.
            call_command("verify_audit_chain", stdout=self.stdout)
        else:
            self.stdout.write("The access log chain was not checked: verify_audit_chain reads the default database.")
        self.stdout.write("Next: `manage.py migrate` (it applies any migration this version has that the backup "
                          "has not; otherwise it does nothing).")
