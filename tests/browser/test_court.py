"""Court and witness care in a browser, in English and Welsh: the pages look like GOV.UK, axe-core finds no
serious or critical violation, and the screenshots are saved for review. Then the journey from charge to
sentence, in English and in Welsh, with the same checks on every page: the officer records the charge; the
Witness Care Unit records the news and the witness care."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from tests.browser.test_journey import Journey
from victimcare.cases.models import TimelineEvent
from victimcare.cases.timeline import describe
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.court import services
from victimcare.court.models import Hearing, NewsItem, Prosecution

pytestmark = pytest.mark.browser
Kind = TimelineEvent.Kind


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
    page.goto(reverse("cases:court", kwargs={"case_id": scene["case"].pk}))
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


def said(language: str, text: str, context: str | None = None) -> str:
    """What the page says for `text` in `language` (the catalogue's words, so the test reads both)."""
    with translation.override(language):
        return pgettext(context, text) if context else gettext(text)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_charge_to_sentence(page, context, live_server, personas, scene, language):
    """Every page of the journey looks like GOV.UK and passes axe-core, in English and in Welsh."""
    case = scene["case"]
    today = timezone.localdate()
    detail = reverse("cases:detail", kwargs={"case_id": case.pk})
    court_section = reverse("cases:court", kwargs={"case_id": case.pk})
    prosecution = _url("prosecution", scene)
    news_recorded = said(language, "News recorded. Tell the victim by the end of %(due)s.").split("%(due)s")[0]
    journey = Journey(page, context, live_server, language)

    journey.as_user(personas["officer"])
    journey.go(detail, "court-case")
    journey.follow(court_section, "court-case-court-section")  # the sub navigation's "Court and property"
    journey.follow(_url("charge", scene), "court-charge")
    page.fill("#id_court", "Cardiff Crown Court")
    page.fill("#id_defendant", "Dylan Morgan")
    page.check("input[name=custody][value=bail]")
    page.fill("#id_charge", "Wounding with intent")
    page.check("input[name=violent_or_sexual][value=yes]")
    journey.submit("court-case-charged", court_section)
    assert said(language, "Charge recorded. The Witness Care Unit now keeps the victim informed.") in journey.success()
    # The rest of the journey happens over the following weeks: the charge was six weeks ago.
    Prosecution.objects.filter(case=case).update(charged_at=timezone.now() - dt.timedelta(days=42))

    journey.as_user(personas["witness_care"])
    journey.go(reverse("court:witness-care"), "court-worklist")
    journey.follow(prosecution, "court-prosecution")
    # The plea hearing, listed from news received a month ago.
    journey.follow(_url("hearing-list", scene), "court-list-plea-hearing")
    page.check("input[name=kind][value=plea]")
    _date(page, "hearing_on", today - dt.timedelta(days=14))
    page.fill("#id_hearing_time", "10:00")
    page.fill("#id_place", "Court 1")
    _date(page, "received_on", today - dt.timedelta(days=30))
    page.fill("#id_received_time", "11:00")
    journey.submit("court-plea-hearing-listed", prosecution)
    assert news_recorded in journey.success()
    listed = NewsItem.objects.get(prosecution__case=case)
    journey.follow(_url("news-told", scene, news_id=listed.pk), "court-news-told")
    page.check("input[name=how][value=phone]")
    journey.submit("court-news-told-late", prosecution)
    assert said(language, "Recorded that the victim was told.") in journey.success()
    assert said(language, "Late", "court") in page.locator("main").inner_text()  # told a month after it came in

    # Not guilty: a trial, and a witness needs assessment owed.
    plea = Hearing.objects.get(prosecution__case=case, kind=Hearing.Kind.PLEA)
    journey.follow(_url("hearing-result", scene, hearing_id=plea.pk, result="plea"), "court-plea")
    page.check("input[name=plea][value=not_guilty]")
    journey.submit("court-not-guilty", prosecution)
    assert CommitmentKind.WITNESS_NEEDS_ASSESSMENT.label(language) in page.locator("main").inner_text()
    journey.follow(_url("record", scene, step="needs"), "court-needs")
    page.check("input[name=needs][value=anxiety]")
    page.check("input[name=needs][value=childcare]")
    journey.submit("court-needs-assessed", prosecution)
    journey.follow(_url("record", scene, step="measures-requested"), "court-measures-requested")
    page.check("input[name=measures][value=screens]")
    journey.submit("court-measures-recorded", prosecution)
    journey.follow(_url("record", scene, step="vps-made"), "court-vps-made")
    _date(page, "made_on", today)
    journey.submit("court-vps-recorded", prosecution)
    assert said(language, "Recorded: %(what)s.") % {"what": said(language, "Victim Personal Statement made")} \
        in journey.success()

    # The trial: listed from news received three weeks ago, heard last week.
    journey.follow(_url("hearing-list", scene), "court-list-trial")
    page.check("input[name=kind][value=trial]")
    _date(page, "hearing_on", today - dt.timedelta(days=7))
    page.fill("#id_hearing_time", "10:00")
    _date(page, "received_on", today - dt.timedelta(days=21))
    page.fill("#id_received_time", "09:30")
    journey.submit("court-trial-listed", prosecution)
    trial = Hearing.objects.get(prosecution__case=case, kind=Hearing.Kind.TRIAL)
    journey.follow(_url("hearing-result", scene, hearing_id=trial.pk, result="verdict"), "court-verdict")
    page.check("input[name=verdict][value=guilty]")
    journey.submit("court-verdict-recorded", prosecution)
    journey.follow(_url("hearing-result", scene, hearing_id=trial.pk, result="sentence"), "court-sentence")
    page.fill("#id_custody_months", "18")
    journey.submit("court-sentence-recorded", prosecution)
    assert news_recorded in journey.success()

    owed = set(Commitment.objects.filter(case=case).values_list("kind", "status"))
    assert ("vcs_referral", "open") in owed  # 18 months for a violent offence
    assert ("witness_needs_assessment", "met") in owed and ("offer_vps", "met") in owed
    # every entry, not the newest 20
    journey.go(reverse("cases:timeline", kwargs={"case_id": case.pk}) + "?timeline=all", "court-case-after-sentence")
    timeline = page.locator(".moj-timeline").inner_text()
    steps = TimelineEvent.objects.filter(case=case, kind__in=(
        Kind.PROSECUTION_STARTED, Kind.COURT_NEWS_RECEIVED, Kind.COURT_NEWS_TOLD, Kind.WITNESS_NEEDS_ASSESSED,
        Kind.SPECIAL_MEASURES_REQUESTED, Kind.VPS_MADE))
    assert steps.filter(kind=Kind.COURT_NEWS_RECEIVED).count() == 5  # two hearings, plea, verdict, sentence
    with translation.override(language):
        for event in steps:
            assert describe(event, case).description in timeline, event.kind

    journey.go(reverse("court:witness-care"), "court-worklist-after-sentence")
    assert CommitmentKind.VCS_REFERRAL.label(language) in page.locator("main").inner_text()
    assert len(journey.visited) == 26
