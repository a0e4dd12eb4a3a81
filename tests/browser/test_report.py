"""Recording a report in the browser, in English and in Welsh: every wizard page, a page with errors,
the likely-match warning, check your answers and the written acknowledgement. Each page looks like
GOV.UK, and axe-core finds no serious or critical violation. Screenshots are saved for review."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import check_accessibility, check_looks_like_govuk, screenshot, sign_in_as, use_language
from tests.factories import LocalAuthorityFactory, LsoaFactory, VictimFactory, WardFactory
from victimcare.areas.models import Postcode
from victimcare.cases.models import Case

pytestmark = pytest.mark.browser


@pytest.fixture
def newport(unit):
    unit.local_authority = LocalAuthorityFactory()
    unit.email = "newport.cid@gwent.example"
    unit.save()
    Postcode.objects.create(postcode="NP20 1AA", lsoa=LsoaFactory(), ward=WardFactory())
    return unit


REFERRAL_ROW = {"en": "Wants to be referred to a victims' service",
                "cy": "Am gael ei atgyfeirio at wasanaeth i ddioddefwyr"}
YES = {"en": "Yes", "cy": "Ie"}


def check(page, name, language):
    page.wait_for_load_state()
    check_looks_like_govuk(page, language)
    check_accessibility(page, name)
    screenshot(page, f"report-{name}-{language}")


def fill_date(page, field, day, month, year):
    page.fill(f"#id_{field}", str(day))
    page.fill(f"#id_{field}_1", str(month))
    page.fill(f"#id_{field}_2", str(year))


def yes(page, field):
    page.check(f"#id_{field}")


def no(page, field):
    page.check(f"#id_{field}-2")


def submit(page):
    page.locator("main form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_record_a_report_page_by_page(page, context, live_server, officer, newport, language):
    VictimFactory(given_name="Meg", family_name="Pritchard", date_of_birth=dt.date(2009, 5, 1), phone="01633 000000")
    use_language(context, live_server, language)
    sign_in_as(context, live_server, officer)

    page.goto(reverse("report:start"))
    check(page, "start", language)
    page.locator("main button.govuk-button--start").click()
    page.wait_for_url("**/victim/")

    page.fill("#id_name", "Pritchard")
    page.locator("main form[method=get] button").click()
    page.wait_for_selector("text=Meg Pritchard")
    check(page, "victim-search", language)
    page.check("input[name=victim][value=new]")
    submit(page)

    submit(page)  # nothing filled in: errors
    page.wait_for_selector(".govuk-error-summary")
    check(page, "victim-details-errors", language)
    page.fill("#id_given_name", "Megan")
    page.fill("#id_family_name", "Pritchard")
    fill_date(page, "date_of_birth", 1, 5, 2009)
    page.fill("#id_phone", "07700 900456")
    page.fill("#id_postcode", "NP20 1AA")
    page.check(f"input[name=preferred_language][value={language}]")
    no(page, "needs_interpreter")
    submit(page)
    page.wait_for_selector(".govuk-warning-text")  # same last name and date of birth: a likely match
    check(page, "victim-likely-match", language)
    page.locator("main form:not(.app-inline-form) button[type=submit]").last.click()
    page.wait_for_url("**/incident/")

    check(page, "incident", language)
    page.select_option("#id_category", "violent-crime")
    page.select_option("#id_offence", "coercive-control")
    yes(page, "is_domestic_abuse")
    no(page, "is_hate_crime")
    no(page, "is_honour_based")
    today = timezone.localdate()
    fill_date(page, "occurred_on", today.day, today.month, today.year)
    page.fill("#id_occurred_time", "00:05")
    page.fill("#id_location_description", "At home")
    page.fill("#id_postcode", "NP20 1AA")
    submit(page)
    page.wait_for_url("**/thrive/")

    check(page, "thrive", language)
    for name in ("threat", "harm", "risk", "investigation", "vulnerability", "engagement"):
        page.check(f"#id_{name}_rating-3" if name in ("harm", "risk") else f"#id_{name}_rating-2")
        page.fill(f"#id_{name}_rationale", f"Because of the {name}")
    submit(page)
    page.wait_for_url("**/needs/")

    check(page, "needs", language)
    yes(page, "wants_attendance")
    yes(page, "support_referral")  # the victim wants us to refer them to a victims' service
    page.fill("#id_impact", "Frightened to go home")
    page.check("#id_safe_ways")
    page.fill("#id_safe_times", "Weekdays 9am to 3pm")
    no(page, "leave_messages")
    submit(page)
    page.wait_for_url("**/vulnerability/")

    check(page, "vulnerability", language)
    no(page, "is_vulnerable")
    yes(page, "is_intimidated")
    no(page, "is_persistently_targeted")
    no(page, "is_bereaved_relative")
    submit(page)
    page.wait_for_url("**/dash/")

    check(page, "dash", language)
    for number in range(1, 25):
        page.check(f"#id_q{number}" if number <= 15 else f"#id_q{number}-2")
    submit(page)
    page.wait_for_url("**/proposals/")

    check(page, "proposals", language)
    page.check("#id_response_grade")  # grade 1 instead of the proposed grade 2, without a reason: an error
    submit(page)
    page.wait_for_selector(".govuk-error-summary")
    check(page, "proposals-errors", language)
    page.fill("#id_response_grade_reason", "The suspect is outside the house")
    submit(page)
    page.wait_for_url("**/check/")

    check(page, "check-your-answers", language)
    row = page.locator(".govuk-summary-list__row", has_text=REFERRAL_ROW[language])
    assert row.locator(".govuk-summary-list__value").inner_text().strip() == YES[language]
    assert row.locator("a").get_attribute("href").endswith("/needs/?change=1")
    submit(page)
    page.wait_for_url("**/acknowledgement/")
    case = Case.objects.get(victim__given_name="Megan")
    assert case.response_grade == 1
    assert case.commitments.open().filter(kind="referral_to_support").count() == 1
    check(page, "acknowledgement", language)
    assert case.crime.reference in page.content()


@pytest.mark.parametrize("language", ["en", "cy"])
def test_report_recorded_for_another_unit(page, context, live_server, other_officer, newport, language):
    """The confirmation an officer of another unit sees (the wizard answered through the test client)."""
    from django.conf import settings
    from django.test import Client

    from tests.firstcontact.conftest import WizardDriver

    client = Client()
    client.force_login(other_officer)
    wizard = WizardDriver(client)
    wizard.through(dash=3)
    done = client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    assert done["Location"] == reverse("report:done", kwargs={"wizard_id": wizard.id})
    use_language(context, live_server, language)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page.goto(done["Location"])
    check(page, "done", language)
    assert Case.objects.get().crime.reference in page.content()
