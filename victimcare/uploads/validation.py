"""The one place an uploaded file is checked. Everything that stores a file takes a CheckedFile from here.

Photographs: JPEG or PNG only, recognised by their first bytes, opened and verified by Pillow, refused if
they declare more than settings.UPLOAD_MAX_IMAGE_PIXELS (a decompression bomb) or cannot be fully decoded
(truncated), then re-encoded: what is stored is a new image made from the pixels alone, so EXIF (GPS position,
camera, time), text chunks and anything appended after the image (a polyglot) are gone.

Letters and documents: a PDF (starting with %PDF-, ending with %%EOF, with no JavaScript, launch actions,
embedded files or rich media, looked for in the file and inside its compressed streams, names with #xx
escapes decoded, and no HTML or SVG markup anywhere), or a JPEG or PNG scan (checked as a photograph).

Anything else is refused (SVG, HTML, a renamed file, an empty file, a name with folder parts). Each refusal
is an UploadRefused naming the field and saying why, in the reader's language, with the limit where there is
one."""

import hashlib
import io
import re
import struct
import unicodedata
import warnings
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext, gettext_noop
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

ImageFile.LOAD_TRUNCATED_IMAGES = False

JPEG, PNG, PDF = "image/jpeg", "image/png", "application/pdf"
EXTENSIONS = {JPEG: ".jpg", PNG: ".png", PDF: ".pdf"}
_SIGNATURES = ((b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG), (b"%PDF-", PDF))
_PILLOW_FORMAT = {JPEG: "JPEG", PNG: "PNG"}

# PDF names that run code, open other programs or carry other files. Matched as whole names.
_PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)(?![A-Za-z0-9])")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\n?endstream", re.DOTALL)
_MARKUP = re.compile(rb"<\s*(html|script|svg|iframe|body|!doctype|\?xml)", re.IGNORECASE)
_STREAM_LIMIT = 50 * 1024 * 1024  # bytes decompressed from all of one PDF's streams, at most
_NAME_LENGTH = 120


class UploadRefused(Exception):
    """The file cannot be stored. `field` is the form field at fault; the message is English (gettext_noop),
    shown in the reader's language with `translated()`."""

    def __init__(self, message: str, field: str, **params):
        self.message, self.field, self.params = message, field, params
        super().__init__(message % params if params else message)

    def translated(self) -> str:
        text = gettext(self.message)
        return text % self.params if self.params else text


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed the checks: the bytes to store (re-encoded for images), what they are and their
    sanitised name for display."""

    content: bytes
    content_type: str
    display_name: str

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


# Every refusal, whole, for each field it can be about (whole sentences translate better than a field's name
# put into one).
MESSAGES = {
    "no_name": {"photograph": gettext_noop("The photograph has no file name"),
                "document": gettext_noop("The letter or document has no file name")},
    "folders": {"photograph": gettext_noop("The photograph's file name has folders in it: choose the file itself"),
                "document": gettext_noop("The letter or document's file name has folders in it: choose the file "
                                         "itself")},
    "too_large": {"photograph": gettext_noop("The photograph must be smaller than %(limit)s MB"),
                  "document": gettext_noop("The letter or document must be smaller than %(limit)s MB")},
    "empty": {"photograph": gettext_noop("The photograph is empty"),
              "document": gettext_noop("The letter or document is empty")},
    "damaged": {"photograph": gettext_noop("The photograph is damaged or is not really a JPEG or PNG image"),
                "document": gettext_noop("The letter or document is damaged or is not really a JPEG or PNG image")},
    "too_many_pixels": {
        "photograph": gettext_noop("The photograph is too large an image: it must have fewer than %(limit)s million "
                                   "pixels"),
        "document": gettext_noop("The letter or document is too large an image: it must have fewer than %(limit)s "
                                 "million pixels")},
    "not_image": {"photograph": gettext_noop("The photograph must be a JPEG or PNG image")},
    "not_document": {"document": gettext_noop("The letter or document must be a PDF, JPEG or PNG file")},
    "incomplete_pdf": {"document": gettext_noop("The letter or document is not a complete PDF (it may be damaged)")},
    "active_pdf": {"document": gettext_noop("The letter or document contains scripts, attachments or actions: save "
                                            "it again as a plain PDF (for example by printing it to PDF)")},
    "markup_pdf": {"document": gettext_noop("The letter or document contains web page or SVG markup: save it again "
                                            "as a plain PDF")},
}


def _refused(reason: str, field: str, **params) -> "UploadRefused":
    return UploadRefused(MESSAGES[reason][field], field, **params)


def _limit_mb(kind: str) -> int:
    return settings.UPLOAD_MAX_PHOTO_MB if kind == "photograph" else settings.UPLOAD_MAX_LETTER_MB


def display_name(name: str, field: str, content_type: str) -> str:
    """The client's name made safe to show: refused if empty or with folder parts; control and formatting
    characters dropped; shortened; the extension made to match what the file is."""
    name = unicodedata.normalize("NFC", name or "")
    if not name.strip():
        raise _refused("no_name", field)
    if "/" in name or "\\" in name or name.strip() in (".", "..") or "\x00" in name:
        raise _refused("folders", field)
    kept = "".join(ch for ch in name if unicodedata.category(ch)[0] not in ("C", "Z") or ch == " ")
    stem = kept.rsplit(".", 1)[0] if "." in kept.lstrip(".") else kept
    stem = " ".join(stem.split()).strip(" .")[: _NAME_LENGTH - 5] or "file"
    return stem + EXTENSIONS[content_type]


def sniff(content: bytes) -> str | None:
    for signature, content_type in _SIGNATURES:
        if content.startswith(signature):
            return content_type
    return None


def _read(upload, field: str, limit_mb: int) -> bytes:
    size = getattr(upload, "size", None)
    limit = limit_mb * 1024 * 1024
    if size is not None and size > limit:
        raise _refused("too_large", field, limit=limit_mb)
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise _refused("too_large", field, limit=limit_mb)
    if not content:
        raise _refused("empty", field)
    return content


def _bad_image(field: str) -> UploadRefused:
    return _refused("damaged", field)


def _reencode(content: bytes, content_type: str, field: str) -> bytes:
    """Verify the image, refuse a decompression bomb or a truncated file, and return it re-encoded from its
    pixels alone (no EXIF, no text chunks, nothing appended)."""
    max_pixels = settings.UPLOAD_MAX_IMAGE_PIXELS
    too_many = _refused("too_many_pixels", field, limit=max_pixels // 1_000_000)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(content)) as image:
                if image.format != _PILLOW_FORMAT[content_type]:
                    raise _bad_image(field)
                if image.width * image.height > max_pixels:
                    raise too_many
                image.verify()
            with Image.open(io.BytesIO(content)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                out = io.BytesIO()
                if content_type == JPEG:
                    if image.mode not in ("RGB", "L"):
                        image = image.convert("RGB")
                    image.save(out, format="JPEG", quality=90, optimize=True)
                else:
                    if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1", "I", "I;16"):
                        image = image.convert("RGBA")
                    image.save(out, format="PNG", optimize=True)
                return out.getvalue()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise too_many from None
        except UploadRefused:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error):
            raise _bad_image(field) from None


def _pdf_names(content: bytes) -> bytes:
    return _PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), content)


def _pdf_streams(content: bytes):
    """The decompressed content of the PDF's Flate streams (those that are not, or fail, are skipped), up to
    _STREAM_LIMIT bytes in all."""
    budget = _STREAM_LIMIT
    for match in _PDF_STREAM.finditer(content):
        if budget <= 0:
            return
        decompressor = zlib.decompressobj()
        try:
            data = decompressor.decompress(match.group(1), budget)
        except zlib.error:
            continue
        budget -= len(data)
        yield data


def _check_pdf(content: bytes, field: str) -> None:
    if b"%%EOF" not in content[-1024:]:
        raise _refused("incomplete_pdf", field)
    for part in (content, *_pdf_streams(content)):
        if _PDF_ACTIVE.search(_pdf_names(part)):
            raise _refused("active_pdf", field)
        if _MARKUP.search(part):
            raise _refused("markup_pdf", field)


def check_photograph(upload, field: str = "photograph") -> CheckedFile:
    """A photograph of property: JPEG or PNG, re-encoded without its metadata."""
    content = _read(upload, field, _limit_mb("photograph"))
    content_type = sniff(content)
    if content_type not in (JPEG, PNG):
        raise _refused("not_image", field)
    name = display_name(getattr(upload, "name", ""), field, content_type)
    return CheckedFile(content=_reencode(content, content_type, field), content_type=content_type,
                       display_name=name)


def check_document(upload, field: str = "document") -> CheckedFile:
    """A letter or document: a plain PDF, or a JPEG or PNG scan (re-encoded without its metadata)."""
    content = _read(upload, field, _limit_mb("document"))
    content_type = sniff(content)
    if content_type is None:
        raise _refused("not_document", field)
    name = display_name(getattr(upload, "name", ""), field, content_type)
    if content_type == PDF:
        _check_pdf(content, field)
        return CheckedFile(content=content, content_type=PDF, display_name=name)
    return CheckedFile(content=_reencode(content, content_type, field), content_type=content_type,
                       display_name=name)
