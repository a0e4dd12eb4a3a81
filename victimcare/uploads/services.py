"""Storing, removing, exporting and erasing uploaded files, one named function each. Each change runs in a
transaction, writes the case's timeline entry with the acting user and logs the change on the case.

Files arrive only as validation.CheckedFile (the one place they are checked). Bytes are stored under the
file's UUID in the private storage (storage.private_storage), never under the client's name; bytes are deleted
when the transaction that removes or erases their file commits.

For subject access requests and erasure (another part of the system calls these):

- ``files_of_case(case)``: every file still held on the case, letters and photographs of its property
  (removed files are not held: their bytes are gone). A queryset of StoredFile, oldest first, with
  ``property_item`` loaded; for each, ``kind``, ``display_name``, ``content_type``, ``size``, ``sha256``,
  ``description``, ``direction``, ``uploaded_at``, ``uploaded_by`` and ``open_file(stored)`` to read its
  bytes (a binary file object; close it). ``export_name(stored)`` gives a safe, unique name to put it under
  in an export (key and extension, with the display name).
- ``erase_files_of_case(case, actor, why)``: deletes the bytes of every file of the case, removed or not,
  and the rows themselves (display name, description, removal reason, hash, size: nothing identifying is
  kept). The case's timeline keeps only "a letter was added/removed" with a file key that now leads nowhere.
  Writes one change to the case's access log (what: "erased the case's uploaded files", why: `why`). Returns the
  number of files erased. Bytes go when the transaction commits (call it inside the erasure's transaction).

The hooks victimcare.dataprotection looks for, ``files_for_case(case)`` ([(export name, bytes)]) and
``erase_files_for_case(case)``, are these two under the names it calls.
"""

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from victimcare.cases.access import log_case_access
from victimcare.cases.models import Case, CaseAccessLog, TimelineEvent
from victimcare.cases.services import once, record_event
from victimcare.uploads.models import StoredFile
from victimcare.uploads.storage import private_storage
from victimcare.uploads.validation import EXTENSIONS, CheckedFile, UploadRefused

logger = logging.getLogger(__name__)
Kind = TimelineEvent.Kind

# What the access log records, in English.
ACCESS_LOG_WHAT = (
    gettext_noop("added a photograph of property"), gettext_noop("removed a photograph of property"),
    gettext_noop("added a letter or document"), gettext_noop("removed a letter or document"),
    gettext_noop("erased the case's uploaded files"),
)


def _store_bytes(stored: StoredFile, checked: CheckedFile) -> None:
    storage = private_storage()
    saved = storage.save(stored.storage_name, ContentFile(checked.content))
    if saved != stored.storage_name:  # a UUID4 never collides; if it did, refuse rather than rename
        storage.delete(saved)
        raise RuntimeError("An uploaded file's name was taken")


def _delete_bytes_on_commit(names: list[str]) -> None:
    def delete():
        storage = private_storage()
        for name in names:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete uploaded file %s", name)
    transaction.on_commit(delete)


def _log(case: Case, actor, what: str, why: str, channel: str) -> None:
    log_case_access(case, actor, CaseAccessLog.Action.CHANGED, what=what, why=why, channel=channel)


def _create(case, checked: CheckedFile, actor, at, **fields) -> StoredFile:
    if not isinstance(checked, CheckedFile):
        raise TypeError("Only a file checked by victimcare.uploads.validation can be stored")
    stored = StoredFile.objects.create(
        case=case, display_name=checked.display_name, content_type=checked.content_type, size=checked.size,
        sha256=checked.sha256, uploaded_by=actor, uploaded_at=at, **fields)
    _store_bytes(stored, checked)  # last: if it fails, the transaction rolls back and no row is left
    return stored


def _replay(event) -> StoredFile:
    return StoredFile.objects.get(key=event.data["file"])


def add_photograph(item, checked: CheckedFile, *, actor, description: str = "", channel: str = "web",
                   idempotency_key=None) -> StoredFile:
    """A photograph of a property item (taken at seizure, in the store, before its return)."""
    case = item.case

    @transaction.atomic
    def perform():
        at = timezone.now()
        stored = _create(case, checked, actor, at, kind=StoredFile.Kind.PHOTOGRAPH, property_item=item,
                         description=(description or "").strip()[:200])
        record_event(case, Kind.PHOTOGRAPH_ADDED, actor, at, idempotency_key=idempotency_key,
                     file=str(stored.key), item=item.pk, exhibit=item.exhibit_reference)
        _log(case, actor, "added a photograph of property", "", channel)
        return stored

    return once(case, idempotency_key, perform, _replay)


def add_document(case: Case, checked: CheckedFile, *, actor, description: str, direction: str,
                 channel: str = "web", idempotency_key=None) -> StoredFile:
    """A letter or document on the case: received from the victim or sent to them."""
    description = (description or "").strip()
    if not description:
        raise UploadRefused(gettext_noop("Enter a short description of the letter or document"), "description")
    if direction not in StoredFile.Direction.values:
        raise UploadRefused(gettext_noop("Select whether the letter was received from the victim or sent to "
                                         "them"), "direction")

    @transaction.atomic
    def perform():
        at = timezone.now()
        stored = _create(case, checked, actor, at, kind=StoredFile.Kind.LETTER, description=description[:200],
                         direction=direction)
        record_event(case, Kind.DOCUMENT_ADDED, actor, at, idempotency_key=idempotency_key,
                     file=str(stored.key), direction=direction)
        _log(case, actor, "added a letter or document", "", channel)
        return stored

    return once(case, idempotency_key, perform, _replay)


def remove_file(stored: StoredFile, *, actor, reason: str, channel: str = "web", idempotency_key=None
                ) -> StoredFile:
    """Remove a photograph or letter, with the reason: its bytes are deleted (when the transaction commits);
    the row stays, marked removed, so the timeline can say what went and why."""
    reason = (reason or "").strip()
    if not reason:
        raise UploadRefused(gettext_noop("Enter why it is being removed"), "reason")
    case = stored.case

    @transaction.atomic
    def perform():
        locked = StoredFile.objects.select_for_update().get(pk=stored.pk)
        if locked.removed_at is not None:
            return locked
        locked.removed_at, locked.removed_by, locked.removal_reason = timezone.now(), actor, reason[:1000]
        locked.save(update_fields=["removed_at", "removed_by", "removal_reason"])
        photograph = locked.kind == StoredFile.Kind.PHOTOGRAPH
        extra = ({"item": locked.property_item_id, "exhibit": stored.property_item.exhibit_reference} if photograph
                 else {"direction": locked.direction})
        record_event(case, Kind.PHOTOGRAPH_REMOVED if photograph else Kind.DOCUMENT_REMOVED, actor,
                     locked.removed_at, idempotency_key=idempotency_key, file=str(locked.key), **extra)
        _log(case, actor, "removed a photograph of property" if photograph else "removed a letter or document",
             reason, channel)
        _delete_bytes_on_commit([locked.storage_name])
        return locked

    return once(case, idempotency_key, perform, _replay)


# --- Subject access and erasure ------------------------------------------------------------------
def files_of_case(case: Case):
    """Every file held on the case (not removed), letters and photographs, oldest first."""
    return (StoredFile.objects.current().filter(case=case).select_related("property_item", "uploaded_by")
            .order_by("uploaded_at", "id"))


def open_file(stored: StoredFile):
    """The stored bytes, as a binary file object (FileNotFoundError if they are gone)."""
    return private_storage().open(stored.storage_name, "rb")


def export_name(stored: StoredFile) -> str:
    stem = stored.display_name.rsplit(".", 1)[0]
    return f"{stored.key}-{stem}{EXTENSIONS.get(stored.content_type, '')}"


@transaction.atomic
def erase_files_of_case(case: Case, actor, why: str, *, channel: str = "web") -> int:
    """Delete every file of the case (bytes when the transaction commits, and the rows): nothing
    identifying is kept. Returns how many were erased. Logged on the case when there is an actor."""
    files = list(StoredFile.objects.select_for_update().filter(case=case).values_list("pk", "key"))
    if not files:
        return 0
    StoredFile.objects.filter(pk__in=[pk for pk, _key in files]).delete()
    _delete_bytes_on_commit([str(key) for _pk, key in files])
    if actor is not None:
        _log(case, actor, "erased the case's uploaded files", why, channel)
    return len(files)


def files_for_case(case: Case) -> list[tuple[str, bytes]]:
    """For victimcare.dataprotection's export: [(export name, bytes)] of files_of_case (a file whose bytes are
    missing is left out)."""
    found = []
    for stored in files_of_case(case):
        try:
            with open_file(stored) as handle:
                found.append((export_name(stored), handle.read()))
        except FileNotFoundError:
            logger.error("Uploaded file %s has no bytes", stored.key)
    return found


def erase_files_for_case(case: Case) -> int:
    """For victimcare.dataprotection's anonymisation, which logs the erasure itself."""
    return erase_files_of_case(case, None, "")
