"""Consent and sharing in a browser, in English and Welsh: every page looks like GOV.UK, axe-core finds no
serious or critical violation, screenshots are saved for review. Then the journeys: consent given, shared,
seen by the partner, withdrawn, gone; and a supervisor approving a safeguarding override."""

import pytest
from django.urls import reverse

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
from victimcare.sharing.models import Decision, Disclosure, How, Purpose, SharedItem
from victimcare.sharing.services import (
    record_consent,
    request_safeguarding_disclosure,
    share_with_consent,
)

pytestmark = pytest.mark.browser


def _shared(scene, personas, items=(SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME)):
    case, officer = scene["case"], personas["officer"]
    agency = personas["partner"].memberships.get().organisation
    record_consent(victim=case.victim, case=case, purpose=Purpose.SHARE_WITH_ORGANISATION, decision=Decision.GIVEN,
                   how=How.VERBAL, actor=officer, organisation=agency, note="Happy for the council to help")
    record_consent(victim=case.victim, case=case, purpose=Purpose.SATISFACTION_SURVEY, decision=Decision.REFUSED,
                   how=How.WRITTEN, actor=officer)
    return share_with_consent(case, agency, list(items), actor=officer, summary="Please check in with her.")


def _request(scene, personas):
    agency = personas["other_partner"].memberships.get().organisation
    return request_safeguarding_disclosure(scene["case"], agency, [SharedItem.RISK_ASSESSMENT],
                                           actor=personas["officer"], justification="Two children live at the address.")


def _go(page, context, live_server, user, url, wait="main h1"):
    sign_in_as(context, live_server, user)
    page.goto(url)
    page.wait_for_selector(wait)


def case_panel(page, context, live_server, personas, scene):
    _shared(scene, personas)
    _request(scene, personas)
    _go(page, context, live_server, personas["officer"], reverse("cases:support", kwargs={"case_id": scene["case"].pk}),
        "#consent-and-sharing")


def ledger(page, context, live_server, personas, scene):
    _shared(scene, personas)
    _go(page, context, live_server, personas["officer"],
        reverse("sharing:ledger", kwargs={"case_id": scene["case"].pk}))


def record_consent_errors(page, context, live_server, personas, scene):
    _go(page, context, live_server, personas["officer"],
        reverse("sharing:record-consent", kwargs={"case_id": scene["case"].pk}))
    page.locator("#id_purpose-2").check()
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def share_without_consent(page, context, live_server, personas, scene):
    agency = personas["partner"].memberships.get().organisation
    _go(page, context, live_server, personas["officer"], reverse("sharing:share", kwargs={"case_id": scene["case"].pk}))
    page.select_option("#id_organisation", str(agency.pk))
    page.locator("#id_items").check()
    page.locator("#id_basis").check()
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def end_form(page, context, live_server, personas, scene):
    disclosure = _shared(scene, personas)
    _go(page, context, live_server, personas["officer"],
        reverse("sharing:end", kwargs={"disclosure_id": disclosure.pk}))


def approvals(page, context, live_server, personas, scene):
    _request(scene, personas)
    _go(page, context, live_server, personas["supervisor"], reverse("sharing:approvals"))


def decide(page, context, live_server, personas, scene):
    request = _request(scene, personas)
    _go(page, context, live_server, personas["supervisor"],
        reverse("sharing:decide", kwargs={"disclosure_id": request.pk}))


def shared_cases(page, context, live_server, personas, scene):
    _shared(scene, personas)
    _go(page, context, live_server, personas["partner"], reverse("sharing:shared-cases"))


def shared_case(page, context, live_server, personas, scene):
    _shared(scene, personas, items=list(SharedItem.values))
    _go(page, context, live_server, personas["partner"],
        reverse("sharing:shared-case", kwargs={"case_id": scene["case"].pk}))


PAGES = {
    "sharing-case-panel": (case_panel, {"en": "Information shared", "cy": "Gwybodaeth wedi'i rhannu"}),
    "sharing-ledger": (ledger, {"en": "Consent ledger", "cy": "Cofnod caniatâd"}),
    "sharing-record-consent-errors": (record_consent_errors, {
        "en": "Select the organisation the victim's choice is about",
        "cy": "Dewiswch y sefydliad y mae dewis y dioddefwr yn ymwneud ag ef"}),
    "sharing-share-without-consent": (share_without_consent, {
        "en": "The victim has not consented to sharing with Newport Community Safety",
        "cy": "Nid yw'r dioddefwr wedi rhoi caniatâd i rannu â Diogelwch Cymunedol Casnewydd"}),
    "sharing-end": (end_form, {"en": "Stop sharing with Newport Community Safety",
                               "cy": "Rhoi'r gorau i rannu â Diogelwch Cymunedol Casnewydd"}),
    "sharing-approvals": (approvals, {"en": "Torfaen Housing", "cy": "Tai Torfaen"}),
    "sharing-decide": (decide, {"en": "Two children live at the address.", "cy": "Cymeradwyo: rhannu nawr"}),
    "sharing-shared-cases": (shared_cases, {"en": "GW/2025/004242", "cy": "Wedi'i rannu ers"}),
    "sharing-shared-case": (shared_case, {"en": "Please check in with her.", "cy": "Anghenion cymorth"}),
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


WORDS = {
    "en": {"recorded": "The victim's choice was recorded.", "shared": "Shared with Newport Community Safety.",
           "nothing": "Nothing is shared with your organisation at the moment.", "approved": "Approved:"},
    "cy": {"recorded": "Cofnodwyd dewis y dioddefwr.", "shared": "Wedi'i rannu â Diogelwch Cymunedol Casnewydd.",
           "nothing": "Nid oes dim wedi'i rannu â'ch sefydliad ar hyn o bryd.", "approved": "Cymeradwywyd:"},
}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_consent_given_shared_seen_then_withdrawn(page, context, live_server, personas, scene, language):
    case, officer, partner = scene["case"], personas["officer"], personas["partner"]
    agency = partner.memberships.get().organisation
    words = WORDS[language]
    use_language(context, live_server, language)

    # The officer records the victim's consent to share with the partner agency, then shares.
    # From the case's summary, by the sub navigation, to the section where consent and sharing are.
    section = reverse("cases:support", kwargs={"case_id": case.pk})
    sign_in_as(context, live_server, officer)
    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    page.locator(f".moj-sub-navigation a[href='{section}']").click()
    page.wait_for_url(f"**{section}")
    page.locator(f"main a[href='{reverse('sharing:record-consent', kwargs={'case_id': case.pk})}']").click()
    page.locator("#id_purpose-2").check()  # sharing with a named organisation
    page.select_option("#id_organisation", str(agency.pk))
    page.locator("#id_decision").check()  # given
    page.locator("#id_how").check()  # verbally
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**{section}")
    assert words["recorded"] in page.locator(".govuk-notification-banner--success").inner_text()
    page.locator(f"a[href='{reverse('sharing:share', kwargs={'case_id': case.pk})}']").click()
    page.select_option("#id_organisation", str(agency.pk))
    page.locator("#id_items").check()  # incident summary
    page.locator("#id_items-2").check()  # name and date of birth
    page.fill("#id_summary", "Please check in with her.")
    page.locator("#id_basis").check()  # consent
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**{section}")
    assert words["shared"] in page.locator(".govuk-notification-banner--success").inner_text()
    screenshot(page, f"sharing-journey-case-after-sharing-{language}")

    # The partner sees exactly those.
    partner_page = context.new_page()
    sign_in_as(context, live_server, partner)
    partner_page.goto(reverse("sharing:shared-cases"))
    partner_page.locator(f"a[href='{reverse('sharing:shared-case', kwargs={'case_id': case.pk})}']").click()
    main = partner_page.locator("main").inner_text()
    screenshot(partner_page, f"sharing-journey-partner-sees-{language}")
    assert "Ffion Morgan" in main and "GW/2025/004242" in main and "Please check in with her." in main
    assert "07700" not in main and "DASH" not in main and "Prefers calls after 5pm" not in main
    check_accessibility(partner_page, f"shared case in the journey ({language})")

    # The officer records the withdrawal.
    sign_in_as(context, live_server, officer)
    page.goto(reverse("sharing:record-consent", kwargs={"case_id": case.pk}))
    page.locator("#id_purpose-2").check()
    page.select_option("#id_organisation", str(agency.pk))
    page.locator("#id_decision-3").check()  # withdrawn
    page.locator("#id_how-2").check()  # in writing
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**{section}")
    assert words["recorded"] in page.locator(".govuk-notification-banner--success").inner_text()
    assert Disclosure.objects.get().status == Disclosure.Status.ENDED

    # The partner's page is gone at once, and the list is empty.
    sign_in_as(context, live_server, partner)
    response = partner_page.goto(reverse("sharing:shared-case", kwargs={"case_id": case.pk}))
    assert response.status == 404
    partner_page.goto(reverse("sharing:shared-cases"))
    assert words["nothing"] in partner_page.locator("main").inner_text()
    screenshot(partner_page, f"sharing-journey-partner-after-withdrawal-{language}")
    check_accessibility(partner_page, f"shared cases after withdrawal ({language})")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_supervisor_approves_a_safeguarding_override(page, context, live_server, personas, scene, language):
    request = _request(scene, personas)
    use_language(context, live_server, language)
    sign_in_as(context, live_server, personas["supervisor"])
    page.goto(reverse("sharing:approvals"))
    page.locator(f"a[href='{reverse('sharing:decide', kwargs={'disclosure_id': request.pk})}']").click()
    page.locator("#id_decision").check()  # approve
    page.fill("#id_note", "Proportionate.")
    page.locator("main button[type=submit]").click()
    assert WORDS[language]["approved"] in page.locator(".govuk-notification-banner--success").inner_text()
    screenshot(page, f"sharing-journey-approved-{language}")
    check_accessibility(page, f"approvals after approving ({language})")
    request.refresh_from_db()
    assert request.status == Disclosure.Status.IN_FORCE and request.decided_by == personas["supervisor"]
