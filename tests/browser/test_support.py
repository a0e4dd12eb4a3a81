"""The support pages in a browser, in English and Welsh: they look like GOV.UK, axe-core finds no serious
or critical violation, and the screenshots are saved for review. Then the journey: the officer records the
victim's consent and needs and refers; the service accepts and records contact; the victim opts out once
recovered; later they come back, with a new consent and a new referral. And a service turning a referral down
with a reason, which the police then see. Each journey runs in English and in Welsh, and every page it lands
on is checked (GOV.UK look, axe-core) as tests/browser/test_journey.py does."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
from tests.browser.test_journey import Journey
from victimcare.cases.timeline import describe
from victimcare.sharing.models import ConsentRecord, Decision, How, Purpose
from victimcare.support import services
from victimcare.support.models import Referral, SupportNeed, SupportService
from victimcare.support.samples import load_sample_services

pytestmark = pytest.mark.browser


@pytest.fixture
def service(victim_service):
    return SupportService.objects.create(
        name_en="Victim Support Gwent", name_cy="Cymorth i Ddioddefwyr Gwent",
        summary_en="Emotional and practical help after any crime.",
        summary_cy="Cymorth emosiynol ac ymarferol ar ôl unrhyw drosedd.",
        needs=[SupportNeed.EMOTIONAL, SupportNeed.PRACTICAL, SupportNeed.SAFETY], languages=["en", "cy"],
        phone="01632 960011", email="gwent@victim-support.example", organisation=victim_service)


def _case_url(name, scene):
    return reverse(f"support:{name}", kwargs={"case_id": scene["case"].pk})


def _referred(scene, personas, service):
    case = scene["case"]
    services.record_needs_assessment(case, [SupportNeed.EMOTIONAL, SupportNeed.SAFETY], actor=personas["officer"])
    services.record_support_choice(case, Decision.GIVEN, how=How.VERBAL, actor=personas["officer"])
    return services.send_referral(case, service, actor=personas["officer"], needs=[SupportNeed.EMOTIONAL],
                                  note="Prefers calls after 5pm")


def directory(page, context, live_server, personas, scene, service):
    load_sample_services()
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("support:directory"))


def service_form_errors(page, context, live_server, personas, scene, service):
    sign_in_as(context, live_server, personas["administrator"])
    page.goto(reverse("support:service-edit", kwargs={"service_id": service.pk}))
    page.fill("#id_name_cy", "")
    page.fill("#id_email", "not an email")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def needs_form(page, context, live_server, personas, scene, service):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(_case_url("needs", scene))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def choice_form(page, context, live_server, personas, scene, service):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(_case_url("choice", scene))


def refer_form(page, context, live_server, personas, scene, service):
    services.record_support_choice(scene["case"], Decision.GIVEN, how=How.WRITTEN, actor=personas["officer"])
    sign_in_as(context, live_server, personas["officer"])
    page.goto(_case_url("refer", scene))


def case_panel(page, context, live_server, personas, scene, service):
    _referred(scene, personas, service)
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:support", kwargs={"case_id": scene["case"].pk}))
    page.wait_for_selector("#support-for-the-victim")


def worklist(page, context, live_server, personas, scene, service):
    _referred(scene, personas, service)
    sign_in_as(context, live_server, personas["caseworker"])
    page.goto(reverse("support:referrals"))


def referral_page(page, context, live_server, personas, scene, service):
    referral = _referred(scene, personas, service)
    sign_in_as(context, live_server, personas["caseworker"])
    page.goto(reverse("support:referral", kwargs={"referral_id": referral.pk}))


def decline_errors(page, context, live_server, personas, scene, service):
    referral = _referred(scene, personas, service)
    sign_in_as(context, live_server, personas["caseworker"])
    page.goto(reverse("support:referral", kwargs={"referral_id": referral.pk}))
    declined = page.locator("main details", has=page.locator("input[name=action][value=declined]"))
    declined.locator("summary").click()
    declined.locator("button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def ended_referrals(page, context, live_server, personas, scene, service):
    services.reject_referral(_referred(scene, personas, service), reason="Full", actor=personas["caseworker"])
    sign_in_as(context, live_server, personas["caseworker"])
    page.goto(f"{reverse('support:referrals')}?status=closed")


PAGES = {
    "support-directory": (directory, {"en": "Sample data", "cy": "Data enghreifftiol"}),
    "support-service-errors": (service_form_errors, {"en": "Enter the name in Welsh",
                                                     "cy": "Rhowch yr enw yn Gymraeg"}),
    "support-needs-errors": (needs_form, {"en": "Select the support the victim needs",
                                          "cy": "Dewiswch y cymorth sydd ei angen ar y dioddefwr"}),
    "support-choice": (choice_form, {"en": "Record the victim's choice about support",
                                     "cy": "Cofnodi dewis y dioddefwr ynghylch cymorth"}),
    "support-refer": (refer_form, {"en": "Send the referral", "cy": "Anfon yr atgyfeiriad"}),
    "support-case-panel": (case_panel, {"en": "Support for the victim", "cy": "Cymorth i'r dioddefwr"}),
    "support-worklist": (worklist, {"en": "Accept or turn down", "cy": "Derbyn neu wrthod"}),
    "support-referral": (referral_page, {"en": "Accept the referral", "cy": "Derbyn yr atgyfeiriad"}),
    "support-decline-errors": (decline_errors, {"en": "Select how the victim told you",
                                                "cy": "Dewiswch sut y dywedodd y dioddefwr wrthych chi"}),
    "support-referrals-ended": (ended_referrals, {"en": "You see only its crime reference",
                                                  "cy": "Dim ond ei gyfeirnod trosedd"}),
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page(page, context, live_server, personas, scene, service, name, language):
    open_page, expected = PAGES[name]
    use_language(context, live_server, language)
    open_page(page, context, live_server, personas, scene, service)
    screenshot(page, f"{name}-{language}")
    assert expected[language] in page.locator("main").inner_text()
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")


def _in(language, text, **values) -> str:
    """`text` (a message of the app) as the page shows it in `language`."""
    with translation.override(language):
        return translation.gettext(text) % values if values else translation.gettext(text)


def _timeline_text(case, kind, language) -> str:
    event = case.timeline.filter(kind=kind).order_by("-id").first()
    with translation.override(language):
        entry = describe(event, case)
    return entry.description


def _click(journey, selector: str, name: str, url: str | None = None) -> None:
    """Press the button (or follow the link) `selector` in main, wait for `url` if given, check the page."""
    journey.page.locator(f"main {selector}").first.click()
    if url:
        journey.page.wait_for_url(lambda address: address.endswith(url))
    journey.check(name)


def _step(journey, action: str, name: str, url: str) -> None:
    """Press the button of the referral step `action` (its own form on the referral page)."""
    _click(journey, f"form:has(input[name=action][value={action}]) button[type=submit]", name, url)


def _no_longer_there(journey, url: str) -> None:
    response = journey.page.goto(url)
    assert response.status == 404, url


def _officer_records_consent_needs_and_refers(journey, case, officer, service) -> Referral:
    page = journey.page
    case_url = _section_of(case)
    journey.as_user(officer)
    journey.go(reverse("cases:detail", kwargs={"case_id": case.pk}), "case")
    journey.follow(case_url, "case-support")  # the sub navigation's "Support and partners"
    journey.follow(_case_url_of("choice", case), "choice")
    page.check("input[name=decision][value=given]")
    page.check("input[name=how][value=written]")
    _click(journey, "form[method=post] button[type=submit]", "case-after-choice", case_url)
    assert _in(journey.language, "Recorded that the victim wants support. A referral is due within 2 working "
                                 "days.") in journey.success()
    journey.follow(_case_url_of("needs", case), "needs")
    page.check("input[name=needs][value=emotional]")
    page.check("input[name=needs][value=safety]")
    page.fill("#id_notes", "Frightened at night")
    _click(journey, "form[method=post] button[type=submit]", "case-after-needs", case_url)
    journey.follow(_case_url_of("refer", case), "refer")
    page.check(f"input[name=service][value='{service.pk}']")
    page.fill("#id_note", "Prefers calls after 5pm")
    _click(journey, "form[method=post] button[type=submit]", "case-after-referral", case_url)
    assert (service.name_cy if journey.language == "cy" else service.name_en) in journey.success()
    referral = Referral.objects.get(case=case, status=Referral.Status.SENT)
    assert referral.needs == ["emotional", "safety"]
    return referral


def _case_url_of(name, case) -> str:
    return reverse(f"support:{name}", kwargs={"case_id": case.pk})


def _section_of(case) -> str:
    """The section of the case page with the support panel, where its forms return."""
    return reverse("cases:support", kwargs={"case_id": case.pk})


@pytest.mark.parametrize("language", ["en", "cy"])
def test_refer_accept_contact_opt_out_and_come_back(page, context, live_server, personas, scene, service, language):
    """Every page of the journey is in the language, looks like GOV.UK and passes axe."""
    case, victim = scene["case"], scene["case"].victim
    journey = Journey(page, context, live_server, language)
    referral = _officer_records_consent_needs_and_refers(journey, case, personas["officer"], service)
    referral_url = reverse("support:referral", kwargs={"referral_id": referral.pk})

    # The caseworker accepts and records contact.
    journey.as_user(personas["caseworker"])
    journey.go(reverse("support:referrals"), "referrals")
    journey.follow(referral_url, "referral")
    assert victim.phone in page.locator("main").inner_text()
    _step(journey, "accept", "referral-accepted", referral_url)
    _step(journey, "contacted", "referral-contacted", referral_url)
    assert _timeline_text(case, "referral_victim_contacted", language) in page.locator(".moj-timeline").inner_text()

    # The victim opts out once recovered: the service no longer sees them.
    journey.as_user(personas["officer"])
    journey.go(_case_url_of("choice", case), "choice-opt-out")
    page.check("input[name=decision][value=withdrawn]")
    page.check("input[name=how][value=verbal]")
    page.fill("#id_note", "Feels recovered")
    _click(journey, "form[method=post] button[type=submit]", "case-after-opt-out",
           _section_of(case))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED_BY_VICTIM

    journey.as_user(personas["caseworker"])
    _no_longer_there(journey, referral_url)
    journey.go(f"{reverse('support:referrals')}?status=closed", "referrals-ended")
    shown = page.locator("main").inner_text()
    assert case.crime.reference in shown and victim.full_name not in shown and victim.phone not in shown

    # Later the victim comes back: a new consent and a new referral.
    journey.as_user(personas["officer"])
    journey.go(_case_url_of("choice", case), "choice-come-back")
    page.check("input[name=decision][value=given]")
    page.check("input[name=how][value=verbal]")
    _click(journey, "form[method=post] button[type=submit]", "case-after-coming-back",
           _section_of(case))
    journey.follow(_case_url_of("refer", case), "refer-again")
    _click(journey, "form[method=post] button[type=submit]", "case-after-second-referral",
           _section_of(case))
    assert _in(language, "Earlier choices about support") in page.locator("main").inner_text()
    assert Referral.objects.filter(case=case).count() == 2
    assert Referral.objects.filter(case=case, status=Referral.Status.SENT).count() == 1
    decisions = list(ConsentRecord.objects.filter(victim=victim, purpose=Purpose.SUPPORT_REFERRAL)
                     .order_by("at", "id").values_list("decision", "how"))
    assert decisions == [(Decision.GIVEN, How.WRITTEN), (Decision.WITHDRAWN, How.VERBAL),
                         (Decision.GIVEN, How.VERBAL)]
    assert len(journey.visited) == 19, journey.visited


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_service_turns_a_referral_down_and_the_police_see_why(page, context, live_server, personas, scene,
                                                                  service, language):
    case, victim = scene["case"], scene["case"].victim
    referral = _referred(scene, personas, service)
    referral_url = reverse("support:referral", kwargs={"referral_id": referral.pk})
    reason = "We support victims in Torfaen only; please refer to Victim Support Newport."
    journey = Journey(page, context, live_server, language)

    journey.as_user(personas["caseworker"])
    journey.go(reverse("support:referrals"), "referrals")
    journey.follow(referral_url, "referral")
    turn_down = page.locator("main details", has=page.locator("input[name=action][value=reject]"))
    turn_down.locator("summary").click()
    turn_down.locator("button[type=submit]").click()  # no reason: the page again, with the error
    page.wait_for_selector(".govuk-error-summary")
    assert _in(language, "Enter why the service is turning the referral down") in page.locator(
        ".govuk-error-summary").inner_text()
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"referral turned down without a reason ({language})")
    screenshot(page, f"support-turn-down-error-{language}")
    page.locator("#id_reason").fill(reason)
    _step(journey, "reject", "referrals-after-turning-down", f"{reverse('support:referrals')}?status=closed")
    assert _in(language, "Referral turned down. The police have been told, and the victim's details are no longer "
                         "shared with your service.") in journey.success()
    shown = page.locator("main").inner_text()
    assert case.crime.reference in shown and victim.full_name not in shown and reason not in shown
    _no_longer_there(journey, referral_url)
    _no_longer_there(journey, reverse("sharing:shared-case", kwargs={"case_id": case.pk}))

    # The police see that it was turned down, and why, and that a referral elsewhere is owed.
    journey.as_user(personas["officer"])
    journey.go(reverse("cases:detail", kwargs={"case_id": case.pk}), "case-after-turn-down")
    journey.follow(_section_of(case), "case-support-after-turn-down")
    panel = page.locator("#support-for-the-victim ~ table").first.inner_text()
    with translation.override(language):
        status = str(Referral.Status.REJECTED.label)
    assert reason in panel and status in panel
    assert page.locator(f"main a[href='{_case_url_of('refer', case)}']").count() == 1
    journey.follow(reverse("cases:timeline", kwargs={"case_id": case.pk}), "case-timeline-after-turn-down")
    timeline = page.locator(".moj-timeline").inner_text()
    assert _timeline_text(case, "referral_rejected", language) in timeline and reason in timeline
    assert _timeline_text(case, "sharing_ended", language) in timeline
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REJECTED and referral.rejection_reason == reason


@pytest.mark.parametrize(("which", "language", "expected"), [
    ("main", "cy", "Cymorth cam-drin domestig Gwent"),  # Ffion Morgan, Welsh-speaking, domestic abuse
    ("other", "en", "Victim Support (Gwent)"),
])
def test_the_acknowledgement_lists_the_services_that_fit(page, context, live_server, personas, scene, which,
                                                         language, expected):
    load_sample_services()
    case = scene["case"] if which == "main" else scene["others"][0]
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("report:acknowledgement", kwargs={"case_id": case.pk}))
    screenshot(page, f"support-acknowledgement-{language}")
    cards = page.locator(".app-acknowledgement-service").all_inner_texts()
    assert any(expected in card for card in cards), cards
    assert all("Age Cymru Gwent" not in card for card in cards)
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"acknowledgement with services ({language})")
