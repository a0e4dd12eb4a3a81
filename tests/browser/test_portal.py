"""The victim portal in a browser, on a phone-sized screen and a desktop, in English and Welsh: every page looks
like GOV.UK, has the exit button, and axe-core finds no serious or critical violation. Then the journey the
issue is checked by: sign in (the code read from the outbox), change how often updates come, withdraw a
consent, send a message; then the officer sees each of them on the case page and replies."""

import re

import pytest
from django.urls import reverse

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from tests.portal.helpers import sign_in_to_portal
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.contact.services import Terms, agree_contact, current_agreement
from victimcare.notifications.models import Message
from victimcare.sharing.services import current_consent, record_consent

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
EXIT = "https://www.bbc.co.uk/weather"


@pytest.fixture
def victim_case(scene, personas):
    case = scene["case"]
    agree_contact(case, Terms(channel="email", every_days=28), actor=personas["officer"])
    record_consent(victim=case.victim, purpose="multi_agency_meeting", decision="given", how="verbal",
                   actor=personas["officer"], case=case)
    return case


def portal_session(context, live_server, case) -> None:
    from django.conf import settings
    from django.test import Client

    client = Client()
    sign_in_to_portal(client, case)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def _submit(page):
    page.locator("main form button[type=submit]").last.click()


def start_errors(page, context, live_server, case):
    page.goto(reverse("portal:start"))
    _submit(page)
    page.wait_for_selector(".govuk-error-summary")


def start_page(page, context, live_server, case):
    page.goto(reverse("portal:start"))


def code_page(page, context, live_server, case):
    _ask_for_code(page, case)


def signed_in(name):
    def open_page(page, context, live_server, case):
        portal_session(context, live_server, case)
        page.goto(reverse(name))
    return open_page


def updates_errors(page, context, live_server, case):
    portal_session(context, live_server, case)
    page.goto(reverse("portal:updates"))
    page.fill("#id_quiet_from", "9pm")
    _submit(page)
    page.wait_for_selector(".govuk-error-summary")


PAGES = {
    "portal-start": (start_page, {"en": "See your case", "cy": "Gweld eich achos"}),
    "portal-start-errors": (start_errors, {"en": "Enter your crime reference number",
                                           "cy": "Rhowch eich rhif cyfeirnod trosedd"}),
    "portal-code": (code_page, {"en": "Enter your security code", "cy": "Rhowch eich cod diogelwch"}),
    "portal-home": (signed_in("portal:home"), {"en": "What happens next", "cy": "Beth sy'n digwydd nesaf"}),
    "portal-updates-errors": (updates_errors, {"en": "Enter a time like 21:00", "cy": "Rhowch amser fel 21:00"}),
    "portal-message": (signed_in("portal:message"), {"en": "Send a message to your officer",
                                                     "cy": "Anfon neges at eich swyddog"}),
    "portal-complaint": (signed_in("portal:complaint"), {"en": "Make a complaint", "cy": "Gwneud cwyn"}),
    "portal-consents": (signed_in("portal:consents"), {"en": "Withdraw", "cy": "Tynnu'n ôl"}),
    "portal-support": (signed_in("portal:support"), {"en": "Support for you", "cy": "Cymorth i chi"}),
    "portal-survey": (signed_in("portal:survey"), {"en": "Tell us how we did",
                                                   "cy": "Dywedwch wrthym sut y gwnaethom"}),
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page_on_a_phone(page, context, live_server, victim_case, name, language):
    open_page, expected = PAGES[name]
    page.set_viewport_size(PHONE)
    use_language(context, live_server, language)
    open_page(page, context, live_server, victim_case)
    screenshot(page, f"{name}-{language}-phone")
    assert expected[language] in page.locator("main").inner_text()
    title = page.title()
    assert title.endswith("Gwent Police" if language == "en" else "Heddlu Gwent")
    assert "GW/2025/004242" not in title and "coercive" not in page.content().lower()
    exit_button = page.locator(".govuk-exit-this-page__button")
    assert exit_button.get_attribute("href") == EXIT and exit_button.is_visible()
    box = exit_button.bounding_box()
    assert box["y"] < 250, "the exit button is at the top of the page"
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language}, phone)")
    page.set_viewport_size(DESKTOP)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_home_on_a_desktop(page, context, live_server, victim_case, language):
    use_language(context, live_server, language)
    portal_session(context, live_server, victim_case)
    page.goto(reverse("portal:home"))
    screenshot(page, f"portal-home-{language}-desktop")
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"portal home ({language}, desktop)")


def test_the_exit_button_leaves_without_javascript(browser, live_server, victim_case):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    try:
        page = context.new_page()
        page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title>"))
        page.goto(reverse("portal:start"))
        page.locator(".govuk-exit-this-page__button").click()
        page.wait_for_url(EXIT)
    finally:
        context.close()


def _ask_for_code(page, case):
    born = case.victim.date_of_birth
    page.goto(reverse("portal:start"))
    page.fill("#id_reference", case.crime.reference)
    page.fill("#id_surname", case.victim.family_name)
    page.fill("#id_dob_day", str(born.day))
    page.fill("#id_dob_month", str(born.month))
    page.fill("#id_dob_year", str(born.year))
    _submit(page)
    page.wait_for_url(f"**{reverse('portal:code')}")


def _panel_screenshot(page, name):
    """Just the "From the victim" panel, to look at (the whole case page is long)."""
    import os

    from tests.browser.conftest import SCREENSHOTS

    if os.environ.get("VICTIMCARE_NO_SCREENSHOTS"):
        return
    box = page.locator("#portal").bounding_box()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True,
                    clip={"x": 0, "y": max(box["y"] - 20, 0), "width": 1280, "height": 700})


JOURNEY_TEXT = {
    "en": {"updated": "Thank you. We will update you the way you chose.",
           "withdrawn": "You have withdrawn your consent.", "sent": "Your message has been sent.",
           "weekly": "Every week"},
    "cy": {"updated": "Diolch. Byddwn yn rhoi'r wybodaeth ddiweddaraf i chi yn y ffordd a ddewisoch.",
           "withdrawn": "Rydych wedi tynnu eich caniatâd yn ôl.", "sent": "Mae eich neges wedi'i hanfon.",
           "weekly": "Bob wythnos"},
}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_victims_journey_and_the_officer_sees_it(page, context, live_server, personas, victim_case, language,
                                                     viewport):
    text = JOURNEY_TEXT[language]
    case = victim_case
    page.set_viewport_size(PHONE if viewport == "phone" else DESKTOP)
    use_language(context, live_server, "en")
    if language == "cy":  # the victim picks Welsh on the sign-in page (on record: English), and it is kept
        page.goto(reverse("portal:start"))
        page.locator("button.app-language-switch[lang=cy]").click()
        page.wait_for_selector("html[lang=cy]")

    # Sign in: the details, then the code from the email in the outbox.
    _ask_for_code(page, case)
    message = Message.objects.filter(case=case, kind="portal_code").latest("pk")
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    page.fill("#id_code", code)
    _submit(page)
    page.wait_for_url(f"**{reverse('portal:home')}")
    assert case.crime.reference in page.locator("main").inner_text()

    # Updates every week instead of every 4 weeks.
    page.locator(f"main a[href='{reverse('portal:updates')}']").first.click()
    page.wait_for_url(f"**{reverse('portal:updates')}")
    page.get_by_label(text["weekly"]).check()
    _submit(page)
    page.wait_for_url(f"**{reverse('portal:home')}")
    assert text["updated"] in page.locator(".govuk-notification-banner").inner_text()
    assert current_agreement(case).every_days == 7

    # Withdraw consent to the multi-agency meeting.
    page.goto(reverse("portal:consents"))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_selector(".govuk-notification-banner")
    assert text["withdrawn"] in page.locator(".govuk-notification-banner").inner_text()
    assert current_consent(case.victim, "multi_agency_meeting").decision == "withdrawn"

    # A message to the officer.
    page.goto(reverse("portal:message"))
    page.fill("#id_text", "Has anyone been arrested yet?")
    _submit(page)
    page.wait_for_url(f"**{reverse('portal:home')}")
    assert text["sent"] in page.locator(".govuk-notification-banner").inner_text()
    screenshot(page, f"portal-journey-{language}-{viewport}")
    page.locator(".govuk-service-navigation form[action$='/sign-out/'] button").click()
    page.wait_for_url(f"**{reverse('portal:start')}")

    # The officer sees all three on the case page, and replies: from the summary's commitment to answer the
    # message, to the "From the victim" panel in the documents and messages section.
    page.set_viewport_size(DESKTOP)
    use_language(context, live_server, "en")
    sign_in_as(context, live_server, personas["officer"])
    documents = reverse("cases:documents", kwargs={"case_id": case.pk})
    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    page.locator("main .govuk-table").get_by_role(
        "link", name=CommitmentKind.VICTIM_MESSAGE_REPLY.label("en"), exact=True).click()
    page.wait_for_url(f"**{documents}")
    page.wait_for_selector("#portal")
    main = page.locator("main").inner_text()
    assert "Has anyone been arrested yet?" in main
    _panel_screenshot(page, f"portal-officer-panel-{language}-{viewport}")
    page.fill("textarea[name=text]", "Not yet. I will call you on Friday.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    assert page.url.endswith(f"{documents}#portal")
    screenshot(page, f"portal-officer-case-page-{language}-{viewport}")
    assert Commitment.objects.get(case=case, kind=CommitmentKind.VICTIM_MESSAGE_REPLY).status == "met"
    assert Message.objects.filter(case=case, kind="victim_message_reply").exists()
    timeline_url = reverse("cases:timeline", kwargs={"case_id": case.pk})
    page.locator(f"main a[href='{timeline_url}']").click()  # the sub navigation's "Timeline"
    page.wait_for_url(f"**{timeline_url}")
    timeline = page.locator(".moj-timeline").inner_text()
    assert "every 7 days" in timeline
    assert "The victim sent a message through the portal." in timeline
    assert ("The victim withdrew consent to discussion of the case at a multi-agency meeting "
            "(through the victim portal).") in timeline
