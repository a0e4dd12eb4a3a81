"""The "Messages to the victim" panel in a browser, in English and Welsh: it looks like GOV.UK, axe-core finds
no serious or critical violation, the screenshot is saved for review; and the letter's PDF link works."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from victimcare.notifications.models import Message

pytestmark = pytest.mark.browser


def messages(case):
    now = timezone.now()
    common = {"case": case, "victim": case.victim, "language": "cy", "subject": "Neges", "body": "Annwyl Ffion"}
    Message.objects.create(kind="acknowledgement", channel="email", to="ffion@example.org", status="sent",
                           created_at=now - dt.timedelta(days=2), sent_at=now - dt.timedelta(days=2), attempts=1,
                           **common)
    Message.objects.create(kind="update", channel="sms", to="07700 900123", attempts=2,
                           last_error="HTTPError: 503 - Service unavailable", created_at=now - dt.timedelta(hours=1),
                           next_attempt_at=now + dt.timedelta(minutes=5), **common)
    letter = Message.objects.create(kind="acknowledgement", channel="letter", created_at=now,
                                    to="Ffion Morgan\nTŷ Ŵyn\nCasnewydd\nNP20 1AA", **common)
    Message.objects.create(kind="decision", channel="email", status="held", held_reason="No address for this channel",
                           created_at=now, **common)
    return letter


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_panel_and_the_letter(page, context, live_server, personas, scene, language):
    case = scene["case"]
    letter = messages(case)
    use_language(context, live_server, language)
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:documents", kwargs={"case_id": case.pk}))
    page.wait_for_selector("#messages")
    page.locator("#messages").scroll_into_view_if_needed()
    screenshot(page, f"notifications-case-panel-{language}")
    main = page.locator("main").inner_text()
    expected = {"en": ["Messages to the victim", "Sent", "Held back", "No address for this channel",
                       "Not sent after 2 attempts: HTTPError: 503"],
                "cy": ["Negeseuon at y dioddefwr", "Wedi'i hanfon", "Wedi'i dal yn ôl",
                       "Dim cyfeiriad ar gyfer y sianel hon", "Heb ei hanfon ar ôl 2 gynnig: HTTPError: 503"]}
    for text in expected[language]:
        assert text in main
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"notifications panel ({language})")

    link = page.get_by_role("link", name="Llythyr (PDF)" if language == "cy" else "Letter (PDF)")
    href = link.get_attribute("href")
    assert href == reverse("notifications:letter", kwargs={"message_id": letter.pk})
    response = context.request.get(live_server.url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
