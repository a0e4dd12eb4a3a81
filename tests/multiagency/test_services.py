"""Flagging on first contact, by judgement and withdrawn; meetings, agendas sharing through the sharing app,
and actions as commitments owed by the agency that owns them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.multiagency.conftest import consent_to_meeting, report
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import CaseStateError, close_case
from victimcare.charter.models import Commitment
from victimcare.multiagency import services
from victimcare.multiagency.models import Action, AgendaItem, MultiAgencyReferral
from victimcare.multiagency.rules import Reason, months_before
from victimcare.sharing.access import items_shared
from victimcare.sharing.models import Decision, Disclosure
from victimcare.sharing.services import SharingError, decide_safeguarding_disclosure

Kind = TimelineEvent.Kind
LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def kinds(case):
    return list(case.timeline.values_list("kind", flat=True))


# --- Flagging at first contact ---------------------------------------------------------------------
def test_a_high_dash_score_flags_the_case_when_the_report_is_recorded(officer):
    case = report(officer, dash=14)
    referral = case.multi_agency_referrals.get()
    assert referral.reasons == [Reason.HIGH_RISK_DASH] and referral.status == "flagged"
    assert referral.flagged_by is None and not referral.is_repeat
    event = case.timeline.get(kind=Kind.MULTI_AGENCY_FLAGGED)
    assert event.actor is None
    assert event.data == {"referral": referral.pk, "reasons": ["high_risk_dash"], "is_repeat": False, "note": ""}


def test_a_dash_score_of_13_alone_does_not_flag(officer):
    case = report(officer, dash=13)
    assert not case.multi_agency_referrals.exists()
    assert Kind.MULTI_AGENCY_FLAGGED not in kinds(case)


def test_honour_based_and_persistently_targeted_reports_are_flagged(officer):
    honour = report(officer, honour_based=True, domestic_abuse=False)
    targeted = report(officer, persistently_targeted=True, domestic_abuse=False, family_name="Other")
    assert honour.multi_agency_referrals.get().reasons == ["honour_based"]
    assert targeted.multi_agency_referrals.get().reasons == ["persistently_targeted"]


def test_the_third_domestic_abuse_report_in_12_months_is_a_potential_escalation(officer):
    now = timezone.now()
    first = report(officer, at=now - dt.timedelta(days=300))
    report(officer, victim_id=first.victim_id, at=now - dt.timedelta(days=100))
    third = report(officer, victim_id=first.victim_id, at=now)
    assert not MultiAgencyReferral.objects.exclude(case=third).exists()
    assert third.multi_agency_referrals.get().reasons == ["potential_escalation"]


def test_a_report_outside_the_window_does_not_count_towards_escalation(officer):
    now = timezone.now()
    window_start = months_before(now, 12)
    first = report(officer, at=window_start - dt.timedelta(minutes=1))
    report(officer, victim_id=first.victim_id, at=now - dt.timedelta(days=100))
    third = report(officer, victim_id=first.victim_id, at=now)
    assert not third.multi_agency_referrals.exists()
    # One minute later the first is inside the window.
    first_inside = report(officer, at=window_start + dt.timedelta(minutes=1), family_name="Inside")
    report(officer, victim_id=first_inside.victim_id, at=now - dt.timedelta(days=100))
    third_inside = report(officer, victim_id=first_inside.victim_id, at=now)
    assert third_inside.multi_agency_referrals.get().reasons == ["potential_escalation"]


def test_a_referral_within_12_months_of_the_last_is_a_repeat(officer):
    now = timezone.now()
    first = report(officer, dash=15, at=now - dt.timedelta(days=330))
    second = report(officer, victim_id=first.victim_id, dash=16, at=now)
    assert not first.multi_agency_referrals.get().is_repeat
    referral = second.multi_agency_referrals.get()
    assert referral.is_repeat
    assert second.timeline.get(kind=Kind.MULTI_AGENCY_FLAGGED).data["is_repeat"] is True


def test_a_referral_13_months_after_the_last_is_not_a_repeat(officer):
    now = timezone.now()
    first = report(officer, dash=15, at=now - dt.timedelta(days=400))
    second = report(officer, victim_id=first.victim_id, dash=16, at=now)
    assert not second.multi_agency_referrals.get().is_repeat


def test_a_withdrawn_referral_does_not_make_the_next_a_repeat(officer):
    now = timezone.now()
    first = report(officer, dash=15, at=now - dt.timedelta(days=30))
    services.withdraw_referral(first.multi_agency_referrals.get(), actor=officer, reason="Flagged in error")
    second = report(officer, victim_id=first.victim_id, dash=16, at=now)
    assert not second.multi_agency_referrals.get().is_repeat


def test_the_thresholds_follow_the_setting(officer, settings):
    settings.MULTI_AGENCY_RULE = {"dash_score": 10}
    assert report(officer, dash=10).multi_agency_referrals.exists()


# --- Flagging by judgement, withdrawing ------------------------------------------------------------
def test_an_officer_flags_by_professional_judgement_with_a_reason(case, officer):
    referral = services.flag_by_judgement(case, actor=officer, note="Threats to kill", idempotency_key="k1")
    again = services.flag_by_judgement(case, actor=officer, note="Threats to kill", idempotency_key="k1")
    assert again.pk == referral.pk and MultiAgencyReferral.objects.count() == 1
    assert referral.reasons == ["professional_judgement"] and referral.flagged_by == officer
    assert referral.note == "Threats to kill"
    assert CaseAccessLog.objects.filter(case=case, action="changed",
                                        what="flagged the case for a multi-agency meeting").exists()
    with pytest.raises(services.MultiAgencyError):
        services.flag_by_judgement(case, actor=officer, note="Again")
    with pytest.raises(services.MultiAgencyError):
        services.flag_by_judgement(case, actor=officer, note="  ")


def test_withdrawing_needs_a_reason_and_is_on_the_timeline(case, officer):
    referral = services.flag_by_judgement(case, actor=officer, note="Threats")
    with pytest.raises(services.MultiAgencyError):
        services.withdraw_referral(referral, actor=officer, reason="")
    withdrawn = services.withdraw_referral(referral, actor=officer, reason="Victim moved out of area")
    assert withdrawn.status == "withdrawn" and withdrawn.withdrawn_reason == "Victim moved out of area"
    event = case.timeline.filter(kind=Kind.MULTI_AGENCY_FLAGGED).last()
    assert event.data["withdrawn"] is True
    # A case whose flag was withdrawn can be flagged again.
    assert services.flag_by_judgement(case, actor=officer, note="New threats").status == "flagged"


# --- Meetings and agendas --------------------------------------------------------------------------
def test_adding_a_case_with_consent_shares_what_each_agency_may_see(listed, partner_agency, victim_service,
                                                                    other_partner_agency):
    case = listed.referral.case
    assert listed.referral.status == "listed"
    assert items_shared(case, [partner_agency.pk]) == {"incident_summary", "victim_name"}
    assert items_shared(case, [victim_service.pk]) == {"risk_assessment"}
    assert items_shared(case, [other_partner_agency.pk]) == set()
    assert {d.status for d in listed.disclosures.all()} == {Disclosure.Status.IN_FORCE}
    assert {d.consent.purpose for d in listed.disclosures.all()} == {"multi_agency_meeting"}
    event = case.timeline.get(kind=Kind.MULTI_AGENCY_LISTED)
    assert event.data["agenda_item"] == listed.pk and event.data["basis"] == "consent"


def test_without_consent_the_basis_must_be_safeguarding(flagged_case, meeting, officer, partner_agency):
    referral = flagged_case.multi_agency_referrals.get()
    with pytest.raises(SharingError):
        services.add_to_agenda(meeting, referral, actor=officer, basis="consent",
                               items_by_agency={partner_agency: ["victim_name"]})
    referral.refresh_from_db()
    assert referral.status == "flagged" and not AgendaItem.objects.exists()  # nothing half-done


def test_safeguarding_sharing_waits_for_a_supervisor(flagged_case, meeting, officer, supervisor, partner_agency):
    referral = flagged_case.multi_agency_referrals.get()
    item = services.add_to_agenda(meeting, referral, actor=officer, basis="safeguarding",
                                  justification="Children at risk", items_by_agency={partner_agency: ["victim_name"]})
    disclosure = item.disclosures.get()
    assert disclosure.status == Disclosure.Status.AWAITING_APPROVAL
    assert items_shared(flagged_case, [partner_agency.pk]) == set()
    decide_safeguarding_disclosure(disclosure, actor=supervisor, approve=True)
    assert items_shared(flagged_case, [partner_agency.pk]) == {"victim_name"}


def test_withdrawing_consent_ends_what_the_meeting_shared(listed, officer, partner_agency):
    case = listed.referral.case
    consent_to_meeting(case, officer, Decision.WITHDRAWN)
    assert items_shared(case, [partner_agency.pk]) == set()
    assert {d.status for d in listed.disclosures.all()} == {Disclosure.Status.ENDED}


def test_only_agencies_attending_are_shared_with(flagged_case, meeting, officer, other_partner_agency):
    consent_to_meeting(flagged_case, officer)
    with pytest.raises(services.MultiAgencyError):
        services.add_to_agenda(meeting, flagged_case.multi_agency_referrals.get(), actor=officer, basis="consent",
                               items_by_agency={other_partner_agency: ["victim_name"]})


def test_a_case_is_listed_once(listed, officer):
    with pytest.raises(services.MultiAgencyError):
        services.add_to_agenda(listed.meeting, listed.referral, actor=officer, basis="consent", items_by_agency={})


# --- Actions ---------------------------------------------------------------------------------------
def test_an_agreed_action_is_a_commitment_owed_by_the_agency_due_at_the_end_of_the_due_date(
        listed, officer, partner_agency):
    due_on = dt.date(2026, 12, 24)
    action = services.agree_action(listed, owner=partner_agency, description="Fit a door alarm", due_on=due_on,
                                   actor=officer, idempotency_key="a1")
    again = services.agree_action(listed, owner=partner_agency, description="Fit a door alarm", due_on=due_on,
                                  actor=officer, idempotency_key="a1")
    assert again.pk == action.pk and Action.objects.count() == 1
    commitment = action.commitment
    assert commitment.kind == "multi_agency_action" and commitment.standard == 7
    assert commitment.owner_organisation == partner_agency and commitment.owner_person is None
    assert commitment.due_at.astimezone(LONDON).date() == due_on
    assert (commitment.due_at.astimezone(LONDON) + dt.timedelta(seconds=1)).date() == dt.date(2026, 12, 25)
    assert commitment.opened_by_event.kind == Kind.MULTI_AGENCY_ACTION_AGREED
    listed.referral.refresh_from_db()
    assert listed.referral.status == "discussed"


def test_done_on_time_meets_it_and_late_meets_it_late(listed, officer, partner, partner_agency):
    due_on = timezone.localdate() + dt.timedelta(days=3)
    on_time = services.agree_action(listed, owner=partner_agency, description="Visit", due_on=due_on, actor=officer)
    late = services.agree_action(listed, owner=partner_agency, description="Call", due_on=due_on, actor=officer)
    services.complete_action(on_time, actor=partner)
    services.complete_action(late, actor=partner, at=timezone.now() + dt.timedelta(days=5))
    on_time.refresh_from_db()
    late.refresh_from_db()
    assert on_time.status == "done" and on_time.completed_by == partner
    assert on_time.commitment.status == Commitment.Status.MET
    assert late.commitment.status == Commitment.Status.MET_LATE
    ended = listed.referral.case.timeline.filter(kind=Kind.MULTI_AGENCY_ACTION_ENDED)
    assert [e.data["outcome"] for e in ended] == ["done", "done"]
    with pytest.raises(services.MultiAgencyError):
        services.complete_action(on_time, actor=partner)


def test_a_cancelled_action_waives_its_commitment_with_the_reason(listed, officer, unit):
    action = services.agree_action(listed, owner=unit, description="Arrest", due_on=timezone.localdate(),
                                   actor=officer)
    with pytest.raises(services.MultiAgencyError):
        services.cancel_action(action, actor=officer, reason=" ")
    services.cancel_action(action, actor=officer, reason="Suspect already charged")
    action.refresh_from_db()
    assert action.status == "cancelled" and action.commitment.status == Commitment.Status.WAIVED
    assert action.commitment.waive_reason == "Suspect already charged"


def test_an_action_owner_must_attend_or_be_police(listed, officer, other_partner_agency):
    with pytest.raises(services.MultiAgencyError):
        services.agree_action(listed, owner=other_partner_agency, description="x", due_on=timezone.localdate(),
                              actor=officer)
    assert not Commitment.objects.filter(kind="multi_agency_action").exists()


def test_a_closed_case_takes_no_more_actions(listed, officer, partner_agency):
    close_case(listed.referral.case, actor=officer)
    with pytest.raises(CaseStateError):
        services.agree_action(listed, owner=partner_agency, description="x", due_on=timezone.localdate(),
                              actor=officer)
