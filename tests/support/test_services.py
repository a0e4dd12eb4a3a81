"""The support services: the victim's choice through the consent ledger, referrals and their life at the
service, and the commitments each step opens or ends."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.factories import OrganisationFactory
from victimcare.cases.models import TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind
from victimcare.sharing.models import ConsentRecord, Decision, Disclosure, How, LawfulBasis, Purpose
from victimcare.sharing.partner import shared_case
from victimcare.sharing.services import DECLINED_AT_SERVICE, REFERRAL_TURNED_DOWN, SUPPORT_CLOSED, record_consent
from victimcare.support import services
from victimcare.support.models import Referral, SupportNeed

LONDON = ZoneInfo("Europe/London")
Kind = TimelineEvent.Kind
Status = Referral.Status


def london(*args):
    return dt.datetime(*args, tzinfo=LONDON)


def end_of(day):
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=LONDON)


def owed(case, kind):
    return list(case.commitments.filter(kind=kind).order_by("id"))


def wants_support(case, officer, at=None, how=How.VERBAL):
    return services.record_support_choice(case, Decision.GIVEN, how=how, actor=officer, at=at)


def test_christmas_eve_consent_and_referral_due_times(case, officer, caseworker, service):
    """Consent and a referral on Christmas Eve 2026 (Thursday, 14:00). 25 and 28 December are bank
    holidays and 26-27 a weekend: Tuesday 29 December is the first working day after it (when the 1-working-day
    services information is due, see test_first_contact.py) and Wednesday 30 December the second, as the
    charter's calendar counts everywhere (tests/charter/test_due_times.py)."""
    christmas_eve = london(2026, 12, 24, 14)
    wants_support(case, officer, at=christmas_eve)
    [referral_owed] = owed(case, CommitmentKind.REFERRAL_TO_SUPPORT)
    assert referral_owed.due_at == end_of(dt.date(2026, 12, 30))
    assert referral_owed.owner_organisation == case.unit and referral_owed.owner_person == officer

    referral = services.send_referral(case, service, actor=officer, needs=[SupportNeed.EMOTIONAL],
                                      at=christmas_eve + dt.timedelta(minutes=30))
    referral_owed.refresh_from_db()
    assert referral_owed.status == Commitment.Status.MET
    [response] = owed(case, CommitmentKind.REFERRAL_RESPONSE)
    assert response.due_at == end_of(dt.date(2026, 12, 30))
    assert response.owner_organisation == service.organisation and response.owner_person is None
    assert response.detail["referral"] == referral.pk

    # Accepted on Tuesday 29 December at 10:00: contact due in 2 working days, by the end of Thursday 31st.
    services.accept_referral(referral, actor=caseworker, at=london(2026, 12, 29, 10))
    response.refresh_from_db()
    assert response.status == Commitment.Status.MET
    [contact] = owed(case, CommitmentKind.SUPPORT_CONTACT)
    assert contact.due_at == end_of(dt.date(2026, 12, 31))
    assert contact.owner_organisation == service.organisation and contact.owner_person is None
    services.record_victim_contacted(referral, actor=caseworker, at=london(2027, 1, 4, 9))  # after New Year
    contact.refresh_from_db()
    assert contact.status == Commitment.Status.MET_LATE


def test_a_referral_shares_the_victims_details_with_the_service_on_consent(case, officer, service):
    consent = wants_support(case, officer)
    referral = services.send_referral(case, service, actor=officer, needs=[SupportNeed.PRACTICAL], note="Door lock")
    disclosure = referral.disclosure
    assert disclosure.organisation == service.organisation
    assert disclosure.lawful_basis == LawfulBasis.CONSENT and disclosure.consent == consent
    assert disclosure.status == Disclosure.Status.IN_FORCE and disclosure.shared_at == referral.sent_at
    assert set(disclosure.items) == {"victim_name", "victim_contact", "needs", "incident_summary"}
    kinds = list(case.timeline.values_list("kind", flat=True))
    assert Kind.REFERRAL_SENT in kinds and Kind.INFORMATION_SHARED in kinds
    sent = case.timeline.get(kind=Kind.REFERRAL_SENT)
    assert sent.data["service"] == "Victim Support Gwent" and sent.data["service_cy"] == "Cymorth i Ddioddefwyr Gwent"


def test_no_referral_without_consent_in_force(case, officer, service):
    with pytest.raises(services.SupportError, match="not consented to a referral"):
        services.send_referral(case, service, actor=officer)
    services.record_support_choice(case, Decision.REFUSED, how=How.VERBAL, actor=officer)
    with pytest.raises(services.SupportError, match="not consented to a referral"):
        services.send_referral(case, service, actor=officer)
    assert not Referral.objects.exists()


def test_a_service_without_an_organisation_takes_no_referrals(case, officer, service):
    service.organisation = None
    service.save()
    wants_support(case, officer)
    with pytest.raises(services.SupportError, match="does not take referrals"):
        services.send_referral(case, service, actor=officer)


def test_declines_then_opts_in_later_then_opts_out_once_recovered_then_comes_back(case, officer, caseworker,
                                                                                  service):
    """Each choice is a consent record with when and how; what is owed follows it."""
    start = london(2026, 3, 2, 10)  # a Monday
    services.record_support_choice(case, Decision.REFUSED, how=How.VERBAL, actor=officer, at=start,
                                   note="Has family support")
    assert not owed(case, CommitmentKind.REFERRAL_TO_SUPPORT)

    # Opts in later, in writing: a referral is owed, and sent.
    wants_support(case, officer, at=start + dt.timedelta(days=7), how=How.WRITTEN)
    [first_owed] = owed(case, CommitmentKind.REFERRAL_TO_SUPPORT)
    assert first_owed.status == Commitment.Status.OPEN
    referral = services.send_referral(case, service, actor=officer, at=start + dt.timedelta(days=8))
    services.accept_referral(referral, actor=caseworker, at=start + dt.timedelta(days=8, hours=2))
    services.record_victim_contacted(referral, actor=caseworker, at=start + dt.timedelta(days=9))
    services.record_support_started(referral, actor=caseworker, at=start + dt.timedelta(days=9, hours=1))

    # Opts out once recovered: the referral is declined at once and the details are no longer shared.
    services.record_support_choice(case, Decision.WITHDRAWN, how=How.VERBAL, actor=officer,
                                   at=start + dt.timedelta(days=40), note="Feels recovered")
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED_BY_VICTIM
    assert referral.disclosure.status == Disclosure.Status.ENDED
    declined = case.timeline.get(kind=Kind.REFERRAL_DECLINED_BY_VICTIM)
    assert declined.data["reason"] == services.OPTED_OUT

    # Comes back: a new consent, a new referral owed and sent.
    wants_support(case, officer, at=start + dt.timedelta(days=90))
    assert len(owed(case, CommitmentKind.REFERRAL_TO_SUPPORT)) == 2
    again = services.send_referral(case, service, actor=officer, at=start + dt.timedelta(days=90, hours=1))
    assert again.pk != referral.pk and again.status == Status.SENT
    assert again.disclosure.status == Disclosure.Status.IN_FORCE

    records = ConsentRecord.objects.filter(victim=case.victim, purpose=Purpose.SUPPORT_REFERRAL).order_by("at")
    assert [(r.decision, r.how, r.at) for r in records] == [
        (Decision.REFUSED, How.VERBAL, start), (Decision.GIVEN, How.WRITTEN, start + dt.timedelta(days=7)),
        (Decision.WITHDRAWN, How.VERBAL, start + dt.timedelta(days=40)),
        (Decision.GIVEN, How.VERBAL, start + dt.timedelta(days=90)),
    ]
    assert [r.note for r in records][:3] == ["Has family support", "", "Feels recovered"]


def test_declining_waives_the_referral_still_owed_and_what_the_service_owes(case, officer, service):
    wants_support(case, officer)
    referral = services.send_referral(case, service, actor=officer)
    services.record_support_choice(case, Decision.REFUSED, how=How.VERBAL, actor=officer)
    [response] = owed(case, CommitmentKind.REFERRAL_RESPONSE)
    assert response.status == Commitment.Status.WAIVED and response.waive_reason == services.DECLINED_SUPPORT
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED_BY_VICTIM

    case2_owed = wants_support(case, officer)
    assert case2_owed.decision == Decision.GIVEN
    services.record_support_choice(case, Decision.WITHDRAWN, how=How.WRITTEN, actor=officer)
    waived = owed(case, CommitmentKind.REFERRAL_TO_SUPPORT)[-1]
    assert waived.status == Commitment.Status.WAIVED and waived.waive_reason == services.OPTED_OUT


def test_a_choice_recorded_in_the_portal_has_the_same_effect_once(case, officer, service):
    """The portal records consent straight in the ledger (no actor, maybe no case): the same follows,
    and only once."""
    record_consent(victim=case.victim, purpose=Purpose.SUPPORT_REFERRAL, decision=Decision.GIVEN, how=How.PORTAL,
                   actor=None)
    [referral_owed] = owed(case, CommitmentKind.REFERRAL_TO_SUPPORT)
    assert referral_owed.opened_by_event.kind == Kind.SUPPORT_CHOICE
    referral = services.send_referral(case, service, actor=officer)
    record_consent(victim=case.victim, purpose=Purpose.SUPPORT_REFERRAL, decision=Decision.WITHDRAWN, how=How.PORTAL,
                   actor=None, case=case)
    referral.refresh_from_db()
    assert referral.status == Status.DECLINED_BY_VICTIM
    assert case.timeline.filter(kind=Kind.REFERRAL_DECLINED_BY_VICTIM).count() == 1
    # Recorded on the case: the ledger's own timeline entry stands for the choice, no second entry.
    assert case.timeline.filter(kind=Kind.SUPPORT_CHOICE).count() == 1
    assert case.timeline.filter(kind=Kind.CONSENT_RECORDED).count() == 1


def test_a_choice_through_the_support_service_opens_the_referral_commitment_once(case, officer):
    wants_support(case, officer)
    assert len(owed(case, CommitmentKind.REFERRAL_TO_SUPPORT)) == 1
    [event] = case.timeline.filter(kind=Kind.CONSENT_RECORDED)
    assert owed(case, CommitmentKind.REFERRAL_TO_SUPPORT)[0].opened_by_event == event
    assert not case.timeline.filter(kind=Kind.SUPPORT_CHOICE).exists()


def test_opting_out_without_having_agreed_is_refused(case, officer):
    with pytest.raises(services.SupportError, match="nothing to opt out of"):
        services.record_support_choice(case, Decision.WITHDRAWN, how=How.VERBAL, actor=officer)


def test_rejection_needs_a_reason_and_the_police_then_owe_a_referral_elsewhere(case, officer, caseworker, service):
    wants_support(case, officer, at=london(2026, 5, 4, 9))
    referral = services.send_referral(case, service, actor=officer, at=london(2026, 5, 4, 10))
    with pytest.raises(services.SupportError, match="reason"):
        services.reject_referral(referral, reason="  ", actor=caseworker)
    services.reject_referral(referral, reason="Outside our area", actor=caseworker, at=london(2026, 5, 5, 11))
    referral.refresh_from_db()
    assert referral.status == Status.REJECTED and referral.rejection_reason == "Outside our area"
    [response] = owed(case, CommitmentKind.REFERRAL_RESPONSE)
    assert response.status == Commitment.Status.MET
    first, again = owed(case, CommitmentKind.REFERRAL_TO_SUPPORT)
    assert first.status == Commitment.Status.MET and again.status == Commitment.Status.OPEN
    assert again.due_at == end_of(dt.date(2026, 5, 7))
    assert again.opened_by_event.kind == Kind.REFERRAL_REJECTED


def test_rejection_after_the_victim_opted_out_owes_nothing_more(case, officer, caseworker, service):
    wants_support(case, officer)
    referral = services.send_referral(case, service, actor=officer)
    services.record_declined_by_victim(referral, actor=caseworker, note="Does not want calls")
    with pytest.raises(services.SupportError, match="cannot be turned down"):
        services.reject_referral(referral, reason="Too late", actor=caseworker)


@pytest.mark.parametrize(("steps", "action"), [
    ([], services.record_victim_contacted),
    ([], services.record_support_started),
    ([services.accept_referral], services.accept_referral),
    ([services.accept_referral], services.record_support_started),
])
def test_impossible_transitions_are_refused(case, officer, caseworker, service, steps, action):
    wants_support(case, officer)
    referral = services.send_referral(case, service, actor=officer)
    for step in steps:
        step(referral, actor=caseworker)
    status = Referral.objects.get(pk=referral.pk).status
    with pytest.raises(services.SupportError, match="cannot be"):
        action(referral, actor=caseworker)
    assert Referral.objects.get(pk=referral.pk).status == status


def test_closing_waives_what_the_service_still_owes(case, officer, caseworker, service):
    wants_support(case, officer)
    referral = services.send_referral(case, service, actor=officer)
    services.accept_referral(referral, actor=caseworker)
    with pytest.raises(services.SupportError, match="outcome"):
        services.close_support(referral, outcome="", actor=caseworker)
    services.close_support(referral, outcome="Moved out of Gwent; passed on", actor=caseworker)
    [contact] = owed(case, CommitmentKind.SUPPORT_CONTACT)
    assert contact.status == Commitment.Status.WAIVED
    closed = case.timeline.get(kind=Kind.SUPPORT_CLOSED)
    assert closed.data["outcome"] == "Moved out of Gwent; passed on"


def test_a_step_sent_twice_is_recorded_once(case, officer, caseworker, service):
    wants_support(case, officer)
    first = services.send_referral(case, service, actor=officer, idempotency_key="k1")
    second = services.send_referral(case, service, actor=officer, idempotency_key="k1")
    assert first.pk == second.pk and Referral.objects.count() == 1
    services.accept_referral(first, actor=caseworker, idempotency_key="k2")
    services.accept_referral(first, actor=caseworker, idempotency_key="k2")
    assert case.timeline.filter(kind=Kind.REFERRAL_ACCEPTED).count() == 1


def test_needs_assessment_meets_its_commitment(case, officer):
    from victimcare.charter.rules import needs_assessment_commitment
    from victimcare.charter.services import deadlines, open_commitment

    commitment = open_commitment(case, needs_assessment_commitment(case.opened_at, deadlines()))
    assessment = services.record_needs_assessment(case, [SupportNeed.SAFETY, SupportNeed.EMOTIONAL], actor=officer,
                                                  notes="Lives alone")
    assert assessment.needs == [SupportNeed.EMOTIONAL, SupportNeed.SAFETY]
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.MET
    event = case.timeline.get(kind=Kind.NEEDS_ASSESSED)
    assert event.data["needs"] == ["emotional", "safety"] and event.data["notes"] == "Lives alone"
    with pytest.raises(services.SupportError):
        services.record_needs_assessment(case, ["flying"], actor=officer)


def test_a_closed_case_takes_no_choice_or_referral(case, officer, service):
    from victimcare.cases.services import CaseStateError, close_case

    wants_support(case, officer)
    close_case(case, actor=officer)
    with pytest.raises(CaseStateError):
        services.record_support_choice(case, Decision.REFUSED, how=How.VERBAL, actor=officer)
    with pytest.raises(CaseStateError):
        services.send_referral(case, service, actor=officer)


def test_the_reasons_commitments_are_waived_for_read_in_welsh(case, officer, service):
    from django.utils import translation

    from victimcare.cases.timeline import describe

    wants_support(case, officer)
    services.record_support_choice(case, Decision.WITHDRAWN, how=How.VERBAL, actor=officer)
    waived = case.timeline.get(kind=Kind.COMMITMENT_WAIVED)
    with translation.override("cy"):
        assert describe(waived, case).detail == "Optiodd y dioddefwr allan o gymorth"


# --- When a referral ends, the service stops seeing the victim's details ---------------------------------
def _accepted(case, officer, caseworker, service):
    wants_support(case, officer, at=london(2026, 5, 4, 9))
    referral = services.send_referral(case, service, actor=officer, at=london(2026, 5, 4, 10))
    services.accept_referral(referral, actor=caseworker, at=london(2026, 5, 4, 11))
    return referral


ENDINGS = {
    "turned down": (lambda referral, actor, at: services.reject_referral(
        referral, reason="Outside our area", actor=actor, at=at), REFERRAL_TURNED_DOWN),
    "closed": (lambda referral, actor, at: services.close_support(
        referral, outcome="Support completed", actor=actor, at=at), SUPPORT_CLOSED),
    "declined at the service": (lambda referral, actor, at: services.record_declined_by_victim(
        referral, note="Has family support", how=How.WRITTEN, actor=actor, at=at), DECLINED_AT_SERVICE),
}


@pytest.mark.parametrize("ending", list(ENDINGS))
def test_ending_a_referral_ends_the_sharing_with_the_service_with_when_and_why(case, officer, caseworker, service,
                                                                             ending):
    step, reason = ENDINGS[ending]
    wants_support(case, officer, at=london(2026, 5, 4, 9))
    referral = services.send_referral(case, service, actor=officer, at=london(2026, 5, 4, 10))
    if ending == "closed":
        services.accept_referral(referral, actor=caseworker, at=london(2026, 5, 4, 11))
    organisations = {service.organisation_id}
    assert shared_case(case.pk, organisations) is not None
    ended_at = london(2026, 5, 6, 15, 30)

    step(referral, caseworker, ended_at)

    disclosure = Disclosure.objects.get(pk=referral.disclosure_id)
    assert disclosure.status == Disclosure.Status.ENDED
    assert disclosure.ended_at == ended_at and disclosure.ended_reason == reason
    event = case.timeline.get(kind=Kind.SHARING_ENDED)
    assert event.occurred_at == ended_at and event.actor == caseworker
    assert event.data["disclosure"] == disclosure.pk and event.data["reason"] == reason
    assert shared_case(case.pk, organisations) is None


def test_the_reason_sharing_ended_reads_in_welsh(case, officer, caseworker, service):
    from django.utils import translation

    from victimcare.cases.timeline import describe

    referral = _accepted(case, officer, caseworker, service)
    services.close_support(referral, outcome="Done", actor=caseworker)
    with translation.override("cy"):
        entry = describe(case.timeline.get(kind=Kind.SHARING_ENDED), case)
    assert entry.detail == "Daeth y gwasanaeth â'i gymorth i ben"


def test_a_decline_at_the_service_goes_in_the_consent_ledger(case, officer, caseworker, service, other_service):
    """The police no longer see consent to a referral; any other referral on that consent ends with it."""
    referral = _accepted(case, officer, caseworker, service)
    other = services.send_referral(case, other_service, actor=officer, at=london(2026, 5, 4, 12))
    declined_at = london(2026, 5, 5, 9)

    services.record_declined_by_victim(referral, actor=caseworker, note="Has family support", how=How.WRITTEN,
                                       at=declined_at)

    choice = services.current_choice(case.victim)
    assert (choice.decision, choice.how, choice.at, choice.recorded_by, choice.case, choice.note) == (
        Decision.REFUSED, How.WRITTEN, declined_at, caseworker, case, "Has family support")
    assert not services.may_send(case)
    other.refresh_from_db()
    assert other.status == Status.DECLINED_BY_VICTIM
    assert Disclosure.objects.get(pk=other.disclosure_id).status == Disclosure.Status.ENDED
    assert not Disclosure.objects.in_force().filter(case=case).exists()
    recorded = case.timeline.get(kind=Kind.CONSENT_RECORDED, data__decision=Decision.REFUSED)
    assert recorded.actor == caseworker and recorded.data["how"] == How.WRITTEN
    assert not case.commitments.open().filter(kind=CommitmentKind.REFERRAL_TO_SUPPORT).exists()


def test_a_decline_at_the_service_needs_to_say_how(case, officer, caseworker, service):
    referral = _accepted(case, officer, caseworker, service)
    with pytest.raises(services.SupportError, match="Unknown way"):
        services.record_declined_by_victim(referral, actor=caseworker, how=How.PORTAL)
    assert Referral.objects.get(pk=referral.pk).status == Status.ACCEPTED


def test_turning_down_keeps_the_victims_consent_for_a_referral_elsewhere(case, officer, caseworker, service):
    wants_support(case, officer)
    referral = services.send_referral(case, service, actor=officer)
    services.reject_referral(referral, reason="Full", actor=caseworker)
    assert services.current_choice(case.victim).decision == Decision.GIVEN and services.may_send(case)


def test_ended_referrals_from_before_still_sharing_stop_sharing_on_migration(case, officer, caseworker, service):
    """Referrals ended before the fix left their disclosure in force: the data migration ends it, on the
    timeline, as of when the referral ended."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("victimcare.support.migrations.0002_end_sharing_of_ended_referrals")
    referral = _accepted(case, officer, caseworker, service)
    active = services.send_referral(case, service.__class__.objects.create(
        name_en="Other", name_cy="Arall", summary_en="x", summary_cy="x",
        organisation=OrganisationFactory(kind="victim_service")), actor=officer)
    ended_at = london(2026, 5, 7, 10)
    Referral.objects.filter(pk=referral.pk).update(status=Status.CLOSED, updated_at=ended_at)  # as before the fix

    migration.end_sharing_of_ended_referrals(apps, None)

    disclosure = Disclosure.objects.get(pk=referral.disclosure_id)
    assert disclosure.status == Disclosure.Status.ENDED and disclosure.ended_at == ended_at
    assert disclosure.ended_reason == SUPPORT_CLOSED
    event = case.timeline.get(kind=Kind.SHARING_ENDED)
    assert event.occurred_at == ended_at and event.data["disclosure"] == disclosure.pk
    assert Disclosure.objects.get(pk=active.disclosure_id).status == Disclosure.Status.IN_FORCE
    migration.end_sharing_of_ended_referrals(apps, None)  # again: nothing more
    assert case.timeline.filter(kind=Kind.SHARING_ENDED).count() == 1
