"""How uploaded-file events read on a case's timeline. The event holds only the file's key (and the exhibit
or direction); the description and the reason for a removal are read from the file's row, so erasing the
files of a case (services.erase_files_of_case) leaves nothing of them on the timeline. The rows of a case are
read once per case shown (cached on the case object)."""

from django.utils.translation import gettext, gettext_noop

from victimcare.cases.models import TimelineEvent
from victimcare.uploads.models import StoredFile

Kind = TimelineEvent.Kind
# The titles of these kinds (TimelineEvent.Kind's labels), in this app's Welsh catalogue.
KIND_LABELS = (gettext_noop("Photograph of property added"), gettext_noop("Photograph of property removed"),
               gettext_noop("Letter or document added"), gettext_noop("Letter or document removed"))


def _files(case) -> dict[str, StoredFile]:
    if case is None:
        return {}
    cached = getattr(case, "_uploaded_files", None)
    if cached is None:
        cached = {str(stored.key): stored for stored in StoredFile.objects.filter(case=case)}
        case._uploaded_files = cached
    return cached


def _row(data, case):
    return _files(case).get(str(data.get("file", "")))


def _photograph_added(data, case):
    row = _row(data, case)
    return (gettext("A photograph of exhibit %(exhibit)s was added.") % {"exhibit": data.get("exhibit", "")},
            row.description if row else "")


def _photograph_removed(data, case):
    row = _row(data, case)
    return (gettext("A photograph of exhibit %(exhibit)s was removed.") % {"exhibit": data.get("exhibit", "")},
            row.removal_reason if row else "")


def _document_added(data, case):
    row = _row(data, case)
    if data.get("direction") == StoredFile.Direction.FROM_VICTIM:
        sentence = gettext("A letter or document received from the victim was added.")
    else:
        sentence = gettext("A letter or document sent to the victim was added.")
    return sentence, row.description if row else ""


def _document_removed(data, case):
    row = _row(data, case)
    sentence = gettext("A letter or document was removed.")
    if row and row.description:
        sentence = gettext("A letter or document was removed: %(description)s.") % {"description": row.description}
    return sentence, row.removal_reason if row else ""


DESCRIBERS = {
    Kind.PHOTOGRAPH_ADDED: _photograph_added,
    Kind.PHOTOGRAPH_REMOVED: _photograph_removed,
    Kind.DOCUMENT_ADDED: _document_added,
    Kind.DOCUMENT_REMOVED: _document_removed,
}
