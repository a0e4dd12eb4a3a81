"""Every staff page, in English and in Welsh: loads, looks like a GOV.UK service, and axe-core finds no
serious or critical WCAG 2.0/2.1/2.2 A or AA violation. A screenshot of each is saved for review. The case
page's six sections are walked through its sub navigation, one sign-in for each language."""

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
from victimcare.contact import services as contact
from victimcare.contact.choices import Channel
from victimcare.court import services as court
from victimcare.sharing.models import Decision, How
from victimcare.support import services as support
from victimcare.support.models import SupportNeed, SupportService

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


# The case page's sections, in the order of the sub navigation: the link's name, the panels' headings (h2) the
# section shows, in order, and something of the case's own in it (from the scene and `case_with_panels`).
SECTIONS = {
    "detail": ({"en": "Summary", "cy": "Crynodeb"},
               {"en": ["Commitments", "The crime", "The victim", "The case"],
                "cy": ["Ymrwymiadau", "Y drosedd", "Y dioddefwr", "Yr achos"]},
               {"en": "Overdue", "cy": "Hwyr"}),
    "contact": ({"en": "Contact and response", "cy": "Cyswllt ac ymateb"},
                {"en": ["First contact", "Updates for the victim"],
                 "cy": ["Cyswllt cyntaf", "Diweddariadau i'r dioddefwr"]},
                {"en": "Weekdays after 5pm", "cy": "Weekdays after 5pm"}),
    "support": ({"en": "Support and partners", "cy": "Cymorth a phartneriaid"},
                {"en": ["Support for the victim", "Consent and information sharing", "Neighbourhood team",
                        "Multi-agency risk assessment"],
                 "cy": ["Cymorth i'r dioddefwr", "Caniatâd a rhannu gwybodaeth", "Tîm plismona bro",
                        "Asesiad risg amlasiantaethol"]},
                {"en": "Victim Support Gwent", "cy": "Cymorth i Ddioddefwyr Gwent"}),
    "court": ({"en": "Court and property", "cy": "Llys ac eiddo"},
              {"en": ["Court and witness care", "Property"], "cy": ["Llys a gofal tystion", "Eiddo"]},
              {"en": "Cardiff Crown Court", "cy": "Cardiff Crown Court"}),
    "documents": ({"en": "Documents and messages", "cy": "Dogfennau a negeseuon"},
                  {"en": ["Letters and documents", "From the victim", "Messages to the victim"],
                   "cy": ["Llythyrau a dogfennau", "Gan y dioddefwr", "Negeseuon at y dioddefwr"]},
                  {"en": "Letters and documents", "cy": "Llythyrau a dogfennau"}),
    "timeline": ({"en": "Timeline", "cy": "Llinell amser"},
                 {"en": ["Timeline"], "cy": ["Llinell amser"]},
                 {"en": "We have spoken to a witness.", "cy": "We have spoken to a witness."}),
}
SUB_NAVIGATION = {"en": "Sections of the case", "cy": "Adrannau'r achos"}


@pytest.fixture
def case_with_panels(scene, personas, victim_service):
    """The scene's case with something in the panels of three sections: how the victim is updated and an update
    given, a referral for support, a charge."""
    case, officer = scene["case"], personas["officer"]
    contact.agree_contact(case, contact.Terms(channel=Channel.PHONE, every_days=14, language="cy",
                                                    preferred_times="Weekdays after 5pm"), actor=officer)
    contact.record_update(case, channel=Channel.PHONE, language="cy", summary="We have spoken to a witness.",
                          actor=officer)
    service = SupportService.objects.create(
        name_en="Victim Support Gwent", name_cy="Cymorth i Ddioddefwyr Gwent",
        summary_en="Emotional and practical help after any crime.",
        summary_cy="Cymorth emosiynol ac ymarferol ar ôl unrhyw drosedd.",
        needs=[SupportNeed.EMOTIONAL, SupportNeed.SAFETY], languages=["en", "cy"], organisation=victim_service)
    support.record_needs_assessment(case, [SupportNeed.EMOTIONAL, SupportNeed.SAFETY], actor=officer)
    support.record_support_choice(case, Decision.GIVEN, how=How.VERBAL, actor=officer)
    support.send_referral(case, service, actor=officer, needs=[SupportNeed.EMOTIONAL])
    court.start_prosecution(case, court="Cardiff Crown Court", defendant="Dylan Morgan", charge="Coercive control",
                            violent_or_sexual=True, actor=officer)
    return case


@pytest.mark.parametrize("language", ["en", "cy"])
def test_case_sections(page, context, live_server, personas, case_with_panels, language):
    """The officer opens the summary and follows the sub navigation through every section, then back to the
    summary: each lands where its link says, marks its own link as the current page, shows its own panels, looks
    like GOV.UK and passes axe-core."""
    case = case_with_panels
    use_language(context, live_server, language)
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    navigation = page.get_by_role("navigation", name=SUB_NAVIGATION[language])
    for name in [*SECTIONS, "detail"]:
        link, headings, shown = (words[language] for words in SECTIONS[name])
        url = reverse(f"cases:{name}", kwargs={"case_id": case.pk})
        if page.url != f"{live_server.url}{url}":
            navigation.get_by_role("link", name=link, exact=True).click()
            page.wait_for_url(f"{live_server.url}{url}")
        current = navigation.locator("a[aria-current=page]")
        assert current.count() == 1, name
        assert current.inner_text() == link
        assert current.get_attribute("href") == url
        assert [each.inner_text() for each in navigation.get_by_role("link").all()] == [
            SECTIONS[each][0][language] for each in SECTIONS]
        assert page.get_by_role("heading", level=1).inner_text() == case.victim.full_name
        main = page.locator("main")
        assert [heading.inner_text() for heading in main.locator("h2:not(.govuk-error-summary__title)").all()
                if heading.is_visible()] == headings, name
        assert shown in main.inner_text(), name
        if name != "detail":
            assert page.title().startswith(f"{link} \u2013 "), page.title()
        check_looks_like_govuk(page, language)
        check_accessibility(page, f"case page, {link} ({language})")
        screenshot(page, f"case-section-{name}-{language}")
