"""The one place files are checked: what is accepted, what is refused and why (naming the field), and what is
stored instead of what was sent (images re-encoded without their metadata)."""

import io
import zlib

import pytest
from django.utils import translation
from PIL import Image

from tests.uploads.conftest import HTML, SVG, jpeg_with_gps, pdf, pdf_with_javascript, png, png_bomb, upload
from victimcare.uploads import validation
from victimcare.uploads.validation import UploadRefused, check_document, check_photograph


def refusal(check, name, content, field=None) -> UploadRefused:
    with pytest.raises(UploadRefused) as caught:
        check(upload(name, content), field) if field else check(upload(name, content))
    return caught.value


def test_a_jpeg_is_re_encoded_without_its_exif_gps_or_camera():
    sent = jpeg_with_gps()
    assert b"VictimPhoneMaker" in sent and Image.open(io.BytesIO(sent)).getexif().get_ifd(0x8825)
    checked = check_photograph(upload("IMG_0001.JPG", sent))
    assert checked.content_type == "image/jpeg" and checked.display_name == "IMG_0001.jpg"
    assert b"VictimPhoneMaker" not in checked.content and b"Exif" not in checked.content
    image = Image.open(io.BytesIO(checked.content))
    assert image.size == (64, 48) and not image.getexif()
    assert checked.size == len(checked.content) and len(checked.sha256) == 64


def test_a_png_is_accepted_and_its_text_chunks_dropped():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "taken at 12 High Street")
    out = io.BytesIO()
    Image.open(io.BytesIO(png())).save(out, "PNG", pnginfo=info)
    checked = check_photograph(upload("scan.png", out.getvalue()))
    assert checked.content_type == "image/png" and b"High Street" not in checked.content


def test_anything_appended_to_an_image_is_dropped():
    checked = check_photograph(upload("poly.jpg", jpeg_with_gps() + HTML))
    assert b"<script" not in checked.content


def test_a_real_pdf_is_kept_as_it_is():
    sent = pdf()
    checked = check_document(upload("letter.pdf", sent))
    assert checked.content == sent and checked.content_type == "application/pdf"


def test_a_scanned_letter_may_be_an_image():
    assert check_document(upload("scan.jpg", jpeg_with_gps())).content_type == "image/jpeg"


@pytest.mark.parametrize(("name", "content", "words"), [
    ("photo.jpg", HTML, "must be a JPEG or PNG image"),
    ("photo.svg", SVG, "must be a JPEG or PNG image"),
    ("photo.jpg", b"", "is empty"),
    ("photo.jpg", jpeg_with_gps()[:200], "damaged"),
    ("letter.pdf", pdf(), "must be a JPEG or PNG image"),
    ("photo.png", png_bomb(), "fewer than 40 million pixels"),
    ("photo.png", png_bomb(7000, 7000), "fewer than 40 million pixels"),  # above the cap, below Pillow's own
])
def test_photographs_refused_name_the_field(name, content, words):
    error = refusal(check_photograph, name, content)
    assert error.field == "photograph"
    assert error.translated().startswith("The photograph ") and words in error.translated()


@pytest.mark.parametrize(("content", "words"), [
    (HTML, "must be a PDF, JPEG or PNG file"),
    (SVG, "must be a PDF, JPEG or PNG file"),
    (pdf_with_javascript(), "contains scripts, attachments or actions"),
    (b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/J#61vaScript>>>>endobj\n%%EOF\n", "contains scripts"),
    (b"%PDF-1.4\n1 0 obj<</Type/Action/S/Launch/F(cmd.exe)>>endobj\n%%EOF\n", "contains scripts"),
    (b"%PDF-1.4\n1 0 obj<</Names<</EmbeddedFiles 2 0 R>>>>endobj\n%%EOF\n", "contains scripts"),
    (pdf() + HTML + b"\n%%EOF\n", "markup"),
    (pdf()[:-200], "not a complete PDF"),
    (b"", "is empty"),
])
def test_documents_refused_name_the_field(content, words):
    error = refusal(check_document, "letter.pdf", content)
    assert error.field == "document"
    assert error.translated().startswith("The letter or document ") and words in error.translated()


def test_javascript_hidden_in_a_compressed_stream_is_found():
    inner = zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>")
    content = (b"%PDF-1.5\n1 0 obj\n<< /Length " + str(len(inner)).encode() + b" /Filter /FlateDecode >>\nstream\n"
               + inner + b"\nendstream\nendobj\n%%EOF\n")
    assert "contains scripts" in refusal(check_document, "letter.pdf", content).translated()


def test_a_pdf_whose_header_is_not_at_the_start_is_not_a_pdf():
    assert "must be a PDF" in refusal(check_document, "letter.pdf", b"<html>\n" + pdf()).translated()


def test_too_large_names_the_field_and_the_limit(settings):
    settings.UPLOAD_MAX_PHOTO_MB = 1
    error = refusal(check_photograph, "big.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (1024 * 1024))
    assert error.translated() == "The photograph must be smaller than 1 MB"
    settings.UPLOAD_MAX_LETTER_MB = 2
    error = refusal(check_document, "big.pdf", b"%PDF-1.4\n" + b"\0" * (2 * 1024 * 1024))
    assert error.translated() == "The letter or document must be smaller than 2 MB"


def test_names_with_folders_are_refused():
    for name in ("../../etc/passwd.jpg", "C:\\Users\\victim\\photo.jpg", "photos/a.jpg"):
        with pytest.raises(UploadRefused) as caught:
            validation.display_name(name, "photograph", validation.JPEG)
        assert "folders" in caught.value.translated() and caught.value.field == "photograph"


def test_display_names_are_sanitised_and_match_what_the_file_is():
    assert validation.display_name("evil\u202egnp.exe", "document", validation.PDF) == "evilgnp.pdf"
    assert validation.display_name("  report  .html", "document", validation.PDF) == "report.pdf"
    assert validation.display_name("x" * 300 + ".jpg", "photograph", validation.JPEG) == "x" * 115 + ".jpg"
    assert validation.display_name(".jpg", "photograph", validation.JPEG) == "jpg.jpg"


def test_refusals_are_in_welsh_for_a_welsh_reader():
    error = refusal(check_photograph, "photo.jpg", HTML)
    with translation.override("cy"):
        text = error.translated()
    assert text != error.translated() and "JPEG" in text
