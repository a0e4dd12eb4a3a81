"""What the uploads app sets up for the access matrix: a photograph of the property app's item and a letter on
the shared case (see tests/access/rules_uploads.py). URL arguments are the files' keys, not ids."""

from types import SimpleNamespace

from tests.uploads.conftest import jpeg_with_gps, pdf, upload
from victimcare.property.models import PropertyItem
from victimcare.uploads import services
from victimcare.uploads.validation import check_document, check_photograph


def make(case, personas) -> dict:
    officer = personas["officer"]
    item = PropertyItem.objects.filter(case=case).order_by("id").first()
    photograph = services.add_photograph(item, check_photograph(upload("bike.jpg", jpeg_with_gps())), actor=officer)
    letter = services.add_document(case, check_document(upload("letter.pdf", pdf())), actor=officer,
                                   description="Letter about the bicycle", direction="to_victim")
    # From("...") takes an object's pk: these carry the keys.
    return {"photograph_key": SimpleNamespace(pk=photograph.key), "letter_key": SimpleNamespace(pk=letter.key)}
