"""The consent ledger and disclosures: append-only choices, the latest choice applies, withdrawal ends
sharing at that moment, a safeguarding override needs another supervisor's approval and a justification."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.organisations.models import Organisation
from victimcare.sharing import services
from victimcare.sharing.access import items_shared, shared_case_ids
from victimcare.sharing.models import ConsentRecord, Decision, Disclosure, How, LawfulBasis, Purpose, SharedItem
from victimcare.sharing.services import (
    CONSENT_WITHDRAWN,
    ConsentError,
    SharingError,
    covering_consent,
    current_consent,
    decide_safeguarding_disclosure,
    end_disclosure,
    has_consent,
    record_consent,
    request_safeguarding_disclosure,
    share_with_consent,
)

Kind = TimelineEvent.Kind
NAME_AND_SUMMARY = [SharedItem.VICTIM_NAME, SharedItem.INCIDENT_SUMMARY]


def consent(case, officer, decision=Decision.GIVEN, organisation=None, kind="", purpose=None, at=None, **kwargs):
    if purpose is None:
        purpose = Purpose.SHARE_WITH_KIND if kind else Purpose.SHARE_WITH_ORGANISATION
    return record_consent(victim=case.victim, case=case, purpose=purpose, decision=decision, how=How.VERBAL,
                          actor=officer, organisation=organisation, organisation_kind=kind, at=at, **kwargs)


def events(case, kind):
    return list(TimelineEvent.objects.filter(case=case, kind=kind).order_by("occurred_at", "id"))


# --- The ledger ------------------------------------------------------------------------------------

def test_the_ledger_is_append_only(case, officer, partner_agency):
    record = consent(case, officer, organisation=partner_agency)
    record.note = "changed"
    with pytest.raises(ValidationError):
        record.save()
    with pytest.raises(Exception):  # noqa: B017 - the append-only queryset refuses bulk changes
        ConsentRecord.objects.filter(pk=record.pk).update(note="changed")
    with pytest.raises(Exception):  # noqa: B017
        ConsentRecord.objects.filter(pk=record.pk).delete()
    assert ConsentRecord.objects.get(pk=record.pk).note == ""


def test_the_current_choice_is_the_latest(case, officer, partner_agency):
    now = timezone.now()
    assert current_consent(case.victim, Purpose.SHARE_WITH_ORGANISATION, partner_agency) is None
    consent(case, officer, Decision.REFUSED, organisation=partner_agency, at=now - dt.timedelta(days=2))
    assert not has_consent(case.victim, Purpose.SHARE_WITH_ORGANISATION, partner_agency)
    given = consent(case, officer, Decision.GIVEN, organisation=partner_agency, at=now - dt.timedelta(days=1))
    assert current_consent(case.victim, Purpose.SHARE_WITH_ORGANISATION, partner_agency) == given
    assert has_consent(case.victim, Purpose.SHARE_WITH_ORGANISATION, partner_agency)
    consent(case, officer, Decision.WITHDRAWN, organisation=partner_agency, at=now)
    assert not has_consent(case.victim, Purpose.SHARE_WITH_ORGANISATION, partner_agency)
    assert ConsentRecord.objects.filter(victim=case.victim).count() == 3, "every choice stays in the ledger"


def test_consent_is_per_organisation_and_per_purpose(case, officer, partner_agency, housing):
    consent(case, officer, organisation=partner_agency)
    assert not has_consent(case.victim, Purpose.SHARE_WITH_ORGANISATION, housing)
    assert not has_consent(case.victim, Purpose.MULTI_AGENCY_MEETING)
    assert covering_consent(case, housing) is None


def test_withdrawing_needs_consent_that_was_given(case, officer, partner_agency):
    with pytest.raises(ConsentError):
        consent(case, officer, Decision.WITHDRAWN, organisation=partner_agency)
    consent(case, officer, Decision.REFUSED, organisation=partner_agency)
    with pytest.raises(ConsentError):
        consent(case, officer, Decision.WITHDRAWN, organisation=partner_agency)
    assert ConsentRecord.objects.count() == 1


@pytest.mark.parametrize("kwargs", [
    {"purpose": Purpose.SHARE_WITH_ORGANISATION},
    {"purpose": Purpose.SHARE_WITH_KIND},
    {"purpose": "sharing_with_everyone"},
    {"purpose": Purpose.SATISFACTION_SURVEY, "decision": "maybe"},
])
def test_a_choice_must_say_what_it_is_about(case, officer, kwargs):
    with pytest.raises(ConsentError):
        consent(case, officer, **{"decision": Decision.GIVEN, **kwargs})
    assert not ConsentRecord.objects.exists()


def test_the_scope_is_normalised(case, officer, partner_agency):
    by_kind = consent(case, officer, organisation=partner_agency, kind=Organisation.Kind.PARTNER_AGENCY)
    assert by_kind.organisation is None and by_kind.organisation_kind == Organisation.Kind.PARTNER_AGENCY
    assert has_consent(case.victim, Purpose.SHARE_WITH_KIND, organisation_kind=Organisation.Kind.PARTNER_AGENCY)


def test_recording_consent_writes_the_timeline_and_the_access_log(case, officer, partner_agency):
    record = consent(case, officer, organisation=partner_agency, note="  Only the summary  ")
    [event] = events(case, Kind.CONSENT_RECORDED)
    assert event.actor == officer
    assert event.data == {"consent": record.pk, "purpose": "share_with_organisation", "decision": "given",
                          "how": "verbal", "organisation": "Newport Community Safety",
                          "organisation_cy": "Diogelwch Cymunedol Casnewydd", "organisation_kind": "",
                          "note": "Only the summary"}
    assert CaseAccessLog.objects.filter(case=case, user=officer, action=CaseAccessLog.Action.CHANGED).exists()


def test_a_choice_made_in_the_portal_has_no_recorder(case, partner_agency):
    record = record_consent(victim=case.victim, purpose=Purpose.SATISFACTION_SURVEY, decision=Decision.REFUSED,
                            how=How.PORTAL, actor=None)
    assert record.recorded_by is None and record.case is None
    assert not events(case, Kind.CONSENT_RECORDED), "no case named, so no case timeline entry"


def test_the_signal_is_sent(case, officer, partner_agency):
    received = []

    def receiver(sender, record, **kwargs):
        received.append(record)

    services.consent_recorded.connect(receiver)
    try:
        record = consent(case, officer, organisation=partner_agency)
    finally:
        services.consent_recorded.disconnect(receiver)
    assert received == [record]


# --- Sharing on consent ----------------------------------------------------------------------------

def test_sharing_needs_covering_consent_and_saves_nothing_without_it(case, officer, partner_agency):
    with pytest.raises(SharingError):
        share_with_consent(case, partner_agency, NAME_AND_SUMMARY, actor=officer)
    consent(case, officer, Decision.REFUSED, organisation=partner_agency)
    with pytest.raises(SharingError):
        share_with_consent(case, partner_agency, NAME_AND_SUMMARY, actor=officer)
    assert not Disclosure.objects.exists()
    assert not events(case, Kind.INFORMATION_SHARED)


def test_sharing_on_consent_is_in_force_at_once(case, officer, partner_agency):
    record = consent(case, officer, organisation=partner_agency)
    disclosure = share_with_consent(case, partner_agency, [SharedItem.VICTIM_NAME, SharedItem.INCIDENT_SUMMARY],
                                    actor=officer, summary=" Please check in ")
    assert disclosure.status == Disclosure.Status.IN_FORCE
    assert disclosure.consent == record and disclosure.lawful_basis == LawfulBasis.CONSENT
    assert disclosure.items == ["incident_summary", "victim_name"], "kept in a fixed order"
    assert disclosure.summary == "Please check in"
    assert shared_case_ids([partner_agency.pk]) == {case.pk}
    assert items_shared(case, [partner_agency.pk]) == {"incident_summary", "victim_name"}
    [event] = events(case, Kind.INFORMATION_SHARED)
    assert event.data["organisation"] == "Newport Community Safety"
    assert event.data["organisation_cy"] == "Diogelwch Cymunedol Casnewydd"
    assert event.data["items"] == ["incident_summary", "victim_name"]
    assert event.actor == officer


@pytest.mark.parametrize("items", [[], ["the_whole_file"], ["victim_name", "everything"]])
def test_what_is_shared_must_be_named(case, officer, partner_agency, items):
    consent(case, officer, organisation=partner_agency)
    with pytest.raises(SharingError):
        share_with_consent(case, partner_agency, items, actor=officer)
    assert not Disclosure.objects.exists()


def test_consent_to_a_kind_covers_an_organisation_of_that_kind(case, officer, partner_agency, housing,
                                                               victim_service):
    record = consent(case, officer, kind=Organisation.Kind.PARTNER_AGENCY)
    assert covering_consent(case, partner_agency) == record
    assert covering_consent(case, housing) == record
    assert covering_consent(case, victim_service) is None
    disclosure = share_with_consent(case, housing, [SharedItem.INCIDENT_SUMMARY], actor=officer)
    assert disclosure.consent == record


def test_a_choice_about_a_named_organisation_stands_over_its_kind(case, officer, partner_agency, housing):
    consent(case, officer, kind=Organisation.Kind.PARTNER_AGENCY)
    consent(case, officer, Decision.REFUSED, organisation=housing)
    assert covering_consent(case, housing) is None
    assert covering_consent(case, partner_agency) is not None


def test_referral_and_meeting_consent(case, officer, victim_service):
    consent(case, officer, purpose=Purpose.SUPPORT_REFERRAL)
    assert covering_consent(case, victim_service, Purpose.SUPPORT_REFERRAL) is not None
    assert covering_consent(case, victim_service, Purpose.MULTI_AGENCY_MEETING) is None
    assert covering_consent(case, victim_service) is None, "consent to a referral is not consent to share"
    consent(case, officer, purpose=Purpose.MULTI_AGENCY_MEETING)
    disclosure = share_with_consent(case, victim_service, [SharedItem.NEEDS], actor=officer,
                                    purpose=Purpose.MULTI_AGENCY_MEETING)
    assert disclosure.consent.purpose == Purpose.MULTI_AGENCY_MEETING


# --- Withdrawal --------------------------------------------------------------------------------------

def test_withdrawal_ends_sharing_at_that_moment(case, officer, partner_agency, housing):
    consent(case, officer, organisation=partner_agency)
    consent(case, officer, organisation=housing)
    to_partner = share_with_consent(case, partner_agency, NAME_AND_SUMMARY, actor=officer)
    to_housing = share_with_consent(case, housing, NAME_AND_SUMMARY, actor=officer)
    withdrawn_at = timezone.now() + dt.timedelta(minutes=5)
    withdrawal = consent(case, officer, Decision.WITHDRAWN, organisation=partner_agency, at=withdrawn_at)

    to_partner.refresh_from_db()
    assert to_partner.status == Disclosure.Status.ENDED
    assert to_partner.ended_at == withdrawal.at
    assert to_partner.ended_reason == CONSENT_WITHDRAWN
    assert shared_case_ids([partner_agency.pk]) == set()
    assert items_shared(case, [partner_agency.pk]) == set()
    to_housing.refresh_from_db()
    assert to_housing.status == Disclosure.Status.IN_FORCE, "only what relied on the withdrawn consent ends"
    [ended] = events(case, Kind.SHARING_ENDED)
    assert ended.data["disclosure"] == to_partner.pk and ended.data["reason"] == CONSENT_WITHDRAWN
    assert ended.occurred_at == withdrawn_at and ended.actor == officer


def test_withdrawing_consent_to_a_kind_ends_what_relied_on_it(case, officer, partner_agency, housing):
    consent(case, officer, kind=Organisation.Kind.PARTNER_AGENCY)
    first = share_with_consent(case, partner_agency, NAME_AND_SUMMARY, actor=officer)
    second = share_with_consent(case, housing, [SharedItem.INCIDENT_SUMMARY], actor=officer)
    consent(case, officer, Decision.WITHDRAWN, kind=Organisation.Kind.PARTNER_AGENCY)
    assert set(Disclosure.objects.values_list("status", flat=True)) == {Disclosure.Status.ENDED}
    assert {first.pk, second.pk} == {e.data["disclosure"] for e in events(case, Kind.SHARING_ENDED)}


def test_refusing_a_named_organisation_ends_sharing_it_had_through_its_kind(case, officer, partner_agency,
                                                                          housing):
    consent(case, officer, kind=Organisation.Kind.PARTNER_AGENCY)
    to_housing = share_with_consent(case, housing, [SharedItem.INCIDENT_SUMMARY], actor=officer)
    to_partner = share_with_consent(case, partner_agency, [SharedItem.INCIDENT_SUMMARY], actor=officer)
    consent(case, officer, Decision.REFUSED, organisation=housing)
    to_housing.refresh_from_db()
    to_partner.refresh_from_db()
    assert to_housing.status == Disclosure.Status.ENDED
    assert to_partner.status == Disclosure.Status.IN_FORCE


def test_withdrawal_reaches_the_victims_other_cases(case, officer, partner_agency, unit, call_handler):
    from tests.factories import CrimeFactory
    from victimcare.cases.services import open_case

    other_case = open_case(victim=case.victim, crime=CrimeFactory(), unit=unit, officer=officer,
                           recorded_by=call_handler)
    consent(case, officer, organisation=partner_agency)
    disclosure = share_with_consent(other_case, partner_agency, NAME_AND_SUMMARY, actor=officer)
    consent(case, officer, Decision.WITHDRAWN, organisation=partner_agency)
    disclosure.refresh_from_db()
    assert disclosure.status == Disclosure.Status.ENDED


def test_withdrawal_leaves_a_safeguarding_disclosure_alone(case, officer, supervisor, partner_agency):
    consent(case, officer, organisation=partner_agency)
    override = request_safeguarding_disclosure(case, partner_agency, NAME_AND_SUMMARY, actor=officer,
                                               justification="Risk to children")
    decide_safeguarding_disclosure(override, actor=supervisor, approve=True)
    consent(case, officer, Decision.WITHDRAWN, organisation=partner_agency)
    override.refresh_from_db()
    assert override.status == Disclosure.Status.IN_FORCE, "it never relied on consent"


# --- The safeguarding override -----------------------------------------------------------------------

def test_an_override_needs_a_justification(case, officer, partner_agency):
    with pytest.raises(SharingError):
        request_safeguarding_disclosure(case, partner_agency, NAME_AND_SUMMARY, actor=officer, justification="  ")
    assert not Disclosure.objects.exists()


def test_an_override_shares_nothing_until_approved(case, officer, supervisor, partner_agency):
    request = request_safeguarding_disclosure(case, partner_agency, NAME_AND_SUMMARY, actor=officer,
                                              justification=" Children at risk ")
    assert request.status == Disclosure.Status.AWAITING_APPROVAL and request.shared_at is None
    assert request.justification == "Children at risk"
    assert shared_case_ids([partner_agency.pk]) == set()
    [asked] = events(case, Kind.SHARING_OVERRIDE_REQUESTED)
    assert asked.data["justification"] == "Children at risk" and asked.actor == officer

    approved = decide_safeguarding_disclosure(request, actor=supervisor, approve=True, note="Agreed")
    assert approved.status == Disclosure.Status.IN_FORCE
    assert approved.decided_by == supervisor and approved.shared_at == approved.decided_at
    assert shared_case_ids([partner_agency.pk]) == {case.pk}
    [decided] = events(case, Kind.SHARING_OVERRIDE_DECIDED)
    assert decided.data["approved"] is True and decided.data["note"] == "Agreed" and decided.actor == supervisor


def test_a_refused_override_is_never_in_force(case, officer, supervisor, partner_agency):
    request = request_safeguarding_disclosure(case, partner_agency, NAME_AND_SUMMARY, actor=officer,
                                              justification="Children at risk")
    refused = decide_safeguarding_disclosure(request, actor=supervisor, approve=False)
    assert refused.status == Disclosure.Status.REFUSED and refused.shared_at is None
    assert shared_case_ids([partner_agency.pk]) == set()
    with pytest.raises(SharingError):
        decide_safeguarding_disclosure(request, actor=supervisor, approve=True)
    assert Disclosure.objects.get().status == Disclosure.Status.REFUSED
    with pytest.raises(SharingError):
        end_disclosure(request, actor=officer, reason="tidy up")


def test_only_a_supervisor_of_the_cases_unit_decides(case, officer, colleague, partner_agency, other_unit):
    from tests.factories import MembershipFactory, UserFactory
    from victimcare.organisations.models import Membership

    request = request_safeguarding_disclosure(case, partner_agency, NAME_AND_SUMMARY, actor=officer,
                                              justification="Children at risk")
    elsewhere = UserFactory(username="elsewhere")
    MembershipFactory(user=elsewhere, organisation=other_unit, role=Membership.Role.SUPERVISOR)
    for person in (colleague, elsewhere):
        with pytest.raises(PermissionDenied):
            decide_safeguarding_disclosure(request, actor=person, approve=True)
    assert Disclosure.objects.get().status == Disclosure.Status.AWAITING_APPROVAL


def test_a_supervisor_cannot_approve_their_own_request(case, supervisor, partner_agency):
    request = request_safeguarding_disclosure(case, partner_agency, NAME_AND_SUMMARY, actor=supervisor,
                                              justification="Children at risk")
    with pytest.raises(SharingError):
        decide_safeguarding_disclosure(request, actor=supervisor, approve=True)
    assert Disclosure.objects.get().status == Disclosure.Status.AWAITING_APPROVAL
    assert not events(case, Kind.SHARING_OVERRIDE_DECIDED)


# --- Ending ------------------------------------------------------------------------------------------

def test_end_disclosure(case, officer, partner_agency):
    consent(case, officer, organisation=partner_agency)
    disclosure = share_with_consent(case, partner_agency, NAME_AND_SUMMARY, actor=officer)
    ended = end_disclosure(disclosure, actor=officer, reason=" No longer needed ")
    assert ended.status == Disclosure.Status.ENDED and ended.ended_reason == "No longer needed"
    assert shared_case_ids([partner_agency.pk]) == set()
    [event] = events(case, Kind.SHARING_ENDED)
    assert event.data["reason"] == "No longer needed" and event.actor == officer
    with pytest.raises(SharingError):
        end_disclosure(disclosure, actor=officer, reason="again")
    assert len(events(case, Kind.SHARING_ENDED)) == 1


def test_a_request_awaiting_approval_can_be_withdrawn(case, officer, supervisor, partner_agency):
    request = request_safeguarding_disclosure(case, partner_agency, NAME_AND_SUMMARY, actor=officer,
                                              justification="Children at risk")
    end_disclosure(request, actor=officer, reason="Spoke to the victim instead")
    with pytest.raises(SharingError):
        decide_safeguarding_disclosure(request, actor=supervisor, approve=True)
    assert shared_case_ids([partner_agency.pk]) == set()


def test_a_submission_sent_twice_shares_once(case, officer, partner_agency):
    from victimcare.cases.services import once

    consent(case, officer, organisation=partner_agency)
    key = "4b7f0a57-0000-4000-8000-000000000001"

    def perform():
        return share_with_consent(case, partner_agency, NAME_AND_SUMMARY, actor=officer, idempotency_key=key)

    def replay(event):
        return Disclosure.objects.get(pk=event.data["disclosure"])

    first = once(case, key, perform, replay)
    second = once(case, key, perform, replay)
    assert first == second and Disclosure.objects.count() == 1
