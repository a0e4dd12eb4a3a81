"""The court services: the commitments each piece of court news opens and meets, with the Victims' Code
deadlines counted from when the Witness Care Unit received the news."""

import datetime as dt

import pytest

from tests.court.conftest import charge, london
from tests.factories import OrganisationFactory
from victimcare.cases.models import TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, CourtNews
from victimcare.court import services
from victimcare.court.models import Hearing, NewsItem
from victimcare.organisations.models import Organisation

pytestmark = pytest.mark.django_db
Status = Commitment.Status


def owed(case, kind):
    return list(Commitment.objects.filter(case=case, kind=kind).order_by("opened_at", "pk"))


def test_charge_opens_the_vps_offer_owed_by_the_forces_witness_care_unit(case, officer, witness_care_unit, force):
    OrganisationFactory(code="other-wcu", kind=Organisation.Kind.WITNESS_CARE, name_en="Elsewhere WCU")
    prosecution = charge(case, officer, at=london(2026, 8, 3, 10, 0))
    assert prosecution.witness_care_unit == witness_care_unit  # the force's, not just any
    [vps] = owed(case, CommitmentKind.OFFER_VPS)
    assert vps.owner_organisation == witness_care_unit and vps.owner_person is None
    assert TimelineEvent.objects.filter(case=case, kind=TimelineEvent.Kind.PROSECUTION_STARTED).count() == 1
    with pytest.raises(services.CourtError):
        charge(case, officer)


def test_a_trial_date_received_at_1655_on_the_friday_before_the_august_bank_holiday(prosecution, witness_care, case):
    """Received Fri 28 Aug 2026 16:55 (London); Mon 31 Aug is a bank holiday: due by the end of Tue 1 Sep."""
    item = services.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=london(2026, 10, 12, 10, 0),
                                 place="Court 3", received_at=london(2026, 8, 28, 16, 55), actor=witness_care,
                                 at=london(2026, 8, 28, 17, 5))
    commitment = item.commitment
    assert commitment.kind == CommitmentKind.INFORM_COURT_NEWS
    due = commitment.due_at.astimezone(london(2026, 9, 1).tzinfo)
    assert due.date() == dt.date(2026, 9, 1) and (due.hour, due.minute) == (23, 59)  # the end of Tuesday
    assert commitment.owner_organisation == prosecution.witness_care_unit and commitment.owner_person is None
    assert commitment.opened_by_event.kind == TimelineEvent.Kind.COURT_NEWS_RECEIVED
    assert item.hearing.status == Hearing.Status.LISTED
    # Told on the Tuesday: met on time; the told event is on the timeline.
    services.record_told(item, how=NewsItem.How.PHONE, actor=witness_care, at=london(2026, 9, 1, 15, 0))
    commitment.refresh_from_db()
    assert commitment.status == Status.MET
    assert TimelineEvent.objects.filter(case=case, kind=TimelineEvent.Kind.COURT_NEWS_TOLD).count() == 1


def test_told_after_the_due_time_is_met_late(prosecution, witness_care):
    item = services.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=london(2026, 10, 12, 10, 0),
                                 place="", received_at=london(2026, 8, 28, 16, 55), actor=witness_care,
                                 at=london(2026, 8, 28, 17, 0))
    services.record_told(item, how=NewsItem.How.LETTER, actor=witness_care, at=london(2026, 9, 2, 9, 0))
    item.commitment.refresh_from_db()
    assert item.commitment.status == Status.MET_LATE


@pytest.mark.parametrize(("enhanced", "due"), [(False, dt.date(2026, 9, 4)), (True, dt.date(2026, 8, 28))])
def test_bail_news_is_five_working_days_or_one_with_enhanced_rights(prosecution, witness_care, case, enhanced, due):
    case.enhanced_rights = enhanced
    case.save(update_fields=["enhanced_rights"])
    hearing = services.list_hearing(prosecution, kind=Hearing.Kind.BAIL, starts_at=london(2026, 8, 27, 10, 0),
                                    place="", received_at=london(2026, 8, 20, 9, 0), actor=witness_care,
                                    at=london(2026, 8, 20, 9, 0)).hearing
    item = services.record_bail(hearing, Hearing.Bail.GRANTED, conditions="Not to contact the victim",
                                received_at=london(2026, 8, 27, 14, 0), actor=witness_care,
                                at=london(2026, 8, 27, 14, 5))
    assert item.kind == CourtNews.BAIL_OUTCOME
    assert item.commitment.due_at.astimezone(london(2026, 1, 1).tzinfo).date() == due
    hearing.refresh_from_db()
    assert hearing.bail == Hearing.Bail.GRANTED and hearing.status == Hearing.Status.HEARD


def test_a_not_guilty_plea_opens_the_witness_needs_assessment_and_a_guilty_plea_does_not(prosecution, witness_care,
                                                                                       case):
    first = services.list_hearing(prosecution, kind=Hearing.Kind.PLEA, starts_at=london(2026, 8, 10, 10, 0),
                                  place="", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                  at=london(2026, 8, 4, 9, 0)).hearing
    services.record_plea(first, Hearing.Plea.GUILTY, received_at=london(2026, 8, 10, 12, 0), actor=witness_care,
                         at=london(2026, 8, 10, 12, 0))
    assert owed(case, CommitmentKind.WITNESS_NEEDS_ASSESSMENT) == []
    second = services.list_hearing(prosecution, kind=Hearing.Kind.PLEA, starts_at=london(2026, 8, 11, 10, 0),
                                   place="", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                   at=london(2026, 8, 4, 9, 0)).hearing
    services.record_plea(second, Hearing.Plea.NOT_GUILTY, received_at=london(2026, 8, 11, 12, 0), actor=witness_care,
                         at=london(2026, 8, 11, 12, 0))
    [assessment] = owed(case, CommitmentKind.WITNESS_NEEDS_ASSESSMENT)
    assert assessment.owner_organisation == prosecution.witness_care_unit and assessment.owner_person is None
    services.assess_witness_needs(prosecution, needs=["anxiety", "childcare"], actor=witness_care,
                                  at=london(2026, 8, 12, 12, 0))
    assessment.refresh_from_db()
    assert assessment.status == Status.MET


@pytest.mark.parametrize(("months", "violent", "referral"), [(18, True, True), (12, True, True), (11, True, False),
                                                              (24, False, False)])
def test_only_a_qualifying_sentence_opens_the_victim_contact_scheme_referral(case, officer, witness_care_unit,
                                                                           witness_care, months, violent, referral):
    prosecution = charge(case, officer, at=london(2026, 8, 3, 10, 0), violent=violent)
    hearing = services.list_hearing(prosecution, kind=Hearing.Kind.SENTENCING, starts_at=london(2026, 9, 14, 10, 0),
                                    place="", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                    at=london(2026, 8, 4, 9, 0)).hearing
    services.record_sentence(hearing, custody_months=months, received_at=london(2026, 9, 14, 15, 0),
                             actor=witness_care, at=london(2026, 9, 14, 15, 30))
    assert len(owed(case, CommitmentKind.VCS_REFERRAL)) == (1 if referral else 0)


def test_the_referral_to_probation_meets_the_referral_and_opens_probations_first_contact(
        prosecution, witness_care, case, probation):
    hearing = services.list_hearing(prosecution, kind=Hearing.Kind.SENTENCING, starts_at=london(2026, 9, 14, 10, 0),
                                    place="", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                    at=london(2026, 8, 4, 9, 0)).hearing
    services.record_sentence(hearing, custody_months=18, received_at=london(2026, 9, 14, 15, 0), actor=witness_care,
                             at=london(2026, 9, 14, 15, 30))
    [referral] = owed(case, CommitmentKind.VCS_REFERRAL)
    assert referral.due_at.astimezone(london(2026, 1, 1).tzinfo).date() == dt.date(2026, 9, 28)  # 10 working days
    with pytest.raises(services.CourtError):
        services.refer_to_vcs(prosecution, probation=prosecution.witness_care_unit, actor=witness_care)
    services.refer_to_vcs(prosecution, probation=probation, actor=witness_care, at=london(2026, 9, 16, 10, 0))
    referral.refresh_from_db()
    assert referral.status == Status.MET
    [contact] = owed(case, CommitmentKind.VCS_FIRST_CONTACT)
    assert contact.owner_organisation == probation and contact.owner_person is None
    services.record_vcs_contact(prosecution, actor=witness_care, at=london(2026, 9, 30, 10, 0))
    contact.refresh_from_db()
    assert contact.status == Status.MET


@pytest.mark.parametrize("how", ["offered", "made", "declined"])
def test_the_vps_offer_is_met_by_an_offer_a_statement_or_a_refusal(prosecution, witness_care, case, how):
    at = london(2026, 8, 5, 10, 0)
    if how == "offered":
        services.offer_vps(prosecution, actor=witness_care, at=at)
    elif how == "made":
        services.record_vps_made(prosecution, made_on=dt.date(2026, 8, 5), actor=witness_care, at=at)
    else:
        services.record_vps_declined(prosecution, note="Does not want to", actor=witness_care, at=at)
    [vps] = owed(case, CommitmentKind.OFFER_VPS)
    assert vps.status == Status.MET
    kinds = {"offered": "vps_offered", "made": "vps_made", "declined": "vps_declined"}
    assert TimelineEvent.objects.filter(case=case, kind=kinds[how]).count() == 1


def test_at_sentencing_needs_a_statement(prosecution, witness_care):
    with pytest.raises(services.CourtError):
        services.record_vps_at_sentencing(prosecution, use="read_aloud", actor=witness_care)
    services.record_vps_made(prosecution, made_on=dt.date(2026, 8, 5), actor=witness_care, at=london(2026, 8, 5, 9))
    entry = services.record_vps_at_sentencing(prosecution, use="read_aloud", actor=witness_care)
    assert entry.data == {"use": "read_aloud"}


def test_news_received_in_the_future_or_before_the_charge_is_refused_and_nothing_saved(prosecution, witness_care):
    for received in (london(2026, 8, 10, 9, 0), london(2026, 8, 1, 9, 0)):
        with pytest.raises(services.CourtError):
            services.record_news(prosecution, CourtNews.WARRANT_ISSUED, received_at=received, actor=witness_care,
                                 at=london(2026, 8, 5, 9, 0))
    with pytest.raises(services.CourtError):
        services.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=london(2026, 7, 1, 10, 0), place="",
                              received_at=london(2026, 8, 4, 9, 0), actor=witness_care, at=london(2026, 8, 5, 9, 0))
    assert not NewsItem.objects.exists() and not Hearing.objects.exists()
    assert not Commitment.objects.filter(kind=CommitmentKind.INFORM_COURT_NEWS).exists()


def test_a_form_sent_twice_records_the_news_once(prosecution, witness_care):
    kwargs = {"kind": Hearing.Kind.TRIAL, "starts_at": london(2026, 10, 1, 10, 0), "place": "",
              "received_at": london(2026, 8, 4, 9, 0), "actor": witness_care, "at": london(2026, 8, 4, 9, 5),
              "idempotency_key": "same-page"}
    first = services.list_hearing(prosecution, **kwargs)
    again = services.list_hearing(prosecution, **kwargs)
    assert first.pk == again.pk and NewsItem.objects.count() == 1 and Hearing.objects.count() == 1


def test_moving_and_cancelling_a_hearing_are_news(prosecution, witness_care):
    item = services.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=london(2026, 10, 1, 10, 0),
                                 place="Court 1", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                 at=london(2026, 8, 4, 9, 5))
    moved = services.move_hearing(item.hearing, starts_at=london(2026, 10, 8, 10, 0), place="Court 2",
                                  received_at=london(2026, 8, 6, 9, 0), actor=witness_care, at=london(2026, 8, 6, 9, 5))
    assert moved.kind == CourtNews.HEARING_MOVED and moved.hearing.status == Hearing.Status.MOVED
    gone = services.vacate_hearing(item.hearing, reason="Defendant ill", received_at=london(2026, 8, 7, 9, 0),
                                   actor=witness_care, at=london(2026, 8, 7, 9, 5))
    assert gone.kind == CourtNews.HEARING_VACATED
    item.hearing.refresh_from_db()
    assert item.hearing.status == Hearing.Status.VACATED
    with pytest.raises(services.CourtError):
        services.vacate_hearing(item.hearing, received_at=london(2026, 8, 7, 9, 0), actor=witness_care,
                                at=london(2026, 8, 7, 9, 5))
