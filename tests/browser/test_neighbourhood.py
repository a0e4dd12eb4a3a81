"""The neighbourhood pages in a browser, in English and Welsh: they look like GOV.UK, axe-core finds no
serious or critical violation, and the screenshots are saved for review. Then the journeys: the team sees a
new incident, opens it, acknowledges it and notes local action (in English and Welsh, every page it lands on
checked as tests/browser/test_journey.py does); a partner sees the summary only."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.browser.conftest import (
    check_accessibility,
    check_looks_like_govuk,
    screenshot,
    sign_in_as,
    use_language,
)
from tests.browser.test_journey import Journey
from tests.factories import CrimeFactory, MembershipFactory, OrganisationFactory, VictimFactory
from tests.neighbourhood.conftest import LLISWERRY, NEWPORT, PILLGWENLLY, STOW_HILL, in_ward, record
from victimcare.areas.loading import load_areas
from victimcare.areas.models import LocalAuthority, Ward
from victimcare.cases.services import open_case
from victimcare.charter.models import Commitment
from victimcare.neighbourhood import services
from victimcare.neighbourhood.models import IncidentNotice, LocalAction
from victimcare.organisations.models import Membership, Organisation

pytestmark = pytest.mark.browser
VICTIM_DETAILS = ("Megan", "Pritchard", "07700 900456", "megan@example.org", "Dock Street")


@pytest.fixture
def scene(unit, force, officer, neighbourhood_team, partner_agency, personas):
    load_areas()
    newport = LocalAuthority.objects.get(code=NEWPORT)
    unit.local_authority = newport
    unit.save()
    west = neighbourhood_team
    west.local_authority = newport
    west.save()
    east = OrganisationFactory(code="newport-east-npt", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM,
                               name_en="Newport East neighbourhood team", name_cy="Tîm plismona bro Dwyrain Casnewydd",
                               parent=force, local_authority=newport)
    services.set_team_wards(west, list(Ward.objects.filter(code__in=[STOW_HILL, PILLGWENLLY])))
    services.set_team_wards(east, [Ward.objects.get(code=LLISWERRY)])
    services.set_default_team(newport, east)
    services.subscribe(west, partner_agency, actor=personas["partner"], at=timezone.now() - dt.timedelta(days=2))
    now = timezone.now()
    overdue = record(officer, now - dt.timedelta(days=6), location="Outside 3 Dock Street", **in_ward(PILLGWENLLY))
    acknowledged = record(officer, now - dt.timedelta(hours=20), **in_ward(PILLGWENLLY))
    notice = IncidentNotice.objects.get(case=acknowledged)
    services.acknowledge_notice(notice, actor=personas["neighbourhood"], at=now - dt.timedelta(hours=19))
    services.note_local_action(notice, "Extra patrols along Commercial Road.", actor=personas["neighbourhood"])
    new = record(officer, now - dt.timedelta(minutes=5), location="Outside 22 Commercial Street, NP20 1JD",
                 **in_ward(STOW_HILL))
    return {"west": west, "east": east, "unit": unit, "new": IncidentNotice.objects.get(case=new),
            "overdue": IncidentNotice.objects.get(case=overdue)}


def _as(persona):
    def open_page(page, context, live_server, personas, scene, url):
        sign_in_as(context, live_server, personas[persona])
        page.goto(url(scene))
    return open_page


def _notice(scene):
    return reverse("neighbourhood:notice", kwargs={"notice_id": scene["new"].pk})


def local_action_error(page, context, live_server, personas, scene, url):
    sign_in_as(context, live_server, personas["neighbourhood"])
    page.goto(url(scene))
    page.locator("#local-action ~ form button[type=submit]").click()
    page.wait_for_selector(".govuk-error-summary")


def unit_area_notice(page, context, live_server, personas, scene, url):
    """A report whose postcode the (empty) postcode directory does not hold: routed by the unit's area."""
    case = record(personas["officer"], timezone.now() - dt.timedelta(minutes=30), postcode="NP20 9ZZ",
                  location="Corporation Road")
    notice = IncidentNotice.objects.get(case=case)
    MembershipFactory(user=personas["neighbourhood"], organisation=notice.team, role=Membership.Role.NEIGHBOURHOOD)
    sign_in_as(context, live_server, personas["neighbourhood"])
    page.goto(reverse("neighbourhood:notice", kwargs={"notice_id": notice.pk}))


def unrouted(page, context, live_server, personas, scene, url):
    """An open case whose incident reached no team (opened without a report, so never routed)."""
    open_case(victim=VictimFactory(), crime=CrimeFactory(location_description="Outside 3 Corporation Road"),
              unit=scene["unit"],
              officer=personas["officer"], recorded_by=personas["call_handler"])
    sign_in_as(context, live_server, personas["supervisor"])
    page.goto(reverse("neighbourhood:unrouted"))


PAGES = {
    "neighbourhood-feed": (_as("neighbourhood"), lambda s: reverse("neighbourhood:feed"),
                           {"en": "To acknowledge", "cy": "I'w gydnabod"}),
    "neighbourhood-feed-partner": (_as("partner"), lambda s: reverse("neighbourhood:feed"),
                                   {"en": "never the victim's details", "cy": "byth fanylion y dioddefwr"}),
    "neighbourhood-notice": (_as("neighbourhood"), _notice, {"en": "Acknowledge the incident",
                                                             "cy": "Cydnabod y digwyddiad"}),
    "neighbourhood-notice-errors": (local_action_error, _notice, {"en": "Enter the local action taken",
                                                                  "cy": "Rhowch y camau lleol a gymerwyd"}),
    "neighbourhood-notice-partner": (_as("partner"), _notice, {
        "en": "The victim's details are not shared with your agency",
        "cy": "Nid yw manylion y dioddefwr yn cael eu rhannu"}),
    "neighbourhood-notice-unit-area": (unit_area_notice, None, {
        "en": "sent to this team by the area of the case's unit",
        "cy": "anfonwyd y digwyddiad at y tîm hwn yn ôl ardal uned yr achos"}),
    "neighbourhood-unrouted": (unrouted, None, {"en": "Outside Corporation Road", "cy": "Outside Corporation Road"}),
    "neighbourhood-subscriptions": (_as("partner"), lambda s: reverse("neighbourhood:subscriptions"),
                                    {"en": "Stop following", "cy": "Peidio â dilyn"}),
    "neighbourhood-teams": (_as("administrator"), lambda s: reverse("neighbourhood:teams"),
                            {"en": "Neighbourhood teams and their wards", "cy": "Timau plismona bro a'u wardiau"}),
    "neighbourhood-team-wards": (_as("administrator"),
                                 lambda s: reverse("neighbourhood:team-wards", kwargs={"team_id": s["west"].pk}),
                                 {"en": "Covered now by Newport East neighbourhood team",
                                  "cy": "Yn cael ei chwmpasu nawr gan Tîm plismona bro Dwyrain Casnewydd"}),
    "neighbourhood-default-teams": (_as("administrator"), lambda s: reverse("neighbourhood:default-teams"),
                                    {"en": "Default neighbourhood teams", "cy": "Timau plismona bro diofyn"}),
    "neighbourhood-case-panel": (_as("officer"),
                                 lambda s: reverse("cases:support", kwargs={"case_id": s["overdue"].case_id}),
                                 {"en": "Was due by", "cy": "Roedd yn ddyledus erbyn"}),
}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("name", list(PAGES))
def test_page(page, context, live_server, personas, scene, name, language):
    open_page, url, expected = PAGES[name]
    use_language(context, live_server, language)
    open_page(page, context, live_server, personas, scene, url)
    screenshot(page, f"{name}-{language}")
    main = page.locator("main").inner_text()
    assert expected[language] in main
    for detail in VICTIM_DETAILS if "case-panel" not in name else ():
        assert detail not in main, detail
    check_looks_like_govuk(page, language)
    check_accessibility(page, f"{name} ({language})")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_team_acknowledges_a_new_incident_and_notes_local_action(page, context, live_server, personas, scene,
                                                                     language):
    """Every page of the journey is in the language, looks like GOV.UK and passes axe."""
    new = scene["new"]
    notice_url = reverse("neighbourhood:notice", kwargs={"notice_id": new.pk})
    journey = Journey(page, context, live_server, language)
    journey.as_user(personas["neighbourhood"])
    journey.go(reverse("neighbourhood:feed"), "feed")
    page.select_option("#status", "waiting")
    page.locator("main form[method=get] button[type=submit]").click()
    page.wait_for_url("**status=waiting**")
    journey.check("feed-waiting")
    assert page.locator("main tbody tr").count() == 2
    journey.follow(notice_url, "notice")
    summary = page.locator("#incident-summary").inner_text()
    # Street level: the house number (22) is gone, whatever the clock says (a time may hold "22").
    assert "Stow Hill" in summary and "Outside Commercial Street" in summary and "22 Commercial" not in summary
    for detail in VICTIM_DETAILS:
        assert detail not in page.locator("main").inner_text(), detail

    page.locator("main form[action$='/acknowledge/'] button[type=submit]").click()
    page.wait_for_selector(".govuk-notification-banner--success")
    journey.check("notice-acknowledged")
    assert _in(language, "Incident acknowledged.") in journey.success()
    page.fill("#id_text", "PCSO visit to the shops on Commercial Street.")
    page.locator("main form[action$='/local-action/'] button[type=submit]").click()
    page.wait_for_selector("#local-actions")
    journey.check("notice-local-action")
    assert _in(language, "Local action noted.") in journey.success()
    assert "PCSO visit to the shops on Commercial Street." in page.locator("#local-actions").inner_text()

    # The feed shows it acknowledged; the team can also see any incident that reached no team.
    journey.go(reverse("neighbourhood:feed"), "feed-after")
    journey.follow(reverse("neighbourhood:unrouted"), "unrouted")
    new.refresh_from_db()
    assert new.acknowledged_by == personas["neighbourhood"]
    assert new.commitment.status == Commitment.Status.MET
    assert LocalAction.objects.filter(notice=new).count() == 1
    assert len(journey.visited) == 7, journey.visited


def _in(language, text) -> str:
    with translation.override(language):
        return translation.gettext(text)


def test_a_partner_follows_a_feed_and_sees_the_summary_only(page, context, live_server, personas, scene):
    sign_in_as(context, live_server, personas["other_partner"])
    page.goto(reverse("neighbourhood:feed"))
    assert "0 incidents" in page.locator("#incident-count").inner_text()
    page.get_by_role("link", name="Choose which teams' feeds your agency follows").click()
    page.get_by_label("Neighbourhood team").select_option(label="Newport West neighbourhood team")
    page.get_by_role("button", name="Follow this feed").click()
    assert "now follows Newport West neighbourhood team" in page.locator(".govuk-notification-banner").inner_text()
    page.goto(reverse("neighbourhood:feed"))
    # Following from now on: the incidents already told to the team are not shown.
    assert "0 incidents" in page.locator("#incident-count").inner_text()

    sign_in_as(context, live_server, personas["partner"])
    page.goto(reverse("neighbourhood:feed"))
    page.get_by_role("link", name=scene["new"].crime.reference).click()
    main = page.locator("main").inner_text()
    assert "Outside Commercial Street" in main and "Acknowledge the incident" not in main
    for detail in VICTIM_DETAILS:
        assert detail not in main, detail
