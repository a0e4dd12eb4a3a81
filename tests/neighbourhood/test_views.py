"""The team's feed and notices, partners' summaries through subscriptions, and the administrators' ward
configuration: who sees what, and that a notice never shows the victim."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory
from tests.neighbourhood.conftest import ALLT_YR_YN, LLISWERRY, PILLGWENLLY, STOW_HILL, in_ward, record
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.crimes.places import street_level
from victimcare.neighbourhood import services
from victimcare.neighbourhood.models import DefaultTeam, FeedSubscription, IncidentNotice, LocalAction, TeamWard
from victimcare.organisations.models import Membership
from victimcare.sharing.models import Purpose
from victimcare.sharing.services import record_consent, share_with_consent

VICTIM_DETAILS = ("Megan", "Pritchard", "07700 900456", "megan@example.org", "Dock Street", "NP20 2AA", "1990")


@pytest.fixture
def stow_hill_notice(officer, west, east):
    record(officer, timezone.now() - dt.timedelta(hours=1), location="Outside 22 Commercial Street, NP20 1JD",
           **in_ward(STOW_HILL))
    return IncidentNotice.objects.get()


@pytest.fixture
def subscribed(partner_agency, west, partner):
    return services.subscribe(west, partner_agency, actor=partner, at=timezone.now() - dt.timedelta(days=1))


def test_street_level_drops_house_numbers_flats_and_postcodes():
    assert street_level("Flat 2, 14 High Street, NP20 1AA") == "High Street"
    assert street_level("Outside 22 Commercial Street, np20 1jd") == "Outside Commercial Street"
    assert street_level("On or near Stow Hill") == "On or near Stow Hill"
    assert street_level("") == ""


def test_the_team_sees_the_new_incident_in_its_feed_and_never_the_victim(client, neighbourhood, stow_hill_notice):
    client.force_login(neighbourhood)
    feed = client.get(reverse("neighbourhood:feed")).content.decode()
    assert stow_hill_notice.crime.reference in feed and "Stow Hill" in feed and "To acknowledge" in feed

    page = client.get(reverse("neighbourhood:notice", kwargs={"notice_id": stow_hill_notice.pk}))
    html = page.content.decode()
    assert page.status_code == 200
    assert stow_hill_notice.crime.reference in html and "Burglary" in html and "Outside Commercial Street" in html
    assert "Newport" in html and "Acknowledge the incident" in html
    for detail in (*VICTIM_DETAILS, "22 Commercial", "NP20 1JD"):
        assert detail not in html, detail
    log = CaseAccessLog.objects.filter(user=neighbourhood, case=stow_hill_notice.case, what="neighbourhood notice")
    assert log.get().action == CaseAccessLog.Action.VIEWED


def test_acknowledge_and_note_local_action_through_the_page(client, neighbourhood, stow_hill_notice):
    client.force_login(neighbourhood)
    acknowledge = reverse("neighbourhood:acknowledge", kwargs={"notice_id": stow_hill_notice.pk})
    submission = {"submission_id": "6b0e4c1e-9a57-4a8e-9c43-0d0f4c7b8a11"}
    assert client.post(acknowledge, submission).status_code == 302
    assert client.post(acknowledge, submission).status_code == 302  # sent twice: recorded once
    stow_hill_notice.refresh_from_db()
    assert stow_hill_notice.acknowledged_by == neighbourhood
    assert stow_hill_notice.commitment.status == Commitment.Status.MET
    assert TimelineEvent.objects.filter(kind=TimelineEvent.Kind.NEIGHBOURHOOD_ACKNOWLEDGED).count() == 1

    action_url = reverse("neighbourhood:local-action", kwargs={"notice_id": stow_hill_notice.pk})
    empty = client.post(action_url, {"text": "  "})
    assert empty.status_code == 200 and "Enter the local action taken" in empty.content.decode()
    assert not LocalAction.objects.exists()
    response = client.post(action_url, {"text": "Extra patrols on Commercial Street"}, follow=True)
    html = response.content.decode()
    assert "Extra patrols on Commercial Street" in html and "Local action noted." in html
    assert "Acknowledge the incident" not in html


def test_the_feed_filters_by_acknowledgement_and_ward(client, officer, neighbourhood, west, east):
    now = timezone.now()
    first = record(officer, now - dt.timedelta(hours=2), **in_ward(STOW_HILL))
    second = record(officer, now - dt.timedelta(hours=1), **in_ward(PILLGWENLLY))
    record(officer, now, **in_ward(LLISWERRY))  # Newport East's, not in this team's feed
    services.acknowledge_notice(IncidentNotice.objects.get(case=first), actor=neighbourhood)
    client.force_login(neighbourhood)

    def references(**query):
        rows = client.get(reverse("neighbourhood:feed"), query).context["rows"]
        return [row["notice"].crime.reference for row in rows]

    assert references() == [second.crime.reference, first.crime.reference]
    assert references(status="acknowledged") == [first.crime.reference]
    assert references(status="waiting") == [second.crime.reference]
    assert references(ward=PILLGWENLLY) == [second.crime.reference]


def test_the_feed_shows_an_overdue_acknowledgement(client, officer, neighbourhood, west):
    record(officer, timezone.now() - dt.timedelta(days=7), **in_ward(STOW_HILL))
    client.force_login(neighbourhood)
    html = client.get(reverse("neighbourhood:feed")).content.decode()
    assert "Overdue" in html and "Was due by" in html


def test_a_subscribed_partner_sees_the_summary_only(client, partner, subscribed, stow_hill_notice):
    client.force_login(partner)
    assert stow_hill_notice.crime.reference in client.get(reverse("neighbourhood:feed")).content.decode()
    page = client.get(reverse("neighbourhood:notice", kwargs={"notice_id": stow_hill_notice.pk}))
    html = page.content.decode()
    assert page.status_code == 200 and "Outside Commercial Street" in html
    for detail in VICTIM_DETAILS:
        assert detail not in html, detail
    assert "Acknowledge the incident" not in html and "Local action" not in html
    assert "See what has been shared" not in html
    assert CaseAccessLog.objects.filter(user=partner, what="neighbourhood notice").exists()
    url = reverse("neighbourhood:acknowledge", kwargs={"notice_id": stow_hill_notice.pk})
    assert client.post(url).status_code == 403


def test_a_partner_with_a_disclosure_in_force_gets_a_link_to_it(client, partner, partner_agency, subscribed,
                                                               stow_hill_notice, officer):
    case = stow_hill_notice.case
    record_consent(victim=case.victim, purpose=Purpose.SHARE_WITH_ORGANISATION, decision="given", how="verbal",
                   actor=officer, case=case, organisation=partner_agency)
    share_with_consent(case, partner_agency, ["incident_summary"], actor=officer)
    client.force_login(partner)
    html = client.get(reverse("neighbourhood:notice", kwargs={"notice_id": stow_hill_notice.pk})).content.decode()
    assert "See what has been shared" in html
    assert reverse("sharing:shared-case", kwargs={"case_id": case.pk}) in html


def test_partners_see_only_notices_since_they_subscribed_and_none_after_stopping(
        client, officer, partner, partner_agency, west, other_partner):
    before = record(officer, timezone.now() - dt.timedelta(hours=3), **in_ward(STOW_HILL))
    subscription = services.subscribe(west, partner_agency, actor=partner, at=timezone.now() - dt.timedelta(hours=2))
    after = record(officer, timezone.now() - dt.timedelta(hours=1), **in_ward(STOW_HILL))
    notice_before, notice_after = (IncidentNotice.objects.get(case=c) for c in (before, after))

    client.force_login(partner)
    rows = client.get(reverse("neighbourhood:feed")).context["rows"]
    assert [row["notice"] for row in rows] == [notice_after]
    assert client.get(reverse("neighbourhood:notice", kwargs={"notice_id": notice_before.pk})).status_code == 404
    url = reverse("neighbourhood:notice", kwargs={"notice_id": notice_after.pk})
    assert client.get(url).status_code == 200

    client.force_login(other_partner)
    assert client.get(url).status_code == 404
    assert client.get(reverse("neighbourhood:feed")).context["rows"] == []

    client.force_login(partner)
    response = client.post(reverse("neighbourhood:subscriptions"),
                           {"action": "end", "subscription": subscription.pk})
    assert response.status_code == 302
    assert client.get(url).status_code == 404, "stopping ends access at once"
    assert client.get(reverse("neighbourhood:feed")).context["rows"] == []


def test_partners_subscribe_to_a_teams_feed(client, partner, partner_agency, west, east, other_partner):
    client.force_login(partner)
    page = client.get(reverse("neighbourhood:subscriptions"))
    assert page.status_code == 200 and west.name_en in page.content.decode()
    error = client.post(reverse("neighbourhood:subscriptions"), {"action": "subscribe", "team": ""})
    assert "Select a neighbourhood team" in error.content.decode() and not FeedSubscription.objects.exists()
    response = client.post(reverse("neighbourhood:subscriptions"), {"action": "subscribe", "team": west.pk})
    assert response.status_code == 302
    subscription = FeedSubscription.objects.get()
    assert (subscription.team, subscription.organisation, subscription.started_by) == (west, partner_agency, partner)
    # Another agency's subscription cannot be ended by this one.
    client.force_login(other_partner)
    response = client.post(reverse("neighbourhood:subscriptions"), {"action": "end", "subscription": subscription.pk})
    assert response.status_code == 404
    subscription.refresh_from_db()
    assert subscription.ended_at is None


def test_only_administrators_configure_teams(client, administrator, neighbourhood, officer, west, east):
    for user in (neighbourhood, officer):
        client.force_login(user)
        assert client.get(reverse("neighbourhood:teams")).status_code == 403
        assert client.get(reverse("neighbourhood:team-wards", kwargs={"team_id": west.pk})).status_code == 403
        assert reverse("neighbourhood:teams") not in client.get(reverse("cases:list")).content.decode()
    client.force_login(administrator)
    assert f'href="{reverse("neighbourhood:teams")}"' in client.get(reverse("cases:list")).content.decode()
    html = client.get(reverse("neighbourhood:teams")).content.decode()
    assert "Stow Hill" in html and "W05001645" in html and "Lliswerry" in html


def test_the_administrator_edits_a_teams_wards(client, administrator, west, east):
    client.force_login(administrator)
    url = reverse("neighbourhood:team-wards", kwargs={"team_id": west.pk})
    html = client.get(url).content.decode()
    # Every current Newport ward by its real ONS code and name, and who covers it now.
    assert html.count('name="wards"') == 21
    assert "Allt-yr-yn (W05001627)" in html and "Covered now by Newport East neighbourhood team" in html

    response = client.post(url, {"wards": [STOW_HILL, LLISWERRY]})
    assert response.status_code == 302
    assert dict(TeamWard.objects.values_list("ward_id", "team_id")) == {STOW_HILL: west.pk, LLISWERRY: west.pk}
    assert client.post(url, {"wards": ["W99999999"]}).status_code == 200  # not a Newport ward: nothing saved
    assert TeamWard.objects.count() == 2


def test_the_administrator_sets_default_teams(client, administrator, west, east, newport):
    client.force_login(administrator)
    url = reverse("neighbourhood:default-teams")
    assert "Newport" in client.get(url).content.decode()
    assert client.post(url, {newport.pk: west.pk}).status_code == 302
    assert DefaultTeam.objects.get(local_authority=newport).team == west
    assert client.post(url, {newport.pk: ""}).status_code == 302
    assert not DefaultTeam.objects.exists()


def _many(officer, count):
    now = timezone.now()
    for hours in range(count):
        record(officer, now - dt.timedelta(hours=hours + 1), **in_ward(STOW_HILL if hours % 2 else PILLGWENLLY))


@pytest.mark.parametrize("count", [1, 20])
def test_feed_query_count_is_bounded(client, officer, neighbourhood, partner, subscribed, west,
                                     django_assert_max_num_queries, count):
    _many(officer, count)
    for user in (neighbourhood, partner):
        client.force_login(user)
        with django_assert_max_num_queries(8):
            assert len(client.get(reverse("neighbourhood:feed")).context["rows"]) == count


@pytest.mark.parametrize("count", [1, 5])
def test_notice_and_configuration_query_counts_are_bounded(client, officer, neighbourhood, administrator, partner,
                                                           partner_agency, west, east, django_assert_max_num_queries,
                                                           count):
    _many(officer, 1)
    notice = IncidentNotice.objects.get()
    for number in range(count):
        services.note_local_action(notice, f"Action {number}", actor=neighbourhood)
        services.set_default_team(east.local_authority, east if number % 2 else west)
    for team in (west, east)[:count]:
        services.subscribe(team, partner_agency, actor=partner)
    client.force_login(partner)
    with django_assert_max_num_queries(8):
        client.get(reverse("neighbourhood:subscriptions"))
    client.force_login(neighbourhood)
    with django_assert_max_num_queries(8):
        client.get(reverse("neighbourhood:notice", kwargs={"notice_id": notice.pk}))
    client.force_login(administrator)
    for url in (reverse("neighbourhood:teams"), reverse("neighbourhood:team-wards", kwargs={"team_id": west.pk}),
                reverse("neighbourhood:default-teams")):
        with django_assert_max_num_queries(7):
            client.get(url)


def test_the_case_page_panel_shows_the_team_and_its_acknowledgement(client, officer, neighbourhood, stow_hill_notice):
    services.note_local_action(stow_hill_notice, "Patrols on Commercial Street", actor=neighbourhood)
    client.force_login(officer)
    html = client.get(reverse("cases:support", kwargs={"case_id": stow_hill_notice.case_id})).content.decode()
    assert "Neighbourhood team" in html and "Newport West neighbourhood team" in html
    assert "To acknowledge" in html and "Patrols on Commercial Street" in html


def test_someone_in_a_team_and_a_partner_agency_sees_both_feeds(client, officer, neighbourhood, partner_agency, west,
                                                                east):
    MembershipFactory(user=neighbourhood, organisation=partner_agency, role=Membership.Role.PARTNER)
    services.subscribe(east, partner_agency, actor=neighbourhood, at=timezone.now() - dt.timedelta(days=1))
    own = record(officer, timezone.now() - dt.timedelta(hours=2), **in_ward(STOW_HILL))
    followed = record(officer, timezone.now() - dt.timedelta(hours=1), **in_ward(LLISWERRY))
    client.force_login(neighbourhood)
    rows = client.get(reverse("neighbourhood:feed")).context["rows"]
    assert [row["notice"].case for row in rows] == [followed, own]
    notice = IncidentNotice.objects.get(case=followed)
    html = client.get(reverse("neighbourhood:notice", kwargs={"notice_id": notice.pk})).content.decode()
    assert "Acknowledge the incident" not in html, "following East's feed does not make them part of East's team"


# --- Routed by the unit's area, and incidents that reached no team ----------------------------------------
def test_an_incident_routed_by_the_units_area_says_so_on_the_feed_notice_and_case(client, officer, neighbourhood,
                                                                                  east, west):
    MembershipFactory(user=neighbourhood, organisation=east, role=Membership.Role.NEIGHBOURHOOD)
    case = record(officer, timezone.now() - dt.timedelta(hours=1), postcode="NP20 4AB")  # not in the directory
    notice = IncidentNotice.objects.get(case=case)
    client.force_login(neighbourhood)
    feed = html.unescape(client.get(reverse("neighbourhood:feed")).content.decode())
    assert "Not found" in feed and "Routed by the area of the case's unit" in feed
    page = html.unescape(client.get(reverse("neighbourhood:notice", kwargs={"notice_id": notice.pk})).content.decode())
    assert "sent to this team by the area of the case's unit, not by its exact ward" in page
    client.force_login(officer)
    panel = html.unescape(client.get(reverse("cases:support", kwargs={"case_id": case.pk})).content.decode())
    assert "Ward not found: routed by the area of the case's unit" in panel


@pytest.fixture
def unrouted(officer, unit, other_unit, other_officer, areas, west):
    """Two incidents no team was told of (Allt-yr-yn, which no team covers, and Newport has no default team),
    one in the officer's unit and one in another; and one that reached Newport West."""
    now = timezone.now()
    mine = record(officer, now - dt.timedelta(hours=2), location="Outside 9 Allt-yr-yn Road", **in_ward(ALLT_YR_YN))
    theirs = record(other_officer, now - dt.timedelta(hours=1), **in_ward(ALLT_YR_YN))
    theirs.unit = other_unit  # recorded for the other unit (as if its area)
    theirs.save(update_fields=["unit"])
    routed = record(officer, now, **in_ward(STOW_HILL))
    return {"mine": mine, "theirs": theirs, "routed": routed}


def test_a_supervisor_sees_their_units_incidents_that_reached_no_team(client, supervisor, unrouted):
    client.force_login(supervisor)
    page = client.get(reverse("neighbourhood:unrouted")).content.decode()
    mine, theirs, routed = unrouted["mine"], unrouted["theirs"], unrouted["routed"]
    section = reverse("cases:support", kwargs={"case_id": mine.pk})  # where the neighbourhood panel is
    assert mine.crime.reference in page and f'href="{section}"' in page
    assert theirs.crime.reference not in page and routed.crime.reference not in page
    assert "Outside Allt-yr-yn Road" in page and "9 Allt" not in page
    assert CaseAccessLog.objects.filter(user=supervisor, case=mine,
                                        what="incidents that reached no neighbourhood team").exists()
    panel = client.get(section).content.decode()
    assert "No neighbourhood team has been told of this incident." in panel
    assert reverse("neighbourhood:unrouted") in panel


def test_a_team_member_sees_their_forces_incidents_that_reached_no_team_without_the_victim(client, neighbourhood,
                                                                                         unrouted):
    client.force_login(neighbourhood)
    assert reverse("neighbourhood:unrouted") in client.get(reverse("neighbourhood:feed")).content.decode()
    page = client.get(reverse("neighbourhood:unrouted")).content.decode()
    for case in (unrouted["mine"], unrouted["theirs"]):
        assert case.crime.reference in page
        assert reverse("cases:detail", kwargs={"case_id": case.pk}) not in page  # nor any section's, beneath it
    assert unrouted["routed"].crime.reference not in page
    for detail in VICTIM_DETAILS:
        assert detail not in page, detail


def test_others_may_not_list_incidents_that_reached_no_team(client, officer, partner, caseworker, unrouted):
    for user in (officer, partner, caseworker):
        client.force_login(user)
        assert client.get(reverse("neighbourhood:unrouted")).status_code == 403


def test_when_every_incident_reached_a_team_the_list_says_so(client, supervisor, stow_hill_notice):
    client.force_login(supervisor)
    assert "Every open incident has reached a neighbourhood team." in client.get(
        reverse("neighbourhood:unrouted")).content.decode()
