"""Backups: the database and the private uploaded files in one archive, with a manifest to check a restore against.

The archive is a tar file holding
- `database.pgdump` (PostgreSQL: pg_dump's custom format) or `database.sqlite3` (SQLite: a copy made with SQLite's
  online backup API, safe while the service runs);
- `files/...`: every file under PRIVATE_FILES_ROOT;
- `manifest.json` (last): the archive format, when it was made, the database vendor and server version, the
  migrations applied, the rows in every table and the SHA-256 of every part.

The row counts are read in the same snapshot the dump is taken from (PostgreSQL: pg_dump --snapshot with the
transaction that counted; SQLite: counted in the copy), so a restore must give exactly them back. The database is
copied before the files: an upload is written before the row that names it commits, so every file the copy refers
to is in the archive (a file uploaded during the backup may be there without its row, which does no harm).

A restore reads the whole archive and checks every part against its SHA-256 before it touches anything, refuses a
database with any table in it (unless told to replace everything), loads the database and the files, then checks
every table's rows against the manifest and the access log's hash chain (`verify_audit_chain`).
"""

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess  # pg_dump and pg_restore, found on PATH, with arguments built here  # nosec B404
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader

FORMAT = 1
MANIFEST = "manifest.json"
PARTS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
FILES = "files/"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Refused or failed, with a message for whoever runs the command."""


def private_files_root() -> Path:
    return Path(getattr(settings, "PRIVATE_FILES_ROOT", settings.BASE_DIR / "var" / "uploads"))


# --- Reading a database ------------------------------------------------------------------------------------------

def _table_state(cursor, tables: list[str], quote) -> tuple[dict[str, int], list[str]]:
    counts = {}
    for table in sorted(tables):
        # A table name the database itself listed, quoted by the backend.
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608  # nosec B608
        counts[table] = cursor.fetchone()[0]
    migrations = []
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    return counts, migrations


def _sqlite_tables(cursor) -> list[str]:
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in cursor.fetchall()]


def table_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        return _table_state(cursor, tables, connection.ops.quote_name)[0]


# --- PostgreSQL tools --------------------------------------------------------------------------------------------

def _pg_command(tool: str, settings_dict: dict, parameters: list[str]) -> tuple[list[str], dict]:
    """`tool` with the connection's host, port, user and options, then `parameters`, then --dbname NAME (Django's own
    psql arguments, so passwords and TLS options go by environment as `manage.py dbshell` sends them)."""
    args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [*parameters, "--dbname"])
    return [_pg_tool(tool), *args[1:]], {**os.environ, **(env or {})}


def _pg_tool(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise BackupError(f"{tool} was not found on PATH: install the PostgreSQL client programs.")
    return path


def _pg_tool_major(tool: str) -> int:
    # The PostgreSQL tool found on PATH, asked its version.
    command = [_pg_tool(tool), "--version"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603  # nosec B603
    found = re.search(r"(\d+)(?:\.\d+)?", output)
    if not found:
        raise BackupError(f"Could not read the version of {tool} from {output!r}.")
    return int(found.group(1))


def _check_pg_tool(tool: str, connection) -> None:
    server = connection.pg_version // 10000
    if _pg_tool_major(tool) < server:
        raise BackupError(f"{tool} {_pg_tool_major(tool)} is older than the database server (PostgreSQL {server}): "
                          f"install the PostgreSQL {server} client programs.")


def _run(command: list[str], env: dict, what: str) -> None:
    # A PostgreSQL tool found on PATH, with the arguments built above (no shell).
    done = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603  # nosec B603
    if done.returncode != 0:
        raise BackupError(f"{what} failed: {done.stderr.strip()[-2000:]}")


# --- Backing up --------------------------------------------------------------------------------------------------

@dataclass
class DatabaseCopy:
    path: Path
    counts: dict[str, int]
    migrations: list[str]
    server_version: str


def _copy_sqlite(connection, work: Path) -> DatabaseCopy:
    target = work / PARTS["sqlite"]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        counts, migrations = _table_state(copy.cursor(), _sqlite_tables(copy.cursor()), connection.ops.quote_name)
    finally:
        copy.close()
    return DatabaseCopy(target, counts, migrations, sqlite3.sqlite_version)


def _copy_postgresql(connection, work: Path) -> DatabaseCopy:
    _check_pg_tool("pg_dump", connection)
    target = work / PARTS["postgresql"]
    snapshot = connection.copy()
    try:
        snapshot.ensure_connection()
        snapshot.set_autocommit(False)
        with snapshot.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot_id = cursor.fetchone()[0]
            tables = snapshot.introspection.table_names(cursor)
            counts, migrations = _table_state(cursor, tables, snapshot.ops.quote_name)
            # pg_dump reads the very snapshot counted above while this transaction holds it open.
            command, env = _pg_command("pg_dump", snapshot.settings_dict,
                                       ["--format=custom", f"--snapshot={snapshot_id}", f"--file={target}"])
            _run(command, env, "pg_dump")
        snapshot.rollback()
        version = connection.pg_version
    finally:
        snapshot.close()
    return DatabaseCopy(target, counts, migrations, f"{version // 10000}.{version % 10000}")


class _Hashing(io.RawIOBase):
    """Reads a file for tarfile and hashes exactly the bytes that go into the archive."""

    def __init__(self, raw):
        self.raw, self.sha256 = raw, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _add(tar: tarfile.TarFile, source: Path, name: str) -> dict:
    info = tarfile.TarInfo(name)
    info.size = source.stat().st_size
    info.mtime = int(source.stat().st_mtime)
    info.mode = 0o600
    with source.open("rb") as raw:
        hashing = _Hashing(raw)
        tar.addfile(info, hashing)
    return {"sha256": hashing.sha256.hexdigest(), "size": info.size}


def _add_bytes(tar: tarfile.TarFile, data: bytes, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(tz=dt.UTC).timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Write the archive to `path` (atomically: a partial file is renamed when complete) and return its manifest."""
    connection = connections[using]
    if connection.vendor not in PARTS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new name (backups are never overwritten).")
    path.parent.mkdir(parents=True, exist_ok=True)
    if using == DEFAULT_DB_ALIAS:  # chain what the web processes have not yet (they seal once a second at most)
        from victimcare.cases import audit_chain

        audit_chain.seal()
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as work:
        copy = (_copy_sqlite if connection.vendor == "sqlite" else _copy_postgresql)(connection, Path(work))
        partial = Path(work) / "archive.tar"
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
            database = _add(tar, copy.path, PARTS[connection.vendor])
            files = {}
            root = private_files_root()
            if root.is_dir():
                for source in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
                    relative = source.relative_to(root).as_posix()
                    files[relative] = _add(tar, source, FILES + relative)
            manifest = {
                "format": FORMAT,
                "created_at": dt.datetime.now(tz=dt.UTC).isoformat(timespec="seconds"),
                "database": {"vendor": connection.vendor, "server_version": copy.server_version,
                             "part": PARTS[connection.vendor], **database},
                "migrations": copy.migrations,
                "row_counts": copy.counts,
                "files": files,
            }
            _add_bytes(tar, json.dumps(manifest, indent=1, sort_keys=True).encode(), MANIFEST)
        partial.chmod(0o600)
        os.replace(partial, path)
    return manifest


# --- Restoring ---------------------------------------------------------------------------------------------------

def _safe_relative(name: str) -> str:
    relative = PurePosixPath(name.removeprefix(FILES))
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise BackupError(f"The archive holds a file outside the files folder ({name!r}): refused.")
    return relative.as_posix()


def read_manifest(tar: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(tar.extractfile(MANIFEST))
    except (KeyError, AttributeError, ValueError):
        raise BackupError("This is not a Victim Care backup: it has no readable manifest.json.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format') if isinstance(manifest, dict) else None!r} "
                          f"(this version reads format {FORMAT}).")
    return manifest


def _extract_checked(tar: tarfile.TarFile, member: tarfile.TarInfo, expected: dict, target: Path) -> None:
    """Copy one part out of the archive, refusing it unless its size and SHA-256 are the manifest's."""
    sha256 = hashlib.sha256()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tar.extractfile(member) as source, target.open("wb") as out:
        while chunk := source.read(CHUNK):
            sha256.update(chunk)
            out.write(chunk)
    if member.size != expected.get("size") or sha256.hexdigest() != expected.get("sha256"):
        raise BackupError(f"The archive is damaged: {member.name} does not match its checksum in the manifest. "
                          "Nothing was restored.")


def _unpack(path: Path, vendor: str, work: Path) -> tuple[dict, Path, Path]:
    """Check and unpack the whole archive into `work`: (manifest, database part, staged files folder)."""
    try:
        with tarfile.open(path, "r:") as tar:
            manifest = read_manifest(tar)
            database = manifest.get("database", {})
            if database.get("vendor") != vendor:
                raise BackupError(f"This backup is of a {database.get('vendor')} database; the database to restore "
                                  f"into is {vendor}. Restore it into {database.get('vendor')}.")
            files = manifest.get("files", {})
            expected = {MANIFEST, database.get("part")} | {FILES + name for name in files}
            members = {member.name: member for member in tar.getmembers()}
            if set(members) != expected or not all(member.isfile() for member in members.values()):
                raise BackupError("The archive is damaged: its parts are not the ones its manifest lists. "
                                  "Nothing was restored.")
            staged = work / "files"
            _extract_checked(tar, members[database["part"]], database, work / database["part"])
            for name, checks in files.items():
                _extract_checked(tar, members[FILES + name], checks, staged / _safe_relative(FILES + name))
    except (tarfile.TarError, EOFError, OSError, KeyError) as error:
        raise BackupError(f"The archive could not be read ({error}): it is damaged or not a backup. "
                          "Nothing was restored.") from None
    return manifest, work / database["part"], staged


def _load_sqlite(connection, part: Path) -> None:
    name = connection.settings_dict["NAME"]
    connection.close()
    source, target = sqlite3.connect(part), sqlite3.connect(name)
    try:
        source.backup(target)  # page by page: the target becomes exactly the copy, schema and all
    finally:
        source.close()
        target.close()


def _load_postgresql(connection, part: Path, tables: list[str]) -> None:
    _check_pg_tool("pg_restore", connection)
    if tables:  # told to replace everything: drop it first (pg_restore --clean then drops the dump's own objects)
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
    command, env = _pg_command("pg_restore", connection.settings_dict, [
        "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
        *(["--clean", "--if-exists"] if tables else []), str(part)])
    connection.close()
    _run(command, env, "pg_restore")


def _unknown_migrations(applied: list[str]) -> list[str]:
    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).disk_migrations}
    return sorted(set(applied) - known)


@dataclass
class Restored:
    manifest: dict
    tables: int
    rows: int
    files: int


def restore(path: Path, using: str = DEFAULT_DB_ALIAS, replace: bool = False) -> Restored:
    connection = connections[using]
    if connection.vendor not in PARTS:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")
    root = private_files_root()
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=".restore-") as work:
        manifest, part, staged = _unpack(path, connection.vendor, Path(work))
        unknown = _unknown_migrations(manifest.get("migrations", []))
        if unknown:
            raise BackupError("This backup was made by a newer version of Victim Care (migrations this version does "
                              f"not have: {', '.join(unknown[:5])}). Install that version to restore it.")
        tables = connection.introspection.table_names()
        existing_files = root.is_dir() and any(root.iterdir())
        if (tables or existing_files) and not replace:
            where = [f"the database has {len(tables)} tables"] if tables else []
            where += [f"{root} is not empty"] if existing_files else []
            raise BackupError(f"Refusing to restore over existing data: {' and '.join(where)}. Restore into a new, "
                              "empty database (and files folder), or pass --replace to replace everything in them.")
        if connection.vendor == "sqlite":
            _load_sqlite(connection, part)
        else:
            _load_postgresql(connection, part, tables)
        root.mkdir(parents=True, exist_ok=True)
        for source in sorted(p for p in staged.rglob("*") if p.is_file()):
            target = root / source.relative_to(staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    counts = table_counts(using)
    expected = manifest["row_counts"]
    wrong = [f"{table}: {counts.get(table)} rows, the backup had {rows}"
             for table, rows in sorted(expected.items()) if counts.get(table) != rows]
    if wrong:
        raise BackupError("The restored database does not match the backup's manifest: " + "; ".join(wrong[:10]))
    return Restored(manifest, len(expected), sum(expected.values()), len(manifest.get("files", {})))
