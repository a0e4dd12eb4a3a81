"""Court and witness care in a browser, in English and Welsh: the pages look like GOV.UK, axe-core finds no
serious or critical violation, and the screenshots are saved for review. Then the journey from charge to
sentence: the officer records the charge; the Witness Care Unit records the news and the witness care."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from victimcare.charter.models import Commitment
from victimcare.court import services
from victimcare.court.models import Hearing, Prosecution

pytestmark = pytest.mark.browser


def charged(scene, personas):
    now = timezone.now()
    prosecution = services.start_prosecution(
        scene["case"], court="Cardiff Crown Court", defendant="Dylan Morgan", charge="Wounding with intent",
        violent_or_sexual=True, actor=personas["officer"], at=now - dt.timedelta(days=40))
    item = services.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=now + dt.timedelta(days=20),
                                 place="Court 3", received_at=now - dt.timedelta(days=3),
                                 actor=personas["witness_care"], at=now - dt.timedelta(days=3))
    return prosecution, item


def _url(name, scene, **kwargs):
    return reverse(f"court:{name}", kwargs={"case_id": scene["case"].pk, **kwargs})


def charge_form_with_errors(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["officer"])
    page.goto(_url("charge", scene))
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def worklist(page, context, live_server, personas, scene):
    charged(scene, personas)  # the trial date came in 3 days ago and is not yet told: overdue
    sign_in_as(context, live_server, personas["witness_care"])
    page.goto(reverse("court:witness-care"))


def prosecution_page(page, context, live_server, personas, scene):
    prosecution, item = charged(scene, personas)
    services.record_told(item, how="phone", actor=personas["witness_care"])
    services.request_special_measures(prosecution, measures=["screens"], actor=personas["witness_care"])
    sign_in_as(context, live_server, personas["witness_care"])
    page.goto(_url("prosecution", scene))


def hearing_form_with_errors(page, context, live_server, personas, scene):
    charged(scene, personas)
    sign_in_as(context, live_server, personas["witness_care"])
    page.goto(_url("hearing-list", scene))
    page.fill("#id_hearing_on", "1")
    page.fill("#id_hearing_on_1", "1")
    page.fill("#id_hearing_on_2", "2020")
    page.fill("#id_hearing_time", "10:00")
    page.locator("main button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def needs_form(page, context, live_server, personas, scene):
    charged(scene, personas)
    sign_in_as(context, live_server, personas["witness_care"])
    page.goto(_url("record", scene, step="needs"))


def case_page(page, context, live_server, personas, scene):
    charged(scene, personas)
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:detail", kwargs={"case_id": scene["case"].pk}))
    page.wait_for_selector("#court")


PAGES = {
    "court-charge-errors": (charge_form_with_errors, {"en": "Enter the court", "cy": "Rhowch y llys"}),
    "court-worklist": (worklist, {"en": "Court news to tell victims",
                                  "cy": "Newyddion llys i'w dweud wrth ddioddefwyr"}),
    "court-prosecution": (prosecution_page, {"en": "Witness care record", "cy": "Cofnod gofal tystion"}),
    "court-hearing-errors": (hearing_form_with_errors, {"en": "The date of the hearing must be after the charge",
                                                       "cy": "Rhaid i ddyddiad y gwrandawiad fod ar ôl y cyhuddiad"}),
    "court-needs": (needs_form, {"en": "Anxiety about giving evidence", "cy": "Pryder am roi tystiolaeth"}),
    "court-case-panel": (case_page, {"en": "Court and witness care", "cy": "Llys a gofal tystion"}),
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


def _date(page, field, day):
    page.fill(f"#id_{field}", str(day.day))
    page.fill(f"#id_{field}_1", str(day.month))
    page.fill(f"#id_{field}_2", str(day.year))


def _banner(page) -> str:
    return page.locator(".govuk-notification-banner--success").inner_text()


def test_charge_to_sentence(page, context, live_server, personas, scene):
    case = scene["case"]
    today = timezone.localdate()
    sign_in_as(context, live_server, personas["officer"])
    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    page.get_by_role("button", name="Record charge").click()
    page.get_by_label("Court", exact=True).fill("Cardiff Crown Court")
    page.get_by_label("Defendant's full name").fill("Dylan Morgan")
    page.get_by_label("On bail").check()
    page.get_by_label("Offence charged").fill("Wounding with intent")
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Record the charge").click()
    assert "Charge recorded" in _banner(page)
    # The rest of the journey happens over the following weeks: the charge was six weeks ago.
    Prosecution.objects.filter(case=case).update(charged_at=timezone.now() - dt.timedelta(days=42))

    sign_in_as(context, live_server, personas["witness_care"])
    page.goto(reverse("court:witness-care"))
    page.locator("main table").last.get_by_role("link", name=case.victim.full_name).click()
    # The plea hearing, listed from news received a month ago.
    page.get_by_role("button", name="List a hearing").click()
    page.get_by_label("Plea hearing").check()
    _date(page, "hearing_on", today - dt.timedelta(days=14))
    page.fill("#id_hearing_time", "10:00")
    page.get_by_label("Court room").fill("Court 1")
    _date(page, "received_on", today - dt.timedelta(days=30))
    page.fill("#id_received_time", "11:00")
    page.get_by_role("button", name="Save").click()
    assert "News recorded. Tell the victim by the end of" in _banner(page)
    page.get_by_role("link", name="Record that the victim was told").first.click()
    page.get_by_label("By phone").check()
    page.get_by_role("button", name="Save").click()
    assert "Recorded that the victim was told" in _banner(page)
    assert "Late" in page.locator("main").inner_text()  # told today, a month after the news came in

    # Not guilty: a trial, and a witness needs assessment owed.
    page.get_by_role("link", name="Record the plea").first.click()
    page.get_by_label("Not guilty plea").check()
    page.get_by_role("button", name="Save").click()
    assert "Assess what the victim needs to give evidence" in page.locator("main").inner_text()
    page.get_by_role("link", name="Witness needs assessment").click()
    page.get_by_label("Anxiety about giving evidence").check()
    page.get_by_label("Childcare").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Special measures requested").click()
    page.get_by_label("Screens").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Victim Personal Statement made").click()
    _date(page, "made_on", today)
    page.get_by_role("button", name="Save").click()
    assert "Recorded: Victim Personal Statement made." in _banner(page)

    # The trial: listed from news received three weeks ago, heard last week.
    page.get_by_role("button", name="List a hearing").click()
    page.get_by_label("Trial", exact=True).check()
    _date(page, "hearing_on", today - dt.timedelta(days=7))
    page.fill("#id_hearing_time", "10:00")
    _date(page, "received_on", today - dt.timedelta(days=21))
    page.fill("#id_received_time", "09:30")
    page.get_by_role("button", name="Save").click()
    page.locator("tr", has_text="Trial").get_by_role("link", name="Record the verdict").click()
    page.get_by_label("Found guilty").check()
    page.get_by_role("button", name="Save").click()
    page.locator("tr", has_text="Trial").get_by_role("link", name="Record the sentence").click()
    page.get_by_label("Months of custody").fill("18")
    page.get_by_role("button", name="Save").click()
    assert "News recorded" in _banner(page)
    screenshot(page, "court-journey")

    owed = set(Commitment.objects.filter(case=case).values_list("kind", "status"))
    assert ("vcs_referral", "open") in owed  # 18 months for a violent offence
    assert ("witness_needs_assessment", "met") in owed and ("offer_vps", "met") in owed
    page.goto(reverse("cases:detail", kwargs={"case_id": case.pk}))
    timeline = page.locator(".moj-timeline").inner_text()
    assert "sentenced to 18 months' custody" in timeline
    assert "The victim's needs as a witness were assessed: childcare; anxiety about giving evidence." in timeline

    page.goto(reverse("court:witness-care"))
    assert "Refer the victim to the probation Victim Contact Scheme" in page.locator("main").inner_text()
    screenshot(page, "court-worklist-after-sentence")
