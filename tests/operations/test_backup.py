"""`manage.py backup` and `manage.py restore` together: data made through the services is backed up, restored into a
brand-new empty database (a new SQLite file, or a new PostgreSQL database this test creates and drops) and every row
of every table comes back; a damaged archive, or a database that is not empty, is refused."""

import io
import json
import tarfile
import uuid
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from tests.portal.helpers import sign_in_to_portal
from victimcare.cases.access import log_case_access
from victimcare.cases.services import record_key_decision
from victimcare.charter.rules import KeyDecision
from victimcare.notifications.services import queue_message
from victimcare.operations.backup import MANIFEST


@contextmanager
def new_default_database(tmp_path):
    """Point the default alias at a brand-new, empty database (as DATABASE_URL would), yielding the old connection."""
    original = connections["default"]
    if original.vendor == "sqlite":
        name, drop = str(tmp_path / "restored.sqlite3"), None
    else:
        name = f"victimcare_restore_{uuid.uuid4().hex[:12]}"
        with original.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        drop = name
    replacement = original.__class__({**original.settings_dict, "NAME": name}, "default")
    connections["default"] = replacement
    try:
        yield original
    finally:
        replacement.close()
        connections["default"] = original
        if drop:
            with original.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{drop}"')


def every_row(connection) -> dict[str, list[str]]:
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the database
            rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


@pytest.fixture
def data(case, officer, supervisor, client):
    """A case with a decision to tell, an access log entry, a queued message and a portal sign-in."""
    record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=officer)
    log_case_access(case, supervisor, "read", what="the case page", why="review", channel="web")
    queue_message("portal_code", case=case, context={"code": "123456"}, at_once=True)
    sign_in_to_portal(client, case)
    return case


@pytest.fixture
def uploads(tmp_path, settings):
    settings.PRIVATE_FILES_ROOT = tmp_path / "uploads"
    (settings.PRIVATE_FILES_ROOT / "property" / "2026").mkdir(parents=True)
    (settings.PRIVATE_FILES_ROOT / "property" / "2026" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(range(256)))
    (settings.PRIVATE_FILES_ROOT / "letter.pdf").write_bytes(b"%PDF-1.7 a letter")
    return settings.PRIVATE_FILES_ROOT


@pytest.mark.django_db(transaction=True)
def test_restore_into_a_new_database_gives_back_every_row_and_file(data, uploads, tmp_path, settings):
    archive = tmp_path / "backups" / "victimcare.tar"
    out = io.StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "Backed up" in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    assert manifest["row_counts"]["cases_case"] == 1
    assert set(manifest["files"]) == {"property/2026/photo.jpg", "letter.pdf"}
    assert "cases.0001_initial" in manifest["migrations"]
    assert archive.stat().st_mode & 0o077 == 0  # readable by its owner only

    settings.PRIVATE_FILES_ROOT = tmp_path / "restored-uploads"
    with new_default_database(tmp_path) as original:
        out = io.StringIO()
        call_command("restore", str(archive), stdout=out)
        assert "The access log chain is intact" in out.getvalue()
        restored = every_row(connections["default"])
        source = every_row(original)
        assert restored.keys() == source.keys()
        for table in source:
            assert restored[table] == source[table], table
        assert sum(map(len, restored.values())) == sum(manifest["row_counts"].values())

        # Now it is not empty: a second restore is refused, unless told to replace everything.
        with pytest.raises(CommandError, match="Refusing to restore over existing data"):
            call_command("restore", str(archive), stdout=io.StringIO())
        call_command("restore", str(archive), "--replace", stdout=io.StringIO())
        assert every_row(connections["default"]) == source
    for name in ("property/2026/photo.jpg", "letter.pdf"):
        assert (tmp_path / "restored-uploads" / name).read_bytes() == (uploads / name).read_bytes()


def rewrite(archive, out, change):
    """A copy of the archive with one member's bytes changed by `change`."""
    with tarfile.open(archive) as source, tarfile.open(out, "w") as target:
        for member in source.getmembers():
            data = change(member.name, source.extractfile(member).read())
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))


def damaged_copies(archive, tmp_path):
    """The archive with one bit of the database flipped, one bit of a file, cut in half, with a file slipped in
    that would land outside the files folder, and with its manifest garbled."""
    def flip_bit(content):
        return content[:-1] + bytes([content[-1] ^ 1])

    copies = {
        "database": lambda name, content: flip_bit(content) if name.startswith("database.") else content,
        "file": lambda name, content: flip_bit(content) if name == "files/letter.pdf" else content,
        "manifest": lambda name, content: b"{not json" if name == MANIFEST else content,
    }
    for damage, change in copies.items():
        rewrite(archive, tmp_path / f"{damage}.tar", change)
        yield damage, tmp_path / f"{damage}.tar"
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    yield "truncated", truncated
    extra = tmp_path / "extra.tar"
    extra.write_bytes(archive.read_bytes())
    (tmp_path / "evil").write_text("x")
    with tarfile.open(extra, "a") as tar:
        tar.add(tmp_path / "evil", arcname="files/../../evil")
    yield "extra", extra


@pytest.mark.django_db(transaction=True)
def test_a_damaged_archive_is_refused_and_nothing_is_restored(data, uploads, tmp_path, settings):
    archive = tmp_path / "victimcare.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    settings.PRIVATE_FILES_ROOT = tmp_path / "restored-uploads"
    with new_default_database(tmp_path):
        for damage, damaged in damaged_copies(archive, tmp_path):
            with pytest.raises(CommandError, match=r"damaged|not a Victim Care backup|could not be read"):
                call_command("restore", str(damaged), stdout=io.StringIO())
            assert connections["default"].introspection.table_names() == [], damage
            assert not settings.PRIVATE_FILES_ROOT.exists() or not any(settings.PRIVATE_FILES_ROOT.iterdir()), damage
        assert not (tmp_path.parent / "evil").exists()
        # The undamaged archive restores into the same database: the refusals left it as it was.
        call_command("restore", str(archive), stdout=io.StringIO())


@pytest.mark.django_db
def test_backup_never_overwrites(tmp_path):
    (tmp_path / "old.tar").write_text("an older backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(tmp_path / "old.tar"))
    assert (tmp_path / "old.tar").read_text() == "an older backup"
