"""Every staff page, in English and in Welsh: loads, looks like a GOV.UK service, and axe-core finds no
serious or critical WCAG 2.0/2.1/2.2 A or AA violation. A screenshot of each is saved for review."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)

pytestmark = pytest.mark.browser


def sign_in_page(page, context, live_server, personas, scene):
    page.goto(reverse("accounts:sign-in"))


def sign_in_with_errors(page, context, live_server, personas, scene):
    page.goto(reverse("accounts:sign-in"))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def locked_out(page, context, live_server, personas, scene):
    page.goto(reverse("accounts:sign-in"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        page.fill("#id_username", "officer")
        page.fill("#id_password", "not-the-password")
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 0


def case_list(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:list"))


def case_list_filtered(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:list") + "?status=open&overdue=yes&enhanced=perhaps")
    page.wait_for_selector(".govuk-notification-banner")


def case_page(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:detail", kwargs={"case_id": scene["case"].pk}))
    page.wait_for_selector(".app-commitment--overdue")


def record_decision_with_errors(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:record-decision", kwargs={"case_id": scene["case"].pk}))
    page.fill("#id_note", "x" * 1001)
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def record_informed(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:record-informed", kwargs={"case_id": scene["case"].pk,
                                                       "commitment_id": scene["commitment"].pk}))


def access_log(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["supervisor"])
    page.goto(reverse("cases:detail", kwargs={"case_id": scene["case"].pk}))
    page.goto(reverse("cases:access-log", kwargs={"case_id": scene["case"].pk}))


PAGES = {
    "sign-in": (sign_in_page, {"en": "Sign in to Victim Care", "cy": "Mewngofnodi i Gofal Dioddefwyr"}),
    "sign-in-errors": (sign_in_with_errors, {"en": "Enter your username", "cy": "Rhowch eich enw defnyddiwr"}),
    "locked-out": (locked_out, {"en": "You cannot sign in for now", "cy": "Ni allwch fewngofnodi am y tro"}),
    "case-list": (case_list, {"en": "3 cases", "cy": "3 achos"}),
    "case-list-filtered": (case_list_filtered, {"en": "Enhanced rights filter ignored",
                                                "cy": "Anwybyddwyd yr hidlydd"}),
    "case-page": (case_page, {"en": "Overdue", "cy": "Hwyr"}),
    "record-decision-errors": (record_decision_with_errors, {"en": "Select the investigation decision",
                                                             "cy": "Dewiswch y penderfyniad yn yr ymchwiliad"}),
    "record-informed": (record_informed, {"en": "How was the victim told?", "cy": "Sut cafodd y dioddefwr wybod?"}),
    "access-log": (access_log, {"en": "Everyone who has read or changed this case",
                                "cy": "Pawb sydd wedi darllen neu newid yr achos hwn"}),
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
