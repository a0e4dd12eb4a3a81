"""The services other parts of the system call: the files of a case for a subject access export, their erasure
(bytes and rows, nothing identifying left, the timeline no longer describing them), the data protection hooks, and
the start-up check that the private folder is not served."""

from pathlib import Path

import pytest

from tests.uploads.conftest import jpeg_with_gps, pdf, stored_names, upload
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.timeline import describe
from victimcare.dataprotection.export import uploaded_files_for_case
from victimcare.uploads import services
from victimcare.uploads.checks import check_private_files_root
from victimcare.uploads.models import StoredFile
from victimcare.uploads.validation import CheckedFile, check_document, check_photograph


def letter(case, officer, description="Letter about the bicycle"):
    return services.add_document(case, check_document(upload("Letter to Mrs Jones.pdf", pdf())), actor=officer,
                                 description=description, direction="from_victim")


def photograph(item, officer):
    return services.add_photograph(item, check_photograph(upload("bike.jpg", jpeg_with_gps())), actor=officer,
                                   description="Frame number")


def test_files_of_a_case_for_export(case, officer, item, django_capture_on_commit_callbacks):
    first, second = letter(case, officer), photograph(item, officer)
    removed = letter(case, officer, "Sent by mistake")
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_file(removed, actor=officer, reason="Wrong case")
    assert list(services.files_of_case(case)) == [first, second]
    with services.open_file(first) as handle:
        assert handle.read() == pdf()
    assert services.export_name(first) == f"{first.key}-Letter to Mrs Jones.pdf"
    exported = dict(uploaded_files_for_case(case))  # what the subject access export gets
    assert set(exported) == {services.export_name(first), services.export_name(second)}
    assert exported[services.export_name(first)] == pdf()


def test_erasing_the_files_of_a_case(case, officer, item, private_root, django_capture_on_commit_callbacks):
    letter(case, officer)
    photograph(item, officer)
    removed = letter(case, officer, "Sent by mistake")
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_file(removed, actor=officer, reason="Mrs Jones asked us to")
    assert len(stored_names(private_root)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        erased = services.erase_files_of_case(case, officer, "Retention period ended")
    assert erased == 3 and not StoredFile.objects.exists() and stored_names(private_root) == []
    assert CaseAccessLog.objects.filter(case=case, user=officer, action="changed",
                                        what="erased the case's uploaded files", why="Retention period ended").exists()
    # The timeline says only that files came and went: their descriptions and the reasons were on the rows.
    for event in TimelineEvent.objects.filter(case=case, kind__in=[
            TimelineEvent.Kind.DOCUMENT_ADDED, TimelineEvent.Kind.DOCUMENT_REMOVED,
            TimelineEvent.Kind.PHOTOGRAPH_ADDED]):
        entry = describe(event, case)
        text = entry.description + entry.detail
        assert "Letter about" not in text and "Mrs Jones" not in text and "Frame number" not in text
        assert set(event.data) <= {"file", "direction", "item", "exhibit"}
    assert services.erase_files_of_case(case, officer, "again") == 0


def test_the_data_protection_hook_erases_without_an_actor(case, officer, private_root,
                                                          django_capture_on_commit_callbacks):
    letter(case, officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.erase_files_for_case(case) == 1
    assert stored_names(private_root) == [] and not StoredFile.objects.exists()


def test_the_timeline_describes_files_while_they_are_held(case, officer, item):
    letter(case, officer)
    photograph(item, officer)
    entries = [describe(event, case) for event in TimelineEvent.objects.filter(
        case=case, kind__in=[TimelineEvent.Kind.DOCUMENT_ADDED, TimelineEvent.Kind.PHOTOGRAPH_ADDED])
        .order_by("id")]
    assert [(entry.description, entry.detail) for entry in entries] == [
        ("A letter or document received from the victim was added.", "Letter about the bicycle"),
        ("A photograph of exhibit UP/1 was added.", "Frame number")]
    assert entries[0].title == "Letter or document added"


def test_only_checked_files_are_stored(case, officer, private_root):
    with pytest.raises(TypeError):
        services.add_document(case, upload("x.pdf", pdf()), actor=officer, description="x", direction="to_victim")
    assert not StoredFile.objects.exists() and stored_names(private_root) == []


def test_a_storage_failure_leaves_no_row(case, officer, monkeypatch, private_root):
    def fail(*args, **kwargs):
        raise OSError("disk full")
    monkeypatch.setattr("django.core.files.storage.FileSystemStorage.save", fail)
    with pytest.raises(OSError):
        services.add_document(case, CheckedFile(pdf(), "application/pdf", "a.pdf"), actor=officer,
                              description="x", direction="to_victim")
    assert not StoredFile.objects.exists()
    assert not TimelineEvent.objects.filter(kind=TimelineEvent.Kind.DOCUMENT_ADDED).exists()


def test_the_private_folder_must_not_be_served(settings):
    assert check_private_files_root() == []
    settings.PRIVATE_FILES_ROOT = Path(settings.STATIC_ROOT) / "uploads"
    assert [error.id for error in check_private_files_root()] == ["uploads.E001"]
    settings.PRIVATE_FILES_ROOT = Path(settings.STATICFILES_DIRS[0][1]) / "x"
    assert [error.id for error in check_private_files_root()] == ["uploads.E001"]
