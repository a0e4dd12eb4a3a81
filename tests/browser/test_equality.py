"""Equality monitoring and the phone survey in a browser, in English and Welsh: the staff pages from the case
page and the victim's "About you" page in the portal look like GOV.UK, axe-core finds no serious or critical
violation, titles say nothing about the crime, and the screenshots are saved for review. Then the officer
records the answers from the case page and the form comes back pre-filled."""

import pytest
from django.urls import reverse

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from tests.browser.test_portal import PHONE, portal_session
from victimcare.equality.models import EqualityAnswers
from victimcare.satisfaction.models import SurveyResponse

pytestmark = pytest.mark.browser


def _submit(page):
    page.locator("main form button[type=submit]").last.click()


def staff_equality(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("equality:case-answers", kwargs={"case_id": scene["case"].pk}))


def staff_equality_errors(page, context, live_server, personas, scene):
    staff_equality(page, context, live_server, personas, scene)
    _submit(page)
    page.wait_for_selector(".govuk-error-summary")


def phone_survey(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["supervisor"])
    page.goto(reverse("satisfaction:record-by-phone", kwargs={"case_id": scene["case"].pk}))


def phone_survey_errors(page, context, live_server, personas, scene):
    phone_survey(page, context, live_server, personas, scene)
    page.locator("#id_ease_of_contact").check()
    _submit(page)
    page.wait_for_selector(".govuk-error-summary")


def about_you(page, context, live_server, personas, scene):
    page.set_viewport_size(PHONE)
    portal_session(context, live_server, scene["case"])
    page.goto(reverse("portal:about-you"))


def about_you_errors(page, context, live_server, personas, scene):
    about_you(page, context, live_server, personas, scene)
    _submit(page)
    page.wait_for_selector(".govuk-error-summary")


PAGES = {
    "equality-staff": (staff_equality, {"en": "Equality monitoring (optional)",
                                        "cy": "Monitro cydraddoldeb (dewisol)"}),
    "equality-staff-errors": (staff_equality_errors, {"en": "Select at least one answer",
                                                      "cy": "Dewiswch o leiaf un ateb"}),
    "survey-by-phone": (phone_survey, {"en": "Record satisfaction survey answers from a phone interview",
                                       "cy": "Cofnodi atebion yr arolwg boddhad o gyfweliad ffôn"}),
    "survey-by-phone-errors": (phone_survey_errors, {
        "en": "Select how satisfied the victim is with: How you were treated",
        "cy": "Dewiswch pa mor fodlon yw'r dioddefwr â: Sut y cawsoch eich trin"}),
    "portal-about-you": (about_you, {"en": "About you (optional)", "cy": "Amdanoch chi (dewisol)"}),
    "portal-about-you-errors": (about_you_errors, {"en": "Choose at least one answer",
                                                   "cy": "Dewiswch o leiaf un ateb"}),
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page(page, context, live_server, personas, scene, name, language):
    open_page, expected = PAGES[name]
    use_language(context, live_server, language)
    open_page(page, context, live_server, personas, scene)
    screenshot(page, f"{name}-{language}")
    assert expected[language] in page.locator("main").inner_text()
    title = page.title()
    assert "GW/2025/004242" not in title and "Ffion" not in title and "coercive" not in title.lower()
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")


def test_the_officer_records_the_answers_from_the_case_page(page, context, live_server, personas, scene):
    case = scene["case"]
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    page.get_by_role("link", name="Equality monitoring (optional)").click()
    page.get_by_role("group", name="What is your sex?").get_by_label("Female").check()
    page.get_by_role("group", name="Are you disabled?").get_by_label("Prefer not to say").check()
    page.get_by_label("Christian").check()
    page.get_by_role("button", name="Save answers").click()
    assert "Equality monitoring answers saved." in page.locator(".govuk-notification-banner--success").inner_text()
    assert "Christian" not in page.locator("main").inner_text()
    sections = page.get_by_role("navigation", name="Sections of the case")
    sections.get_by_role("link", name="Timeline").click()
    timeline = page.locator(".moj-timeline").inner_text()
    assert "The victim's answers to the equality monitoring questions were recorded." in timeline
    assert "Christian" not in page.locator("main").inner_text()
    assert EqualityAnswers.objects.get(victim=case.victim).answers() == {
        "sex": "female", "ethnicity": "", "disability": "prefer_not_to_say", "religion": "christian",
        "sexual_orientation": ""}
    sections.get_by_role("link", name="Summary").click()
    page.get_by_role("link", name="Equality monitoring (optional)").click()
    assert page.get_by_label("Christian").is_checked()
    screenshot(page, "equality-staff-prefilled")

    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    sections.get_by_role("link", name="Documents and messages").click()  # the satisfaction survey is with the portal
    page.get_by_role("link", name="Record satisfaction survey answers from a phone interview").click()
    for question in ("Making contact with the police", "The actions the police took",
                     "How well you were kept informed", "How you were treated", "Your whole experience"):
        page.get_by_role("group", name=question).get_by_label("Fairly satisfied").check()
    page.get_by_label("Anything else the victim wants to tell us (optional)").fill("Kind and patient.")
    page.get_by_role("button", name="Save answers").click()
    assert "Satisfaction survey answers recorded." in page.locator(".govuk-notification-banner--success").inner_text()
    survey = SurveyResponse.objects.get(case=case)
    assert survey.how == "phone" and set(survey.ratings().values()) == {2}
    assert page.url.endswith(reverse("cases:documents", kwargs={"case_id": case.pk}) + "#portal")  # back where it was
    assert page.get_by_role("link", name="Record satisfaction survey answers from a phone interview").count() == 0
