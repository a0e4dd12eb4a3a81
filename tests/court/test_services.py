"""The court services: the commitments each piece of court news opens and meets, with the Victims' Code
deadlines counted from when the Witness Care Unit received the news."""

import datetime as dt

import pytest

from tests.court.conftest import charge, london
from tests.factories import OrganisationFactory
from victimcare.cases.models import TimelineEvent
from victimcare.cases.services import CaseStateError, close_case
from victimcare.cases.timeline import describe
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, CourtNews
from victimcare.charter.services import deadlines
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


# --- Counted from when the news was received, not from when it was typed in ------------------------------
def sentencing_hearing(prosecution, witness_care):
    return services.list_hearing(prosecution, kind=Hearing.Kind.SENTENCING, starts_at=london(2026, 9, 14, 10, 0),
                                 place="", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                 at=london(2026, 8, 4, 9, 0)).hearing


def test_a_sentence_typed_in_weeks_after_it_was_received_owes_the_referral_from_its_receipt(
        prosecution, witness_care, case):
    """Sentenced and received Mon 14 Sep 2026, typed in Mon 12 Oct: the referral is due by the end of Mon 28 Sep
    (10 working days from the receipt), already overdue, not 26 Oct."""
    hearing = sentencing_hearing(prosecution, witness_care)
    item = services.record_sentence(hearing, custody_months=18, received_at=london(2026, 9, 14, 15, 0),
                                    actor=witness_care, at=london(2026, 10, 12, 9, 0))
    [referral] = owed(case, CommitmentKind.VCS_REFERRAL)
    due = referral.due_at.astimezone(london(2026, 1, 1).tzinfo)
    assert due.date() == dt.date(2026, 9, 28) and (due.hour, due.minute) == (23, 59)
    assert referral.opened_at == london(2026, 10, 12, 9, 0)  # opened when it was recorded
    assert referral.is_overdue(london(2026, 10, 12, 9, 1))
    # The news itself is owed a working day from its receipt too.
    assert item.commitment.due_at.astimezone(due.tzinfo).date() == dt.date(2026, 9, 15)


def test_a_sentence_received_days_after_its_listed_hearing_counts_from_its_receipt(
        prosecution, witness_care, case):
    """A sentencing hearing listed for Fri 11 Sep whose sentence reached the unit on Mon 14 Sep, typed in on
    Wed 16 Sep: 10 working days from Mon 14 Sep."""
    hearing = services.list_hearing(prosecution, kind=Hearing.Kind.SENTENCING, starts_at=london(2026, 9, 11, 10, 0),
                                    place="", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                    at=london(2026, 8, 4, 9, 0)).hearing
    services.record_sentence(hearing, custody_months=24, received_at=london(2026, 9, 14, 9, 30), actor=witness_care,
                             at=london(2026, 9, 16, 17, 0))
    [referral] = owed(case, CommitmentKind.VCS_REFERRAL)
    assert referral.due_at.astimezone(london(2026, 1, 1).tzinfo).date() == dt.date(2026, 9, 28)


def test_a_not_guilty_plea_typed_in_days_later_owes_the_needs_assessment_from_its_receipt(
        prosecution, witness_care, case):
    """Pleaded and received Mon 10 Aug 2026, typed in Fri 21 Aug: the assessment counts from 10 Aug."""
    hearing = services.list_hearing(prosecution, kind=Hearing.Kind.PLEA, starts_at=london(2026, 8, 10, 10, 0),
                                    place="", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                    at=london(2026, 8, 4, 9, 0)).hearing
    services.record_plea(hearing, Hearing.Plea.NOT_GUILTY, received_at=london(2026, 8, 10, 12, 0),
                         actor=witness_care, at=london(2026, 8, 21, 16, 0))
    [assessment] = owed(case, CommitmentKind.WITNESS_NEEDS_ASSESSMENT)
    on_time = rules.witness_needs_assessment_commitment(london(2026, 8, 10, 12, 0), deadlines()).due_at
    typed_in = rules.witness_needs_assessment_commitment(london(2026, 8, 21, 16, 0), deadlines()).due_at
    assert assessment.due_at == on_time != typed_in
    assert assessment.opened_at == london(2026, 8, 21, 16, 0)


# --- The rest of the witness care record -----------------------------------------------------------------
def events(case, kind):
    return list(TimelineEvent.objects.filter(case=case, kind=kind).order_by("occurred_at", "pk"))


@pytest.mark.parametrize("decision", ["granted", "refused"])
def test_the_courts_decision_on_special_measures_is_recorded_and_on_the_timeline(prosecution, witness_care, case,
                                                                                 decision):
    services.request_special_measures(prosecution, measures=["screens", "live_link"], actor=witness_care,
                                      at=london(2026, 8, 5, 10, 0))
    entry = services.decide_special_measures(prosecution, measures=["screens"], decision=decision,
                                             note=" Decided at the hearing ", actor=witness_care,
                                             at=london(2026, 8, 12, 10, 0))
    assert (entry.kind, entry.data, entry.note) == ("measures_decided", {"measures": ["screens"],
                                                                         "decision": decision},
                                                    "Decided at the hearing")
    assert entry.at == london(2026, 8, 12, 10, 0) and entry.by == witness_care
    [event] = events(case, TimelineEvent.Kind.SPECIAL_MEASURES_DECIDED)
    assert event.data["entry"] == entry.pk and event.actor == witness_care
    described = describe(event, case).description
    assert described == {"granted": "The court granted special measures: screens.",
                         "refused": "The court refused special measures: screens."}[decision]


@pytest.mark.parametrize(("measures", "decision"), [([], "granted"), (["teleport"], "granted"),
                                                    (["screens"], "maybe")])
def test_a_decision_on_special_measures_needs_known_measures_and_a_decision(prosecution, witness_care, measures,
                                                                            decision):
    with pytest.raises((services.CourtError, ValueError)):
        services.decide_special_measures(prosecution, measures=measures, decision=decision, actor=witness_care)
    assert not prosecution.entries.exists()


@pytest.mark.parametrize(("outcome", "sentence"), [
    ("offered", "A pre-trial visit to the court was offered."),
    ("done", "The victim made a pre-trial visit to the court."),
    ("declined", "The victim declined a pre-trial visit to the court."),
])
def test_a_pre_trial_visit_is_recorded_with_its_outcome(prosecution, witness_care, case, outcome, sentence):
    entry = services.record_pre_trial_visit(prosecution, outcome=outcome, actor=witness_care,
                                            at=london(2026, 9, 1, 14, 0))
    assert (entry.kind, entry.data) == ("pre_trial_visit", {"outcome": outcome})
    [event] = events(case, TimelineEvent.Kind.PRE_TRIAL_VISIT)
    assert describe(event, case).description == sentence
    with pytest.raises(ValueError):
        services.record_pre_trial_visit(prosecution, outcome="postponed", actor=witness_care)
    assert prosecution.entries.count() == 1


def test_expenses_information_is_recorded_once_per_submission(prosecution, witness_care, case):
    kwargs = {"note": "Gave the leaflet and the claim form", "actor": witness_care, "at": london(2026, 9, 1, 15, 0),
              "idempotency_key": "expenses-form"}
    first = services.record_expenses_information(prosecution, **kwargs)
    again = services.record_expenses_information(prosecution, **kwargs)
    assert first.pk == again.pk and prosecution.entries.filter(kind="expenses").count() == 1
    [event] = events(case, TimelineEvent.Kind.EXPENSES_INFORMATION_GIVEN)
    described = describe(event, case)
    assert described.description == ("The victim was given information about claiming expenses for going to "
                                      "court.")
    assert event.data["note"] == "Gave the leaflet and the claim form"


def test_nothing_is_recorded_on_a_closed_case(prosecution, witness_care, case, officer):
    close_case(case, actor=officer, at=london(2026, 8, 20, 9, 0))
    for record in (
        lambda: services.decide_special_measures(prosecution, measures=["screens"], decision="granted",
                                                 actor=witness_care),
        lambda: services.record_pre_trial_visit(prosecution, outcome="done", actor=witness_care),
        lambda: services.record_expenses_information(prosecution, actor=witness_care),
    ):
        with pytest.raises(CaseStateError):
            record()
    assert not prosecution.entries.exists()


@pytest.mark.parametrize("verdict", ["guilty", "not_guilty", "mixed"])
def test_a_verdict_is_news_owed_a_working_day_from_its_receipt(prosecution, witness_care, case, verdict):
    """The trial ended Thu 27 Aug 2026 and the verdict reached the unit at 16:55 on Fri 28 Aug; Mon 31 Aug is a
    bank holiday and it was typed in on Tue 1 Sep: the victim must be told by the end of Tue 1 Sep."""
    trial = services.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=london(2026, 8, 24, 10, 0),
                                  place="Court 2", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                  at=london(2026, 8, 4, 9, 0)).hearing
    item = services.record_verdict(trial, verdict, result=" Unanimous ", received_at=london(2026, 8, 28, 16, 55),
                                   actor=witness_care, at=london(2026, 9, 1, 9, 0))
    assert (item.kind, item.details, item.hearing) == (CourtNews.VERDICT, "Unanimous", trial)
    trial.refresh_from_db()
    assert (trial.verdict, trial.status, trial.result) == (verdict, Hearing.Status.HEARD, "Unanimous")
    commitment = item.commitment
    assert commitment.kind == CommitmentKind.INFORM_COURT_NEWS
    assert commitment.owner_organisation == prosecution.witness_care_unit and commitment.owner_person is None
    due = commitment.due_at.astimezone(london(2026, 1, 1).tzinfo)
    assert due.date() == dt.date(2026, 9, 1) and (due.hour, due.minute) == (23, 59)
    # A verdict opens nothing else: no witness needs assessment, no Victim Contact Scheme referral.
    assert {c.kind for c in Commitment.objects.filter(case=case, status=Status.OPEN)} >= {CommitmentKind.OFFER_VPS}
    assert not owed(case, CommitmentKind.WITNESS_NEEDS_ASSESSMENT) and not owed(case, CommitmentKind.VCS_REFERRAL)
    [event] = [e for e in events(case, TimelineEvent.Kind.COURT_NEWS_RECEIVED) if e.data["news"] == "verdict"]
    assert event.data["verdict"] == verdict
    assert describe(event, case).description.endswith({"guilty": "found guilty.", "not_guilty": "found not guilty.",
                                                      "mixed": "guilty of some charges, not guilty of others."}
                                                     [verdict])


def test_a_verdict_is_refused_for_a_cancelled_hearing_or_before_the_hearing(prosecution, witness_care):
    trial = services.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=london(2026, 8, 24, 10, 0),
                                  place="", received_at=london(2026, 8, 4, 9, 0), actor=witness_care,
                                  at=london(2026, 8, 4, 9, 0)).hearing
    with pytest.raises(services.CourtError, match="before the hearing"):
        services.record_verdict(trial, "guilty", received_at=london(2026, 8, 20, 9, 0), actor=witness_care,
                                at=london(2026, 8, 20, 9, 5))
    services.vacate_hearing(trial, received_at=london(2026, 8, 21, 9, 0), actor=witness_care,
                            at=london(2026, 8, 21, 9, 5))
    with pytest.raises(services.CourtError, match="cancelled"):
        services.record_verdict(trial, "guilty", received_at=london(2026, 8, 28, 9, 0), actor=witness_care,
                                at=london(2026, 8, 28, 9, 5))
    with pytest.raises(ValueError):
        services.record_verdict(trial, "hung", received_at=london(2026, 8, 28, 9, 0), actor=witness_care)
    assert not NewsItem.objects.filter(kind=CourtNews.VERDICT).exists()
