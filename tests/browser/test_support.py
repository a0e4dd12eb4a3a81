"""The support pages in a browser, in English and Welsh: they look like GOV.UK, axe-core finds no serious
or critical violation, and the screenshots are saved for review. Then the journey: the officer records the
victim's consent and needs and refers; the service accepts and records contact; the victim opts out once
recovered; later they come back, with a new consent and a new referral."""

import pytest
from django.urls import reverse

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
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
    page.goto(reverse("cases:detail", kwargs={"case_id": scene["case"].pk}))
    page.wait_for_selector("#support-for-the-victim")


def worklist(page, context, live_server, personas, scene, service):
    _referred(scene, personas, service)
    sign_in_as(context, live_server, personas["caseworker"])
    page.goto(reverse("support:referrals"))


def referral_page(page, context, live_server, personas, scene, service):
    referral = _referred(scene, personas, service)
    sign_in_as(context, live_server, personas["caseworker"])
    page.goto(reverse("support:referral", kwargs={"referral_id": referral.pk}))


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


def _banner(page) -> str:
    return page.locator(".govuk-notification-banner--success").inner_text()


def test_refer_accept_contact_opt_out_and_come_back(page, context, live_server, personas, scene, service):
    case = scene["case"]
    victim = case.victim
    case_url = reverse("cases:detail", kwargs={"case_id": case.pk})

    # The officer records the victim's consent and needs, and refers.
    sign_in_as(context, live_server, personas["officer"])
    page.goto(case_url)
    page.locator("#support-for-the-victim ~ dl").get_by_role("link", name="Record").click()
    page.get_by_label("They want support (or want it now, or again)").check()
    page.get_by_label("In writing").check()
    page.get_by_role("button", name="Save the choice").click()
    assert "A referral is due within 2 working days" in _banner(page)
    page.get_by_role("link", name="Assess support needs").click()
    page.get_by_label("Emotional support").check()
    page.get_by_label("Safety and security planning").check()
    page.get_by_label("Notes (optional)").fill("Frightened at night")
    page.get_by_role("button", name="Save the needs").click()
    assert "Support needs recorded." in _banner(page)
    page.get_by_role("link", name="Refer to a support service").click()
    page.get_by_label("Victim Support Gwent").check()
    page.get_by_label("Note for the service (optional)").fill("Prefers calls after 5pm")
    page.get_by_role("button", name="Send the referral").click()
    assert "Referral sent to Victim Support Gwent." in _banner(page)
    screenshot(page, "support-flow-referred")
    referral = Referral.objects.get(case=case)
    assert referral.needs == ["emotional", "safety"]

    # The caseworker accepts and records contact.
    sign_in_as(context, live_server, personas["caseworker"])
    page.goto(reverse("support:referrals"))
    page.get_by_role("link", name=victim.full_name).click()
    assert victim.phone in page.locator("main").inner_text()
    page.get_by_role("button", name="Accept the referral").click()
    assert "Contact the victim by" in _banner(page)
    page.get_by_role("button", name="We have contacted the victim").click()
    assert "Recorded that the victim was contacted." in _banner(page)
    assert "Victim Support Gwent contacted the victim." in page.locator(".moj-timeline").inner_text()
    screenshot(page, "support-flow-contacted")

    # The victim opts out once recovered.
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("support:choice", kwargs={"case_id": case.pk}))
    page.get_by_label("They no longer want support (opt out, for example once recovered)").check()
    page.get_by_label("Verbally").check()
    page.get_by_label("Note (optional)").fill("Feels recovered")
    page.get_by_role("button", name="Save the choice").click()
    assert "opted out of support" in _banner(page)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED_BY_VICTIM

    sign_in_as(context, live_server, personas["caseworker"])
    page.goto(reverse("support:referral", kwargs={"referral_id": referral.pk}))
    shown = page.locator("main").inner_text()
    assert "Declined by the victim" in shown and victim.phone not in shown and victim.full_name not in shown
    screenshot(page, "support-flow-opted-out")

    # Later the victim comes back: a new consent and a new referral.
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("support:choice", kwargs={"case_id": case.pk}))
    page.get_by_label("They want support (or want it now, or again)").check()
    page.get_by_label("Verbally").check()
    page.get_by_role("button", name="Save the choice").click()
    page.get_by_role("link", name="Refer to a support service").click()
    page.get_by_role("button", name="Send the referral").click()
    assert "Referral sent to Victim Support Gwent." in _banner(page)
    panel = page.locator("main").inner_text()
    assert "Earlier choices about support" in panel
    screenshot(page, "support-flow-came-back")
    assert Referral.objects.filter(case=case).count() == 2
    assert Referral.objects.filter(case=case, status=Referral.Status.SENT).count() == 1
    decisions = list(ConsentRecord.objects.filter(victim=victim, purpose=Purpose.SUPPORT_REFERRAL)
                     .order_by("at", "id").values_list("decision", "how"))
    assert decisions == [(Decision.GIVEN, How.WRITTEN), (Decision.WITHDRAWN, How.VERBAL),
                         (Decision.GIVEN, How.VERBAL)]


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
