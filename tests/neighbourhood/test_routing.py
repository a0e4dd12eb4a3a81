"""Every new incident reaches the neighbourhood team of its ward the moment it is recorded, and the team
owes an acknowledgement (1 working day by default)."""

import datetime as dt
import logging

import pytest

from tests.factories import CrimeFactory, VictimFactory
from tests.neighbourhood.conftest import (
    ALLT_YR_YN,
    LLISWERRY,
    LONDON,
    PILLGWENLLY,
    STOW_HILL,
    end_of,
    in_ward,
    record,
)
from victimcare.areas.models import Lsoa, Postcode, Ward
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import open_case
from victimcare.charter.models import Commitment, OverdueAlert
from victimcare.charter.rules import CommitmentKind
from victimcare.charter.services import record_overdue
from victimcare.neighbourhood import services
from victimcare.neighbourhood.models import IncidentNotice
from victimcare.neighbourhood.routing import route, team_for, ward_code_for_lsoa

WEDNESDAY = dt.datetime(2026, 11, 18, 10, 30, tzinfo=LONDON)
CHRISTMAS_EVE = dt.datetime(2026, 12, 24, 16, 0, tzinfo=LONDON)


def test_an_incident_in_stow_hill_reaches_newport_west_due_the_end_of_the_next_working_day(officer, west, east):
    case = record(officer, WEDNESDAY, **in_ward(STOW_HILL))

    assert case.crime.ward.code == STOW_HILL and case.crime.ward.name_en == "Stow Hill"
    notice = IncidentNotice.objects.get()
    assert notice.team == west and notice.case == case and notice.crime == case.crime
    assert notice.ward.code == STOW_HILL and notice.routed_by == "ward" and notice.received_at == WEDNESDAY
    assert notice.local_authority.name_en == "Newport"

    commitment = notice.commitment
    assert commitment.kind == CommitmentKind.NEIGHBOURHOOD_ACKNOWLEDGEMENT and commitment.standard == 6
    assert commitment.owner_organisation == west and commitment.owner_person is None
    assert commitment.status == Commitment.Status.OPEN
    assert commitment.due_at == end_of(dt.date(2026, 11, 19))  # Thursday, the next working day

    told = case.timeline.get(kind=TimelineEvent.Kind.NEIGHBOURHOOD_NOTIFIED)
    assert commitment.opened_by_event == told and told.actor is None
    assert told.data == {"notice": notice.pk, "team": west.pk, "team_en": west.name_en, "team_cy": west.name_cy,
                         "ward": STOW_HILL, "ward_en": "Stow Hill", "ward_cy": "Stow Hill", "routed_by": "ward"}


@pytest.mark.parametrize("ward, team", [(PILLGWENLLY, "west"), (LLISWERRY, "east"), (STOW_HILL, "west")])
def test_each_named_newport_ward_reaches_its_own_team(officer, west, east, ward, team):
    case = record(officer, WEDNESDAY, **in_ward(ward))
    notice = IncidentNotice.objects.get(case=case)
    assert notice.team == {"west": west, "east": east}[team]
    assert notice.ward.code == ward and notice.routed_by == "ward"


def test_on_christmas_eve_the_acknowledgement_is_due_after_the_bank_holidays(officer, west):
    record(officer, CHRISTMAS_EVE, **in_ward(STOW_HILL))
    # Fri 25 and Mon 28 December 2026 are bank holidays; 26 and 27 a weekend.
    assert IncidentNotice.objects.get().commitment.due_at == end_of(dt.date(2026, 12, 29))


def test_a_ward_no_team_covers_goes_to_the_default_team_of_its_local_authority(officer, west, east):
    case = record(officer, WEDNESDAY, **in_ward(ALLT_YR_YN))
    notice = IncidentNotice.objects.get(case=case)
    assert notice.team == east and notice.routed_by == "default" and notice.ward.code == ALLT_YR_YN


def _lsoa_in(ward_code):
    return next(lsoa for lsoa in Lsoa.objects.filter(local_authority_id="W06000022")
                if ward_code_for_lsoa(lsoa.code) == ward_code)


def test_a_report_with_only_a_postcode_is_placed_in_its_ward_through_the_lsoa(officer, west, east):
    lsoa = _lsoa_in(STOW_HILL)
    Postcode.objects.create(postcode="NP20 4AB", lsoa=lsoa, ward=None)  # the directory gave no ward
    case = record(officer, WEDNESDAY, postcode="np20 4ab")
    assert case.crime.lsoa == lsoa and case.crime.ward is None
    notice = IncidentNotice.objects.get(case=case)
    assert notice.team == west and notice.ward.code == STOW_HILL and notice.routed_by == "lsoa"


def test_a_postcode_with_its_ward_goes_straight_to_that_wards_team(officer, west, east):
    Postcode.objects.create(postcode="NP19 0AA", lsoa=_lsoa_in(LLISWERRY), ward=Ward.objects.get(code=LLISWERRY))
    case = record(officer, WEDNESDAY, postcode="NP19 0AA")
    assert IncidentNotice.objects.get(case=case).team == east


def test_a_crime_with_only_an_lsoa_is_routed_by_it(west, east):
    crime = CrimeFactory.build(lsoa=_lsoa_in(PILLGWENLLY), ward=None, longitude=None, latitude=None)
    found = route(crime)
    assert found.team == west and found.ward.code == PILLGWENLLY and found.local_authority.code == "W06000022"
    assert team_for(crime) == west


def test_no_team_records_nothing_but_logs_a_warning(officer, unit, areas, caplog):
    """No team covers Newport yet: the report is recorded, the team part is not, and someone is told."""
    with caplog.at_level(logging.WARNING, logger="victimcare.neighbourhood.services"):
        case = record(officer, WEDNESDAY, **in_ward(STOW_HILL))
    assert case.pk and not IncidentNotice.objects.exists()
    assert not case.timeline.filter(kind=TimelineEvent.Kind.NEIGHBOURHOOD_NOTIFIED).exists()
    assert not case.commitments.filter(kind=CommitmentKind.NEIGHBOURHOOD_ACKNOWLEDGEMENT).exists()
    assert f"No neighbourhood team for crime {case.crime.reference}" in caplog.text


def test_acknowledged_on_time_meets_the_commitment(officer, west, neighbourhood):
    case = record(officer, WEDNESDAY, **in_ward(STOW_HILL))
    notice = IncidentNotice.objects.get()
    services.acknowledge_notice(notice, actor=neighbourhood, at=WEDNESDAY + dt.timedelta(hours=3))

    notice.refresh_from_db()
    assert notice.acknowledged_by == neighbourhood and notice.acknowledgement()["state"] == "acknowledged"
    assert notice.commitment.status == Commitment.Status.MET and notice.commitment.closed_by == neighbourhood
    event = case.timeline.get(kind=TimelineEvent.Kind.NEIGHBOURHOOD_ACKNOWLEDGED)
    assert event.actor == neighbourhood and event.data["on_time"] is True and event.data["team"] == west.pk
    assert CaseAccessLog.objects.filter(case=case, user=neighbourhood, action=CaseAccessLog.Action.CHANGED,
                                        what="acknowledged the incident for the neighbourhood team").exists()
    with pytest.raises(services.NeighbourhoodStateError):
        services.acknowledge_notice(notice, actor=neighbourhood)


def test_acknowledged_late_is_met_late(officer, west, neighbourhood):
    case = record(officer, WEDNESDAY, **in_ward(STOW_HILL))
    notice = IncidentNotice.objects.get()
    services.acknowledge_notice(notice, actor=neighbourhood, at=dt.datetime(2026, 11, 20, 9, 0, tzinfo=LONDON))
    notice.refresh_from_db()
    assert notice.commitment.status == Commitment.Status.MET_LATE
    assert notice.acknowledgement()["state"] == "late"
    assert case.timeline.get(kind=TimelineEvent.Kind.NEIGHBOURHOOD_ACKNOWLEDGED).data["on_time"] is False


def test_the_sweep_marks_an_unacknowledged_incident_overdue_for_the_team(officer, west, neighbourhood, colleague):
    record(officer, WEDNESDAY, **in_ward(STOW_HILL))
    notice = IncidentNotice.objects.get()
    assert not record_overdue(notice.commitment, at=end_of(dt.date(2026, 11, 19)) - dt.timedelta(minutes=1))
    assert record_overdue(notice.commitment, at=dt.datetime(2026, 11, 20, 0, 5, tzinfo=LONDON))

    alert = OverdueAlert.objects.get()
    assert alert.owner_organisation == west and alert.owner_person is None
    assert list(OverdueAlert.objects.for_user(neighbourhood)) == [alert]
    assert not OverdueAlert.objects.for_user(colleague).exists(), "the team owes it, not the case's unit"
    notice.refresh_from_db()
    assert notice.acknowledgement(dt.datetime(2026, 11, 20, 0, 5, tzinfo=LONDON))["state"] == "overdue"


def test_local_action_is_noted_on_the_notice_and_the_timeline(officer, west, neighbourhood):
    case = record(officer, WEDNESDAY, **in_ward(STOW_HILL))
    notice = IncidentNotice.objects.get()
    action = services.note_local_action(notice, "  Extra patrols on Stow Hill  ", actor=neighbourhood,
                                        idempotency_key="abc")
    again = services.note_local_action(notice, "Extra patrols on Stow Hill", actor=neighbourhood,
                                       idempotency_key="abc")
    assert again == action and notice.local_actions.get().text == "Extra patrols on Stow Hill"
    event = case.timeline.get(kind=TimelineEvent.Kind.LOCAL_ACTION_NOTED)
    assert event.data["local_action"] == action.pk and event.data["text"] == "Extra patrols on Stow Hill"
    with pytest.raises(services.NeighbourhoodStateError):
        services.note_local_action(notice, "  ", actor=neighbourhood)


def test_open_cases_recorded_before_routing_are_routed_once(unit, officer, call_handler, west, east):
    crime = CrimeFactory(ward=Ward.objects.get(code=STOW_HILL), lsoa=_lsoa_in(STOW_HILL))
    case = open_case(victim=VictimFactory(), crime=crime, unit=unit, officer=officer, recorded_by=call_handler)
    second_victim = open_case(victim=VictimFactory(), crime=crime, unit=unit, officer=officer,
                              recorded_by=call_handler)
    old = open_case(victim=VictimFactory(), crime=CrimeFactory(), unit=unit, officer=officer, recorded_by=call_handler,
                    at=dt.datetime(2020, 1, 1, tzinfo=LONDON))
    assert not IncidentNotice.objects.exists()

    assert services.notify_open_cases(dt.date(2026, 1, 1)) == 1
    assert services.notify_open_cases(dt.date(2026, 1, 1)) == 0
    notice = IncidentNotice.objects.get()
    assert notice.team == west and notice.case in (case, second_victim)
    assert not old.neighbourhood_notices.exists()


# --- A place that resolves to nothing: the team of the area of the case's unit ---------------------------
def test_a_postcode_the_directory_does_not_hold_reaches_the_team_of_the_units_area(officer, unit, west, east):
    """No ONS postcode file ships, so an empty directory: the report's place resolves to no ward and no
    local authority. The officer's unit covers Newport, whose default team is Newport East."""
    case = record(officer, WEDNESDAY, postcode="NP20 4AB")
    assert case.unit == unit and case.crime.ward is None and case.crime.local_authority is None
    notice = IncidentNotice.objects.get(case=case)
    assert notice.team == east and notice.routed_by == IncidentNotice.RoutedBy.UNIT_AREA
    assert notice.ward is None and notice.local_authority is None  # not where it happened: where the case is owned
    assert notice.commitment.owner_organisation == east and notice.commitment.due_at == end_of(dt.date(2026, 11, 19))
    event = case.timeline.get(kind=TimelineEvent.Kind.NEIGHBOURHOOD_NOTIFIED)
    assert event.data["routed_by"] == "unit_area" and event.data["area_en"] == "Newport"
    assert event.data["area_cy"] == "Casnewydd" and event.data["ward"] == ""


def test_the_timeline_says_it_was_routed_by_the_units_area_in_english_and_welsh(officer, west, east):
    from django.utils import translation

    from victimcare.cases.timeline import describe

    case = record(officer, WEDNESDAY, postcode="NP20 4AB")
    event = case.timeline.get(kind=TimelineEvent.Kind.NEIGHBOURHOOD_NOTIFIED)
    english = describe(event, case)
    assert english.description == ("Newport East neighbourhood team was told of the incident by the area of the "
                                   "case's unit (Newport): its ward was not found.")
    assert "tell the team whose area it is" in english.detail
    with translation.override("cy"):
        welsh = describe(event, case)
    assert welsh.description == ("Cafodd Tîm plismona bro Dwyrain Casnewydd wybod am y digwyddiad yn ôl ardal uned "
                                 "yr achos (Casnewydd): ni chafwyd hyd i'w ward.")
    assert welsh.detail.startswith("Gwiriwch y lle")


def test_a_place_found_but_covered_by_no_team_is_not_sent_by_the_units_area(officer, unit, areas, west):
    """Only a place that resolves to nothing falls back: a Newport ward no team covers, with no default
    team for Newport, reached no team (and is listed as such), even though the unit has an area."""
    case = record(officer, WEDNESDAY, **in_ward(ALLT_YR_YN))
    assert not IncidentNotice.objects.filter(case=case).exists()
    assert list(services.unrouted_cases(case.__class__.objects.all())) == [case]


def test_a_unit_with_no_area_leaves_a_place_not_found_unrouted_and_listed(officer, unit, west, east, caplog):
    unit.local_authority = None
    unit.save()
    with caplog.at_level(logging.WARNING, logger="victimcare.neighbourhood.services"):
        case = record(officer, WEDNESDAY, postcode="NP20 4AB")
    assert not IncidentNotice.objects.filter(case=case).exists()
    assert f"No neighbourhood team for crime {case.crime.reference}" in caplog.text
    routed = record(officer, WEDNESDAY, **in_ward(STOW_HILL))
    assert list(services.unrouted_cases(case.__class__.objects.all())) == [case]
    assert routed.pk != case.pk


def test_the_case_page_panel_shows_the_action_noted_and_reads_actions_only_when_there_are_some(
        client, officer, west, neighbourhood):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    case = record(officer, WEDNESDAY, **in_ward(STOW_HILL))
    page = reverse("cases:support", kwargs={"case_id": case.pk})
    client.force_login(officer)
    client.get(page)
    with CaptureQueriesContext(connection) as before:
        html = client.get(page).content.decode()
    assert "None noted yet" in html
    assert not any(q["sql"].startswith('SELECT "neighbourhood_localaction"') for q in before.captured_queries)
    assert len(before.captured_queries) <= 10, "the support and partners section, measured"

    services.note_local_action(IncidentNotice.objects.get(), "Extra patrols on Stow Hill", actor=neighbourhood)
    with CaptureQueriesContext(connection) as after:
        html = client.get(page).content.decode()
    assert "Extra patrols on Stow Hill" in html and "None noted yet" not in html
    assert len(after.captured_queries) == len(before.captured_queries) + 1
