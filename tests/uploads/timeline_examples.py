"""How the uploaded-file timeline events read, in English and Welsh (checked by tests/web/test_timeline.py). The
event holds only the file's key, so without the file's row (erased, or not loaded here) no description shows."""

from victimcare.cases.models import TimelineEvent
from victimcare.uploads.models import StoredFile

Kind = TimelineEvent.Kind
KEY = "7f1c9a52-3d4e-4b6a-9c1d-2e8f0a4b5c6d"

EXAMPLES: list = [
    (Kind.PHOTOGRAPH_ADDED, {"file": KEY, "exhibit": "GW-EX-0001"},
     "A photograph of exhibit GW-EX-0001 was added.", "Ychwanegwyd ffotograff o arddangosyn GW-EX-0001."),
    (Kind.PHOTOGRAPH_REMOVED, {"file": KEY, "exhibit": "GW-EX-0001"},
     "A photograph of exhibit GW-EX-0001 was removed.", "Tynnwyd ffotograff o arddangosyn GW-EX-0001."),
    (Kind.DOCUMENT_ADDED, {"file": KEY, "direction": StoredFile.Direction.FROM_VICTIM},
     "A letter or document received from the victim was added.",
     "Ychwanegwyd llythyr neu ddogfen a dderbyniwyd gan y dioddefwr."),
    (Kind.DOCUMENT_ADDED, {"file": KEY, "direction": StoredFile.Direction.TO_VICTIM},
     "A letter or document sent to the victim was added.",
     "Ychwanegwyd llythyr neu ddogfen a anfonwyd at y dioddefwr."),
    (Kind.DOCUMENT_REMOVED, {"file": KEY}, "A letter or document was removed.", "Tynnwyd llythyr neu ddogfen."),
]
