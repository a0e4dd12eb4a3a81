"""Uploading, seeing, serving and removing photographs of property and letters, through the pages: each refusal
names the field and saves nothing (no row, no file); files are stored under their UUID; only the people who may
see the parent get the bytes, with safe headers; anyone else, a guessed key or a removed file: 404."""

import io
import uuid

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tests.uploads.conftest import (
    HTML,
    SVG,
    jpeg_with_gps,
    pdf,
    pdf_with_javascript,
    png,
    png_bomb,
    stored_names,
    upload,
)
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.uploads import services
from victimcare.uploads.models import StoredFile
from victimcare.uploads.validation import check_document, check_photograph


def photographs_url(item):
    return reverse("uploads:photographs", kwargs={"item_id": item.pk})


def documents_url(case):
    return reverse("uploads:documents", kwargs={"case_id": case.pk})


def serve_url(stored):
    return reverse("uploads:serve", kwargs={"key": stored.key})


def post_photograph(client, item, content, name="IMG_0001.jpg", **extra):
    return client.post(photographs_url(item), {"photograph": upload(name, content), "description": "Front wheel",
                                               **extra})


def post_document(client, case, content, name="letter.pdf", **extra):
    data = {"document": upload(name, content), "description": "Letter about the bicycle", "direction": "to_victim"}
    return client.post(documents_url(case), {**data, **extra})


def a_photograph(item, officer):
    return services.add_photograph(item, check_photograph(upload("bike.jpg", jpeg_with_gps())), actor=officer)


def a_letter(case, officer):
    return services.add_document(case, check_document(upload("letter.pdf", pdf())), actor=officer,
                                 description="Letter about the bicycle", direction="to_victim")


# --- Uploading ---------------------------------------------------------------------------------------
def test_an_officer_adds_a_photograph_stored_under_its_uuid_without_exif(client, officer, item, private_root):
    client.force_login(officer)
    response = post_photograph(client, item, jpeg_with_gps(), name="victim's house GPS.jpg")
    assert response.status_code == 302 and response["Location"] == photographs_url(item)
    stored = StoredFile.objects.get()
    assert (stored.kind, stored.property_item, stored.case, stored.uploaded_by) == ("photograph", item, item.case,
                                                                                    officer)
    assert stored.display_name == "victim's house GPS.jpg" and stored.description == "Front wheel"
    assert stored.content_type == "image/jpeg" and stored.key.version == 4
    assert stored_names(private_root) == [str(stored.key)]  # named by its UUID, never the client's name
    on_disk = (private_root / str(stored.key)).read_bytes()
    assert b"VictimPhoneMaker" not in on_disk and not Image.open(io.BytesIO(on_disk)).getexif()
    assert stored.size == len(on_disk)
    served = client.get(serve_url(stored))
    assert served.content == on_disk and not Image.open(io.BytesIO(served.content)).getexif().get_ifd(0x8825)
    event = TimelineEvent.objects.get(kind=TimelineEvent.Kind.PHOTOGRAPH_ADDED)
    assert event.data == {"file": str(stored.key), "item": item.pk, "exhibit": "UP/1"} and event.actor == officer
    assert CaseAccessLog.objects.filter(case=item.case, user=officer, action="changed",
                                        what="added a photograph of property").exists()


def test_a_property_officer_adds_and_sees_photographs(client, property_officer, item):
    client.force_login(property_officer)
    assert post_photograph(client, item, png(), name="scan.png").status_code == 302
    stored = StoredFile.objects.get()
    page = client.get(photographs_url(item))
    assert serve_url(stored) in page.content.decode()
    assert client.get(serve_url(stored))["Content-Type"] == "image/png"


def test_the_same_form_sent_twice_stores_one_photograph(client, officer, item, private_root):
    client.force_login(officer)
    key = str(uuid.uuid4())
    post_photograph(client, item, jpeg_with_gps(), submission_id=key)
    post_photograph(client, item, jpeg_with_gps(), submission_id=key)
    assert StoredFile.objects.count() == 1 and len(stored_names(private_root)) == 1


def test_an_officer_adds_a_letter(client, officer, case, private_root):
    client.force_login(officer)
    sent = pdf()
    response = post_document(client, case, sent, name="Letter to Mrs Jones.pdf")
    assert response.status_code == 302 and response["Location"] == documents_url(case)
    stored = StoredFile.objects.get()
    assert (stored.kind, stored.direction, stored.content_type) == ("letter", "to_victim", "application/pdf")
    assert stored_names(private_root) == [str(stored.key)] and (private_root / str(stored.key)).read_bytes() == sent
    page = client.get(reverse("cases:documents", kwargs={"case_id": case.pk})).content.decode()
    assert "Letter about the bicycle" in page and serve_url(stored) in page
    timeline = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk})).content.decode()
    assert "A letter or document sent to the victim was added." in timeline


PHOTOGRAPH_REFUSALS = [
    ("html renamed .jpg", "photo.jpg", HTML, "The photograph must be a JPEG or PNG image"),
    ("svg", "drawing.svg", SVG, "The photograph must be a JPEG or PNG image"),
    ("truncated jpeg", "photo.jpg", jpeg_with_gps()[:300], "The photograph is damaged"),
    ("decompression bomb", "bomb.png", png_bomb(), "fewer than 40 million pixels"),
    ("pdf as a photograph", "photo.jpg", pdf(), "The photograph must be a JPEG or PNG image"),
    ("empty", "photo.jpg", b"", "The photograph is empty"),
]


@pytest.mark.parametrize(("name", "content", "words"), [case[1:] for case in PHOTOGRAPH_REFUSALS],
                         ids=[case[0] for case in PHOTOGRAPH_REFUSALS])
def test_a_refused_photograph_names_the_field_and_saves_nothing(client, officer, item, private_root, name, content,
                                                                 words):
    client.force_login(officer)
    response = post_photograph(client, item, content, name=name)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["photograph"] and words in errors["photograph"][0]
    assert words in response.content.decode()  # in the error summary and by the field
    assert not StoredFile.objects.exists() and stored_names(private_root) == []
    assert not TimelineEvent.objects.filter(kind=TimelineEvent.Kind.PHOTOGRAPH_ADDED).exists()


def test_an_oversized_photograph_is_cut_short_and_refused_naming_the_limit(client, officer, item, private_root,
                                                                           settings):
    settings.UPLOAD_MAX_PHOTO_MB = 1
    client.force_login(officer)
    response = post_photograph(client, item, png() + b"\0" * (3 * 1024 * 1024))
    assert response.context["form"].errors == {"photograph": ["The photograph must be smaller than 1 MB"]}
    assert not StoredFile.objects.exists() and stored_names(private_root) == []


def test_an_oversized_letter_is_refused_naming_the_limit(client, officer, case, private_root, settings):
    settings.UPLOAD_MAX_LETTER_MB = 1
    client.force_login(officer)
    response = post_document(client, case, pdf() + b"\n" * (2 * 1024 * 1024))
    assert response.context["form"].errors == {"document": ["The letter or document must be smaller than 1 MB"]}
    assert not StoredFile.objects.exists() and stored_names(private_root) == []


def test_wrong_field_types_are_refused_naming_each_field(client, officer, case, item, private_root):
    client.force_login(officer)
    # Text where a file belongs, a description too long, a direction that is not one of the choices.
    response = client.post(documents_url(case), {"document": "not a file", "description": "x" * 201,
                                                 "direction": "to_the_press"})
    assert set(response.context["form"].errors) == {"document", "description", "direction"}
    assert response.context["form"].errors["document"] == ["Choose a letter or document to upload"]
    response = client.post(photographs_url(item), {"photograph": "<script>alert(1)</script>"})
    assert response.context["form"].errors == {"photograph": ["Choose a photograph to upload"]}
    assert not StoredFile.objects.exists() and stored_names(private_root) == []


@pytest.mark.parametrize(("content", "words"), [
    (pdf_with_javascript(), "The letter or document contains scripts"),
    (HTML, "The letter or document must be a PDF, JPEG or PNG file"),
    (SVG, "The letter or document must be a PDF, JPEG or PNG file"),
    (b"", "The letter or document is empty"),
])
def test_a_refused_letter_names_the_field_and_saves_nothing(client, officer, case, private_root, content, words):
    client.force_login(officer)
    response = post_document(client, case, content)
    assert list(response.context["form"].errors) == ["document"]
    assert words in response.context["form"].errors["document"][0]
    assert not StoredFile.objects.exists() and stored_names(private_root) == []


def test_a_letter_needs_a_description_and_a_direction(client, officer, case, private_root):
    client.force_login(officer)
    response = post_document(client, case, pdf(), description="", direction="")
    assert response.context["form"].errors == {
        "description": ["Enter a short description of the letter or document"],
        "direction": ["Select whether the letter was received from the victim or sent to them"]}
    assert not StoredFile.objects.exists() and stored_names(private_root) == []


def test_a_welsh_reader_gets_the_refusal_in_welsh(client, officer, item):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    client.force_login(officer)
    response = post_photograph(client, item, HTML)
    error = response.context["form"].errors["photograph"][0]
    assert "JPEG" in error and "photograph" not in error
    assert 'lang="cy"' in response.content.decode()


# --- Serving -----------------------------------------------------------------------------------------
def test_a_served_photograph_has_safe_headers_and_the_read_is_logged(client, officer, item):
    stored = a_photograph(item, officer)
    client.force_login(officer)
    response = client.get(serve_url(stored))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Content-Disposition"].startswith("inline;")
    assert CaseAccessLog.objects.filter(case=item.case, user=officer, action="viewed",
                                        what=f"photograph of property {stored.key}").exists()


def test_a_served_letter_is_a_download(client, officer, case):
    stored = a_letter(case, officer)
    client.force_login(officer)
    response = client.get(serve_url(stored))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert CaseAccessLog.objects.filter(case=case, user=officer, what=f"letter or document {stored.key}").exists()


def test_a_guessed_address_is_404(client, officer, item):
    a_photograph(item, officer)
    client.force_login(officer)
    assert client.get(reverse("uploads:serve", kwargs={"key": uuid.uuid4()})).status_code == 404
    assert client.get(f"/files/{item.pk}/").status_code == 404  # not an id either


def test_another_units_file_is_404(client, officer, other_officer, item, case):
    photograph, letter = a_photograph(item, officer), a_letter(case, officer)
    client.force_login(other_officer)
    for stored in (photograph, letter):
        assert client.get(serve_url(stored)).status_code == 404
    assert client.get(photographs_url(item)).status_code == 404
    assert client.get(documents_url(case)).status_code == 404
    assert not CaseAccessLog.objects.filter(user=other_officer).exists()


def test_a_file_of_a_case_the_user_can_no_longer_see_is_404(client, officer, item, case, other_unit):
    photograph, letter = a_photograph(item, officer), a_letter(case, officer)
    client.force_login(officer)
    assert client.get(serve_url(letter)).status_code == 200
    case.unit = other_unit  # the case moved to another unit
    case.save(update_fields=["unit"])
    for stored in (photograph, letter):
        assert client.get(serve_url(stored)).status_code == 404


def test_letters_are_for_the_cases_unit_only(client, officer, supervisor, call_handler, partner, caseworker,
                                             property_officer, case):
    letter = a_letter(case, officer)
    for user, expected in ((supervisor, 200), (call_handler, 404), (partner, 404), (caseworker, 404),
                           (property_officer, 404)):
        client.force_login(user)
        assert client.get(serve_url(letter)).status_code == expected, user


def test_a_removed_file_is_404_and_its_bytes_are_gone(client, officer, item, private_root,
                                                      django_capture_on_commit_callbacks):
    stored = a_photograph(item, officer)
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("uploads:remove-photograph", kwargs={"key": stored.key}),
                               {"reason": "Duplicate of the first photograph"})
    assert response.status_code == 302
    assert client.get(serve_url(stored)).status_code == 404
    assert stored_names(private_root) == []
    stored.refresh_from_db()
    assert stored.removed_by == officer and stored.removal_reason == "Duplicate of the first photograph"
    assert CaseAccessLog.objects.filter(case=item.case, user=officer, action="changed",
                                        what="removed a photograph of property",
                                        why="Duplicate of the first photograph").exists()
    page = client.get(reverse("cases:timeline", kwargs={"case_id": item.case_id})).content.decode()
    assert "A photograph of exhibit UP/1 was removed." in page and "Duplicate of the first photograph" in page


def test_removing_needs_a_reason_and_keeps_the_file(client, officer, case, private_root):
    letter = a_letter(case, officer)
    client.force_login(officer)
    response = client.post(reverse("uploads:remove-document", kwargs={"key": letter.key}), {"reason": "  "})
    assert response.context["form"].errors == {"reason": ["Enter why it is being removed"]}
    assert stored_names(private_root) == [str(letter.key)] and StoredFile.objects.current().count() == 1


def test_a_photograph_key_is_not_a_letter_to_remove(client, officer, item):
    stored = a_photograph(item, officer)
    client.force_login(officer)
    assert client.get(reverse("uploads:remove-document", kwargs={"key": stored.key})).status_code == 404


def test_the_panels_show_the_files(client, officer, item, case):
    photograph, letter = a_photograph(item, officer), a_letter(case, officer)
    client.force_login(officer)
    item_page = client.get(reverse("property:item", kwargs={"item_id": item.pk})).content.decode()
    assert serve_url(photograph) in item_page and photographs_url(item) in item_page
    section = reverse("cases:documents", kwargs={"case_id": case.pk})
    case_page = client.get(section).content.decode()
    assert serve_url(letter) in case_page and documents_url(case) in case_page
    assert f'href="{section}" class="govuk-back-link"' in client.get(documents_url(case)).content.decode()


# --- Queries -----------------------------------------------------------------------------------------
def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_page_query_counts_do_not_grow(client, officer, item, case, django_assert_max_num_queries):
    first_photo, first_letter = a_photograph(item, officer), a_letter(case, officer)
    client.force_login(officer)
    urls = (reverse("cases:documents", kwargs={"case_id": case.pk}),
            photographs_url(item), documents_url(case), serve_url(first_photo), serve_url(first_letter),
            reverse("uploads:remove-photograph", kwargs={"key": first_photo.key}),
            reverse("uploads:remove-document", kwargs={"key": first_letter.key}))
    counts = {url: _queries(client, url) for url in urls}
    for _ in range(6):
        a_photograph(item, officer), a_letter(case, officer)
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
    assert max(counts.values()) <= 8, counts  # the documents section, 8; the files' own pages, 7
    print(f"uploads pages: {counts}")


def test_an_upload_is_cut_short_at_its_fields_limit_as_it_arrives(rf, settings):
    """The first upload handler keeps at most the limit plus one byte of each file (the rest is never stored)."""
    settings.UPLOAD_MAX_PHOTO_MB, settings.UPLOAD_MAX_LETTER_MB = 1, 2
    request = rf.post("/", {"photograph": upload("a.png", b"\0" * (3 * 1024 * 1024)),
                            "document": upload("b.pdf", b"\0" * (3 * 1024 * 1024)),
                            "other": upload("c.bin", b"\0" * 1000)})
    files = request.FILES
    assert files["photograph"].size == 1024 * 1024 + 1
    assert files["document"].size == 2 * 1024 * 1024 + 1
    assert files["other"].size == 1000


def test_a_client_file_name_with_folders_never_reaches_the_disk(client, officer, item, private_root):
    """Sent raw (the test client would strip it first): Django keeps only the last part, which is shown, never
    used to store the file."""
    client.force_login(officer)
    boundary = "----victimcare"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"photograph\"; "
            f"filename=\"../../../etc/cron.d/house.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").encode()
    body += jpeg_with_gps() + f"\r\n--{boundary}--\r\n".encode()
    response = client.generic("POST", photographs_url(item), body, f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 302
    stored = StoredFile.objects.get()
    assert stored.display_name == "house.jpg"
    assert stored_names(private_root) == [str(stored.key)]
    assert not any(part.name in ("etc", "cron.d") for part in private_root.rglob("*"))
