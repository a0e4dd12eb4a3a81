"""The information rights officer's pages in a browser, in English and Welsh: they look like GOV.UK, axe-core finds
no serious or critical violation, and the screenshots are saved for review. Then the journeys, in both languages:
find a victim, record a subject access request and download the export; work the retention queue to erasure."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from tests.factories import CrimeFactory
from tests.web.conftest import make_case
from victimcare.cases.services import close_case
from victimcare.dataprotection.models import RetentionReview, SubjectAccessRequest
from victimcare.victims.models import Victim

pytestmark = pytest.mark.browser


def _closed_with_review(scene, personas):
    case = make_case(scene["case"].unit, personas["officer"], personas["call_handler"], victim=scene["case"].victim,
                     at=timezone.now() - dt.timedelta(days=40), crime=CrimeFactory(reference="GW/2018/000077"))
    close_case(case, actor=personas["officer"], at=timezone.now() - dt.timedelta(days=30))
    return RetentionReview.objects.create(case=case, rule="default", review_on=timezone.localdate())


def _request(scene, personas):
    return SubjectAccessRequest.objects.create(victim=scene["case"].victim, reference="SAR/2025/0142",
                                               received_on=dt.date(2025, 11, 3),
                                               recorded_by=personas["information_rights"])


def search(page, personas, scene):
    page.goto(reverse("dataprotection:start") + f"?reference={scene['case'].crime.reference}")


def search_error(page, personas, scene):
    page.goto(reverse("dataprotection:start") + "?family_name=Morgan")


def victim_page(page, personas, scene):
    _request(scene, personas)
    page.goto(reverse("dataprotection:victim", kwargs={"victim_id": scene["case"].victim_id}))


def request_errors(page, personas, scene):
    page.goto(reverse("dataprotection:request-new", kwargs={"victim_id": scene["case"].victim_id}))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def request_page(page, personas, scene):
    page.goto(reverse("dataprotection:request", kwargs={"request_id": _request(scene, personas).pk}))


def correct(page, personas, scene):
    page.goto(reverse("dataprotection:correct", kwargs={"victim_id": scene["case"].victim_id}))


def queue(page, personas, scene):
    _closed_with_review(scene, personas)
    page.goto(reverse("dataprotection:queue"))


def review_errors(page, personas, scene):
    page.goto(reverse("dataprotection:review", kwargs={"review_id": _closed_with_review(scene, personas).pk}))
    page.locator("input[name=decision][value=keep]").check()  # keep, with no reason or date
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def anonymise(page, personas, scene):
    page.goto(reverse("dataprotection:anonymise", kwargs={"review_id": _closed_with_review(scene, personas).pk}))


PAGES = {
    "dataprotection-search": (search, {"en": "Ffion Morgan", "cy": "Ffion Morgan"}),
    "dataprotection-search-error": (search_error, {"en": "Enter the date of birth as well as the last name",
                                                   "cy": "Rhowch y dyddiad geni yn ogystal â'r cyfenw"}),
    "dataprotection-victim": (victim_page, {"en": "Subject access requests", "cy": "Ceisiadau gwrthrych am wybodaeth"}),
    "dataprotection-request-errors": (request_errors, {"en": "Request reference", "cy": "Cyfeirnod y cais"}),
    "dataprotection-request": (request_page, {"en": "3 December 2025", "cy": "Rhagfyr 2025"}),
    "dataprotection-correct": (correct, {"en": "Why are the details being corrected?",
                                         "cy": "Pam mae'r manylion yn cael eu cywiro?"}),
    "dataprotection-queue": (queue, {"en": "GW/2018/000077", "cy": "GW/2018/000077"}),
    "dataprotection-review-errors": (review_errors, {"en": "Enter why the case is kept for longer",
                                                     "cy": "Rhowch pam mae'r achos yn cael ei gadw am fwy o amser"}),
    "dataprotection-anonymise": (anonymise, {"en": "Any other case", "cy": "Unrhyw achos arall"}),
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page(page, context, live_server, personas, information_rights, scene, name, language):
    open_page, expected = PAGES[name]
    use_language(context, live_server, language)
    sign_in_as(context, live_server, information_rights)
    open_page(page, personas, scene)
    screenshot(page, f"{name}-{language}")
    assert expected[language] in page.locator("main").inner_text()
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")


def said(language: str, text: str, context: str = "") -> str:
    with translation.override(language):
        return pgettext(context, text) if context else gettext(text)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_journey_find_record_and_download(page, context, live_server, personas, information_rights, scene,
                                          language):
    case = scene["case"]
    use_language(context, live_server, language)
    sign_in_as(context, live_server, information_rights)
    page.goto("/")
    page.wait_for_url(f"**{reverse('dataprotection:start')}")  # their start page
    page.fill("#id_reference", case.crime.reference)
    page.get_by_role("button", name=said(language, "Find", "data protection")).click()
    page.get_by_role("link", name="Ffion Morgan").click()
    check_accessibility(page, f"journey: victim ({language})")
    page.get_by_role("link", name=said(language, "Record a subject access request")).click()
    page.fill("#id_reference", "SAR/2025/0142")
    received = timezone.localdate() - dt.timedelta(days=3)
    page.fill("#id_received_on", str(received.day))
    page.fill("#id_received_on_1", str(received.month))
    page.fill("#id_received_on_2", str(received.year))
    page.get_by_role("button", name=said(language, "Record the request")).click()
    page.wait_for_url("**/data-protection/requests/*/")
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"journey: request ({language})")
    with page.expect_download() as download:
        page.get_by_role("button", name=said(language, "Download everything held")).click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    victims = json.loads(archive.read("data/victims.Victim.json"))["rows"]
    assert victims[0]["family_name"] == "Morgan"
    assert 'lang="cy"' in archive.read("summary.html").decode()  # Ffion's language is Welsh
    page.reload()
    assert said(language, "Not downloaded yet.") not in page.locator("main").inner_text()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_journey_queue_to_erasure(page, context, live_server, personas, information_rights, scene, language):
    review = _closed_with_review(scene, personas)
    use_language(context, live_server, language)
    sign_in_as(context, live_server, information_rights)
    page.goto(reverse("dataprotection:start"))
    page.locator("main a[href$='/retention/']").click()
    page.get_by_role("link", name=f"{said(language, 'Review', 'data protection')} GW/2018/000077").click()
    page.get_by_label(said(language, "Erase the personal data now")).check()
    page.get_by_role("button", name=said(language, "Continue", "data protection")).click()
    page.wait_for_url(f"**{reverse('dataprotection:anonymise', kwargs={'review_id': review.pk})}")
    assert said(language, "This cannot be undone.") in page.locator("main").inner_text()
    # Ffion's other case (the scene's main one) is still kept: her own details stay.
    page.get_by_role("button", name=said(language, "Erase the personal data")).click()
    page.wait_for_url(f"**{reverse('dataprotection:queue')}")
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"journey: queue after erasure ({language})")
    assert "GW/2018/000077" in page.locator(".govuk-notification-banner, .govuk-panel, main").first.inner_text()
    assert RetentionReview.objects.get(pk=review.pk).status == "anonymised"
    assert Victim.objects.get(pk=scene["case"].victim_id).family_name == "Morgan"
