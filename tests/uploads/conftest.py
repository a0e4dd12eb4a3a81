"""Files for the upload tests (made in memory) and a private folder of each test's own."""

import datetime as dt
import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from victimcare.property import services as property_services
from victimcare.property.models import Reason, Store


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"
    return settings.PRIVATE_FILES_ROOT


def stored_names(root) -> list[str]:
    return sorted(path.name for path in root.rglob("*") if path.is_file()) if root.exists() else []


GPS = {1: "N", 2: (51.0, 35.0, 18.0), 3: "W", 4: (2.0, 59.0, 51.0)}


def jpeg_with_gps(size=(64, 48)) -> bytes:
    """A JPEG whose EXIF says where it was taken (Newport) and with what camera."""
    exif = Image.Exif()
    exif[0x010F] = "VictimPhoneMaker"
    exif[0x8825] = GPS
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def png(size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 120, 200, 255)).save(out, "PNG")
    return out.getvalue()


def png_bomb(width=100_000, height=100_000) -> bytes:
    """A tiny PNG whose header declares enormous dimensions (a decompression bomb), CRC corrected."""
    data = bytearray(png((8, 8)))
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def pdf(text="Letter to the victim") -> bytes:
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    document.set_font("helvetica", size=12)
    document.cell(text=text)
    return bytes(document.output())


def pdf_with_javascript() -> bytes:
    return (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n"
            b"trailer\n<< /Root 1 0 R >>\n%%EOF\n")


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def store(force):
    return Store.objects.create(code="uploads-store", name_en="Newport Central property store",
                                name_cy="Storfa eiddo Canol Casnewydd", force=force)


@pytest.fixture
def item(case, officer, store):
    at = timezone.now() - dt.timedelta(days=3)
    return property_services.seize_item(
        case, actor=officer, exhibit_reference="UP/1", description="Red bicycle", owner_is_victim=True,
        reason=Reason.EVIDENCE, photographs_allowed=True, review_on=timezone.localdate() + dt.timedelta(days=28),
        taken_from="12 High Street, Newport", to_store=store, to_place="Bay 4", at=at)
