"""Uploading in a browser, English and Welsh: a photograph of a property item and a letter on a case, through
GOV.UK's file upload component (Playwright's set_input_files), each page checked for the GOV.UK look and by
axe-core and screenshotted; the thumbnail really loads through the serving view under the Content Security
Policy; a refused file shows its error; a file is removed with a reason."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot
from tests.browser.test_journey import Journey
from tests.uploads.conftest import HTML, jpeg_with_gps, pdf
from victimcare.property import services as property_services
from victimcare.property.models import Reason, Store
from victimcare.uploads.models import StoredFile

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture
def item(scene, personas, unit):
    store = Store.objects.create(code="newport-central", name_en="Newport Central property store",
                                 name_cy="Storfa eiddo Canol Casnewydd", force=unit.parent)
    return property_services.seize_item(
        scene["case"], actor=personas["officer"], exhibit_reference="OP/7", description="Red mountain bicycle",
        owner_is_victim=True, reason=Reason.EVIDENCE, photographs_allowed=True,
        review_on=timezone.localdate() + dt.timedelta(days=28), taken_from="Garden of 3 Bridge Street",
        to_store=store, to_place="Cage 2", at=timezone.now() - dt.timedelta(days=2))


def said(language, text, context=None):
    with translation.override(language):
        return pgettext(context, text) if context else gettext(text)


def choose(page, field, name, content, mime):
    page.set_input_files(f"#id_{field}", files=[{"name": name, "mimeType": mime, "buffer": content}])


def thumbnails_load(page) -> bool:
    return page.evaluate("() => [...document.querySelectorAll('main img')].every(i => i.complete && i.naturalWidth > 0)"
                         " && document.querySelectorAll('main img').length > 0")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_photograph_of_property(page, context, live_server, personas, item, language):
    journey = Journey(page, context, live_server, language)
    journey.as_user(personas["officer"])
    photographs = reverse("uploads:photographs", kwargs={"item_id": item.pk})
    journey.go(reverse("property:item", kwargs={"item_id": item.pk}), "uploads-item")
    journey.follow(photographs, "uploads-photographs-none")

    choose(page, "photograph", "bike.jpg", HTML, "image/jpeg")  # a web page renamed .jpg
    page.locator("main form button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")
    error = said(language, "The photograph must be a JPEG or PNG image")
    assert error in page.locator(".govuk-error-summary").inner_text()
    assert error in page.locator("#id_photograph-error").inner_text()
    screenshot(page, f"uploads-photograph-refused-{language}")
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"uploads photograph refused ({language})")
    assert not StoredFile.objects.exists()

    choose(page, "photograph", "IMG_0042.JPG", jpeg_with_gps((800, 600)), "image/jpeg")
    page.fill("#id_description", "Front wheel and frame number")
    journey.submit("uploads-photograph-added", photographs)
    assert said(language, "Photograph added.") in journey.success()
    stored = StoredFile.objects.get()
    assert page.locator(f"main img[src='{reverse('uploads:serve', kwargs={'key': stored.key})}']").count() == 1
    page.wait_for_function("() => [...document.querySelectorAll('main img')].every(i => i.complete)")
    assert thumbnails_load(page), "the thumbnail did not load through the serving view"
    journey.go(reverse("property:item", kwargs={"item_id": item.pk}), "uploads-item-with-photograph")
    page.wait_for_function("() => [...document.querySelectorAll('main img')].every(i => i.complete)")
    assert thumbnails_load(page)

    journey.go(photographs, "uploads-photographs-one")
    journey.follow(reverse("uploads:remove-photograph", kwargs={"key": stored.key}), "uploads-photograph-remove")
    page.fill("#id_reason", "Taken of the wrong bicycle")
    journey.submit("uploads-photograph-removed", photographs)
    assert said(language, "Photograph removed.") in journey.success()
    assert said(language, "No photographs yet.") in page.locator("main").inner_text()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_letter_on_a_case(page, context, live_server, personas, scene, language):
    case = scene["case"]
    journey = Journey(page, context, live_server, language)
    journey.as_user(personas["officer"])
    letters = reverse("uploads:documents", kwargs={"case_id": case.pk})
    documents = reverse("cases:documents", kwargs={"case_id": case.pk})
    journey.go(reverse("cases:detail", kwargs={"case_id": case.pk}), "uploads-case")
    journey.follow(documents, "uploads-case-documents")  # the sub navigation's "Documents and messages"
    journey.follow(letters, "uploads-letters-none")

    page.locator("main form button[type=submit]").click()  # nothing chosen
    page.wait_for_selector(".govuk-error-summary")
    summary = page.locator(".govuk-error-summary").inner_text()
    for message in ("Choose a letter or document to upload", "Enter a short description of the letter or document",
                    "Select whether the letter was received from the victim or sent to them"):
        assert said(language, message) in summary
    screenshot(page, f"uploads-letter-errors-{language}")
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"uploads letter errors ({language})")

    choose(page, "document", "Llythyr at Ffion Morgan.pdf", pdf(), "application/pdf")
    page.fill("#id_description", "Letter confirming the property return")
    page.check("input[name=direction][value=to_victim]")
    journey.submit("uploads-letter-added", letters)
    assert said(language, "Letter or document added.") in journey.success()
    stored = StoredFile.objects.get()
    link = page.locator(f"main a[href='{reverse('uploads:serve', kwargs={'key': stored.key})}']").first
    assert link.inner_text() == "Letter confirming the property return"
    download = page.request.get(reverse("uploads:serve", kwargs={"key": stored.key}))
    assert download.status == 200 and download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.body() == pdf() or download.body().startswith(b"%PDF-")

    journey.go(documents, "uploads-case-with-letter")
    panel_link = page.locator(f"main a[href='{reverse('uploads:serve', kwargs={'key': stored.key})}']").first
    assert panel_link.inner_text() == "Letter confirming the property return"
    journey.follow(reverse("cases:timeline", kwargs={"case_id": case.pk}), "uploads-case-timeline")
    timeline = page.locator(".moj-timeline").inner_text()
    assert said(language, "A letter or document sent to the victim was added.") in timeline
    journey.follow(documents, "uploads-case-documents-with-letter")
    journey.follow(letters, "uploads-letters-one")
    journey.follow(reverse("uploads:remove-document", kwargs={"key": stored.key}), "uploads-letter-remove")
    page.fill("#id_reason", "Uploaded to the wrong case")
    journey.submit("uploads-letter-removed", letters)
    assert said(language, "Letter or document removed.") in journey.success()
    assert said(language, "No letters or documents yet.") in page.locator("main").inner_text()
