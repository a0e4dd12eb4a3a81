"""The written acknowledgement sent through Victim Care, in a browser, in English and Welsh: the officer
clicks "send it", the outbox sends it (in-process here) and the page then shows it was given; the page
looks like GOV.UK and axe-core finds no serious or critical violation."""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.services import deadlines, open_commitment
from victimcare.notifications.models import Message

pytestmark = pytest.mark.browser

SEND = {"en": "Send it to the victim by email", "cy": "Ei hanfon at y dioddefwr drwy e-bost"}
GIVEN = {"en": "Given to the victim", "cy": "Wedi'i rhoi i'r dioddefwr"}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_officer_sends_the_acknowledgement_through_victim_care(page, context, live_server, personas, scene,
                                                                   language):
    # The page is in the victim's language: Ffion Morgan (domestic abuse) speaks Welsh; the other victim English.
    case = scene["case"] if language == "cy" else scene["others"][0]
    case.victim.email = "ffion@example.org"
    case.victim.save(update_fields=["email"])
    open_commitment(case, rules.acknowledgement_commitment(case.opened_at, deadlines()), at=case.opened_at)
    use_language(context, live_server, language)
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("report:acknowledgement", kwargs={"case_id": case.pk}))
    screenshot(page, f"acknowledgement-send-{language}")
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"acknowledgement with send ({language})")

    page.get_by_role("button", name=SEND[language]).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("main")).to_contain_text(GIVEN[language])  # sent at once by the in-process worker
    screenshot(page, f"acknowledgement-sent-{language}")
    check_accessibility(page, f"acknowledgement sent ({language})")

    message = Message.objects.get(case=case, kind="acknowledgement")
    assert (message.status, message.channel, message.language) == ("sent", "email", language)
    assert [email.to for email in mail.outbox] == [["ffion@example.org"]]
    assert "cam-drin" not in mail.outbox[0].subject.lower() and "abuse" not in mail.outbox[0].subject.lower()
    commitment = case.commitments.get(kind=rules.CommitmentKind.WRITTEN_ACKNOWLEDGEMENT)
    assert commitment.status in (Commitment.Status.MET, Commitment.Status.MET_LATE)
    assert commitment.closed_at == message.sent_at
