"""The contact pages in a browser, in English and Welsh: they look like GOV.UK, axe-core finds no serious
or critical violation, and the screenshots are saved for review. Then one journey: agree, update, fail."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
from victimcare.contact import services
from victimcare.contact.models import ContactAgreement, VictimUpdate
from victimcare.contact.services import Terms

pytestmark = pytest.mark.browser


def _url(name, scene):
    return reverse(f"contact:{name}", kwargs={"case_id": scene["case"].pk})


SECTION_LINKS = {"en": "Contact and response", "cy": "Cyswllt ac ymateb"}


def open_contact_section_from_the_summary(page, case):
    """Open the case's summary and follow the sub navigation, in the page's language, to the section that
    holds the updates panel."""
    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    language = page.locator("html").get_attribute("lang")
    page.locator(".moj-sub-navigation").get_by_role("link", name=SECTION_LINKS[language], exact=True).click()
    page.wait_for_url(f"**{reverse('cases:contact', kwargs={'case_id': case.pk})}")
    assert page.locator('.moj-sub-navigation a[aria-current="page"]').inner_text() == SECTION_LINKS[language]


def agreement_with_errors(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(_url("agreement", scene))
    page.locator("#id_frequency-4").check()  # another number of days, but none given
    page.fill("#id_nominated_contact", "07700 900999")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def agreed(scene, officer, **changes):
    terms = {"channel": "phone", "every_days": 14, "preferred_times": "Weekdays after 5pm",
             "times_not_to_contact": "Weekends", "details_not_to_use": "The landline at the family home",
             "language": "cy", "nominated_name": "Mair Morgan", "nominated_relationship": "Sister",
             "nominated_contact": "07700 900456", **changes}
    services.agree_contact(scene["case"], Terms(**terms), actor=officer,
                           at=timezone.now() - dt.timedelta(days=20))


def update_form(page, context, live_server, personas, scene):
    agreed(scene, personas["officer"])
    sign_in_as(context, live_server, personas["officer"])
    page.goto(_url("record-update", scene))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def failed_attempt_form(page, context, live_server, personas, scene):
    agreed(scene, personas["officer"])
    sign_in_as(context, live_server, personas["officer"])
    page.goto(_url("record-failed-attempt", scene))


def case_page_with_agreement(page, context, live_server, personas, scene):
    agreed(scene, personas["officer"])  # agreed 20 days ago, every 14 days: the update is overdue
    sign_in_as(context, live_server, personas["officer"])
    open_contact_section_from_the_summary(page, scene["case"])
    page.wait_for_selector("#updates-for-the-victim")


def case_page_without_agreement(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:contact", kwargs={"case_id": scene["case"].pk}))
    page.wait_for_selector("#updates-for-the-victim")


PAGES = {
    "contact-agreement-errors": (agreement_with_errors, {"en": "Enter the number of days between updates",
                                                         "cy": "Rhowch nifer y diwrnodau rhwng diweddariadau"}),
    "contact-update-errors": (update_form, {"en": "Enter what the victim was told",
                                            "cy": "Rhowch beth ddywedwyd wrth y dioddefwr"}),
    "contact-failed-attempt": (failed_attempt_form, {"en": "Why did it fail?", "cy": "Pam na lwyddodd?"}),
    "contact-case-page": (case_page_with_agreement, {"en": "The next update was due by",
                                                     "cy": "Roedd y diweddariad nesaf i fod erbyn"}),
    "contact-case-page-nothing-agreed": (case_page_without_agreement, {
        "en": "Agree how to update the victim", "cy": "Cytuno sut i roi diweddariadau i'r dioddefwr"}),
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page(page, context, live_server, personas, scene, name, language):
    open_page, expected = PAGES[name]
    use_language(context, live_server, language)
    open_page(page, context, live_server, personas, scene)
    screenshot(page, f"{name}-{language}")
    assert expected[language] in page.locator("main").inner_text()
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")


def test_officer_agrees_updates_then_records_an_update_and_a_failed_attempt(page, context, live_server, personas,
                                                                            scene):
    case = scene["case"]
    sign_in_as(context, live_server, personas["officer"])
    open_contact_section_from_the_summary(page, case)
    contact = reverse("cases:contact", kwargs={"case_id": case.pk})

    page.get_by_role("button", name="Agree how to update the victim").click()
    page.get_by_label("Text message").check()
    page.get_by_label("Every 7 days").check()
    page.get_by_label("Times not to contact (optional)").fill("School run, 8am to 9am")
    page.get_by_label("Welsh").check()
    page.get_by_role("button", name="Save the agreement").click()
    page.wait_for_url(f"**{contact}")
    assert "Agreement recorded. Next update due by" in page.locator(".govuk-notification-banner--success").inner_text()
    assert "Every 7 days" in page.locator("main").inner_text()

    page.get_by_role("button", name="Record a failed attempt").click()
    page.get_by_label("Message not delivered").check()
    page.get_by_role("button", name="Record the failed attempt").click()
    page.wait_for_url(f"**{contact}")
    assert "The update is still owed" in page.locator(".govuk-notification-banner--success").inner_text()

    page.get_by_role("button", name="Record an update").click()
    page.get_by_label("What was the victim told?").fill("CCTV from Commercial Street is being reviewed.")
    page.get_by_role("button", name="Record the update").click()
    page.wait_for_url(f"**{contact}")
    assert "Update recorded." in page.locator(".govuk-notification-banner--success").inner_text()
    screenshot(page, "contact-flow")

    page.locator(".moj-sub-navigation").get_by_role("link", name="Timeline", exact=True).click()
    page.wait_for_url(f"**{reverse('cases:timeline', kwargs={'case_id': case.pk})}")
    timeline = page.locator(".moj-timeline").inner_text()
    assert "The victim was updated by text message." in timeline
    assert "An attempt to update the victim by text message failed: message not delivered." in timeline

    assert ContactAgreement.objects.get(case=case).language == "cy"
    assert VictimUpdate.objects.filter(case=case).count() == 2
