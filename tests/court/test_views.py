"""The court pages: who sees and manages what, forms whose errors name the field and save nothing, the
case panel, and query counts that do not grow with the data."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.conftest import _member
from tests.court.conftest import charge, london
from tests.factories import CrimeFactory, OrganisationFactory, VictimFactory
from tests.web.conftest import count_queries, in_welsh
from victimcare.accounts.roles import Role
from victimcare.cases.models import CaseAccessLog
from victimcare.cases.services import open_case
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, CourtNews
from victimcare.charter.services import deadlines
from victimcare.court import services
from victimcare.court.models import Hearing, NewsItem, Prosecution
from victimcare.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def date_parts(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


def url(name, case, **kwargs):
    return reverse(f"court:{name}", kwargs={"case_id": case.pk, **kwargs})


@pytest.fixture
def charged(case, officer, witness_care_unit):
    return charge(case, officer, at=timezone.now() - dt.timedelta(days=10))


@pytest.fixture
def other_wcu_officer(force):
    other = OrganisationFactory(code="dyfed-witness-care", kind=Organisation.Kind.WITNESS_CARE,
                                name_en="Dyfed Witness Care Unit")
    return _member("other-wcu", other, Role.WITNESS_CARE_OFFICER, first_name="Iwan", last_name="Jones")


def list_trial(prosecution, actor, days=30):
    now = timezone.now()
    return services.list_hearing(prosecution, kind=Hearing.Kind.TRIAL, starts_at=now + dt.timedelta(days=days),
                                 place="Court 1", received_at=now - dt.timedelta(hours=1), actor=actor)


# --- Recording the charge --------------------------------------------------------------------------------
def test_the_officer_records_the_charge_from_the_case_page(client, case, officer, witness_care_unit):
    client.force_login(officer)
    court_section = reverse("cases:court", kwargs={"case_id": case.pk})
    page = client.get(court_section).content.decode()
    assert url("charge", case) in page
    response = client.post(url("charge", case), {
        "court": "Newport Magistrates' Court", "defendant": "Dylan Morgan", "custody": "bail",
        "charge": "Assault by beating", "violent_or_sexual": "yes", "witness_care_unit": str(witness_care_unit.pk),
    })
    assert response.status_code == 302 and response["Location"] == court_section
    prosecution = Prosecution.objects.get(case=case)
    assert prosecution.witness_care_unit == witness_care_unit and prosecution.charges.get().violent_or_sexual
    assert Commitment.objects.filter(case=case, kind=CommitmentKind.OFFER_VPS,
                                     owner_organisation=witness_care_unit).count() == 1
    page = client.get(court_section).content.decode()
    assert "Newport Magistrates&#x27; Court" in page and url("prosecution", case) in page


def test_a_charge_with_missing_answers_names_them_and_saves_nothing(client, case, officer, witness_care_unit):
    client.force_login(officer)
    response = client.post(url("charge", case), {"court": "", "defendant": "", "charge": "",
                                                  "witness_care_unit": str(witness_care_unit.pk)})
    page = response.content.decode()
    assert response.status_code == 200
    for message in ("Enter the court", "Enter the defendant&#x27;s full name", "Enter the offence charged",
                    "Select whether it is a violent or sexual offence"):
        assert message in page
    assert not Prosecution.objects.exists()


# --- Access ----------------------------------------------------------------------------------------------
def test_the_witness_care_officer_sees_the_case_read_only_and_manages_the_court_side(
        client, charged, case, witness_care):
    client.force_login(witness_care)
    assert client.get(reverse("cases:detail", kwargs={"case_id": case.pk})).status_code == 200
    assert client.get(reverse("cases:court", kwargs={"case_id": case.pk})).status_code == 200
    assert client.get(reverse("cases:record-decision", kwargs={"case_id": case.pk})).status_code == 403
    assert case.crime.reference in client.get(reverse("cases:list")).content.decode()
    assert client.get(url("hearing-list", case)).status_code == 200
    assert CaseAccessLog.objects.filter(case=case, user=witness_care, action="viewed").exists()


def test_another_witness_care_units_officer_gets_404(client, charged, case, witness_care, other_wcu_officer):
    news = list_trial(charged, witness_care)
    client.force_login(other_wcu_officer)
    for target in (reverse("cases:detail", kwargs={"case_id": case.pk}),
                   reverse("cases:court", kwargs={"case_id": case.pk}), url("prosecution", case),
                   url("hearing-list", case), url("news-told", case, news_id=news.pk),
                   url("record", case, step="needs")):
        assert client.get(target).status_code == 404, target
    page = client.get(reverse("court:witness-care")).content.decode()
    assert case.victim.full_name not in page


def test_the_case_officer_reads_the_prosecution_but_may_not_record_news(client, charged, case, officer):
    client.force_login(officer)
    assert client.get(url("prosecution", case)).status_code == 200
    assert client.get(url("hearing-list", case)).status_code == 403


def test_a_hearing_of_another_prosecution_is_404(client, charged, witness_care, officer, unit, call_handler):
    other_case = open_case(victim=VictimFactory(), crime=CrimeFactory(), unit=unit, officer=officer,
                           recorded_by=call_handler)
    other = charge(other_case, officer, at=timezone.now() - dt.timedelta(days=10))
    hearing = list_trial(other, witness_care).hearing
    client.force_login(witness_care)
    assert client.get(url("hearing-move", charged.case, hearing_id=hearing.pk)).status_code == 404


# --- Forms -----------------------------------------------------------------------------------------------
def test_listing_a_trial_from_news_received_opens_the_commitment_and_says_when(client, charged, case, witness_care):
    client.force_login(witness_care)
    now = timezone.localtime()
    received = now - dt.timedelta(minutes=5)
    response = client.post(url("hearing-list", case), {
        "kind": "trial", **date_parts("hearing_on", (now + dt.timedelta(days=40)).date()), "hearing_time": "10:00",
        "place": "Court 2", **date_parts("received_on", received.date()),
        "received_time": received.strftime("%H:%M"),
    }, follow=True)
    assert "News recorded. Tell the victim by the end of" in response.content.decode()
    item = NewsItem.objects.get()
    assert item.kind == "hearing_listed" and item.commitment.owner_organisation == charged.witness_care_unit
    assert item.hearing.place == "Court 2"


def test_received_in_the_future_and_a_hearing_before_the_charge_name_their_fields(client, charged, case,
                                                                                 witness_care):
    client.force_login(witness_care)
    future = timezone.localtime() + dt.timedelta(days=2)
    response = client.post(url("hearing-list", case), {
        "kind": "trial", **date_parts("hearing_on", dt.date(2020, 1, 6)), "hearing_time": "10:00",
        **date_parts("received_on", future.date()), "received_time": "09:00",
    })
    page = response.content.decode()
    assert "The date of the hearing must be after the charge" in page
    assert "The date the news was received must be today or in the past" in page
    assert 'href="#id_received_on"' in page and 'href="#id_hearing_on"' in page
    assert not NewsItem.objects.exists() and not Hearing.objects.exists()


def test_telling_the_victim_meets_the_commitment(client, charged, case, witness_care):
    news = list_trial(charged, witness_care)
    client.force_login(witness_care)
    client.post(url("news-told", case, news_id=news.pk), {"how": "phone"})
    news.refresh_from_db()
    assert news.told_how == "phone" and news.commitment.status == Commitment.Status.MET


def test_a_record_step_in_welsh(client, charged, case, witness_care):
    client.force_login(witness_care)
    page = in_welsh(client).get(url("record", case, step="needs")).content.decode()
    assert "Asesiad o anghenion y tyst" in page and "Gofal plant" in page
    response = client.post(url("record", case, step="needs"), {})
    assert "Dewiswch anghenion y dioddefwr" in response.content.decode()


# --- Query counts ----------------------------------------------------------------------------------------
def _more(prosecution, witness_care, officer, unit, call_handler):
    for n in range(3):
        news = list_trial(prosecution, witness_care, days=20 + n)
        services.record_told(news, how="phone", actor=witness_care)
        services.record_news(prosecution, "warrant_issued", received_at=timezone.now() - dt.timedelta(minutes=n),
                             actor=witness_care)
        services.offer_vps(prosecution, actor=witness_care)
        other_case = open_case(victim=VictimFactory(), crime=CrimeFactory(), unit=unit, officer=officer,
                               recorded_by=call_handler)
        list_trial(charge(other_case, officer, at=timezone.now() - dt.timedelta(days=10)), witness_care)


def test_query_counts_do_not_grow(client, charged, case, witness_care, officer, unit, call_handler,
                                  django_assert_max_num_queries):
    list_trial(charged, witness_care)
    client.force_login(witness_care)
    pages = [reverse("court:witness-care"), url("prosecution", case),
             reverse("cases:detail", kwargs={"case_id": case.pk}), reverse("cases:court", kwargs={"case_id": case.pk})]
    counts = [count_queries(client, page) for page in pages]
    _more(charged, witness_care, officer, unit, call_handler)
    for page, count in zip(pages, counts, strict=True):
        with django_assert_max_num_queries(count):
            assert client.get(page).status_code == 200
    print(f"court pages: {counts} queries")


def test_a_trial_date_received_at_1655_on_the_friday_before_a_bank_holiday_through_the_form(
        client, case, officer, witness_care_unit, witness_care):
    """Fri 28 Aug 2026 16:55 in London; Mon 31 Aug is the summer bank holiday: due by the end of Tue 1 Sep."""
    charge(case, officer, at=london(2026, 8, 3, 10, 0))
    client.force_login(witness_care)
    response = client.post(url("hearing-list", case), {
        "kind": "trial", **date_parts("hearing_on", dt.date(2026, 10, 12)), "hearing_time": "10:00",
        "place": "Court 3", **date_parts("received_on", dt.date(2026, 8, 28)), "received_time": "16:55",
    }, follow=True)
    assert "Tell the victim by the end of Tuesday 1 September 2026." in response.content.decode()
    item = NewsItem.objects.get()
    assert item.received_at == london(2026, 8, 28, 16, 55)
    due = timezone.localtime(item.commitment.due_at)
    assert due.date() == dt.date(2026, 9, 1) and (due.hour, due.minute) == (23, 59)


# --- The special measures decision, pre-trial visit, expenses and verdict through the pages ---------------
def _recorded(response) -> str:
    return response.content.decode()


def test_the_courts_decision_on_special_measures_through_the_form(client, charged, case, witness_care):
    client.force_login(witness_care)
    page = client.get(url("record", case, step="measures-decided")).content.decode()
    assert "Special measures the court decided" in page and "Removal of wigs and gowns" in page
    response = client.post(url("record", case, step="measures-decided"),
                           {"measures": ["screens", "live_link"], "decision": "granted", "note": "At the PTPH"},
                           follow=True)
    page = _recorded(response)
    assert "Recorded: The court&#x27;s decision on special measures." in page
    assert "Special measures decided</strong>: Screens; Live link \N{EN DASH} Granted" in page
    [entry] = charged.entries.filter(kind="measures_decided")
    assert entry.data == {"measures": ["screens", "live_link"], "decision": "granted"} and entry.by == witness_care
    timeline = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk})).content.decode()
    assert "The court granted special measures: screens; live link." in timeline


def test_a_decision_on_special_measures_with_missing_answers_names_them_and_saves_nothing(client, charged, case,
                                                                                         witness_care):
    client.force_login(witness_care)
    page = client.post(url("record", case, step="measures-decided"), {"measures": ["teleport"]}).content.decode()
    assert "Select the special measures decided" in page and "Select the court&#x27;s decision" in page
    assert 'href="#id_measures"' in page and 'href="#id_decision"' in page
    assert not charged.entries.exists()


@pytest.mark.parametrize(("outcome", "shown"), [("offered", "Offered"), ("done", "Done"), ("declined", "Declined")])
def test_a_pre_trial_visit_through_the_form(client, charged, case, witness_care, outcome, shown):
    client.force_login(witness_care)
    response = client.post(url("record", case, step="visit"), {"outcome": outcome}, follow=True)
    assert f"Pre-trial visit</strong>: {shown}" in _recorded(response)
    assert charged.entries.get(kind="pre_trial_visit").data == {"outcome": outcome}


def test_a_pre_trial_visit_needs_its_outcome(client, charged, case, witness_care):
    client.force_login(witness_care)
    page = client.post(url("record", case, step="visit"), {}).content.decode()
    assert "Select what happened about the pre-trial visit" in page
    assert not charged.entries.exists()


def test_expenses_information_through_the_form_once_however_often_it_is_sent(client, charged, case, witness_care):
    client.force_login(witness_care)
    form = {"note": "Explained how to claim travel and loss of earnings", "submission_id": str(uuid.uuid4())}
    first = client.post(url("record", case, step="expenses"), form, follow=True)
    client.post(url("record", case, step="expenses"), form)  # a double click
    assert "Recorded: Expenses information given." in _recorded(first)
    [entry] = charged.entries.filter(kind="expenses")
    assert entry.note == "Explained how to claim travel and loss of earnings"
    timeline = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk})).content.decode()
    assert "The victim was given information about claiming expenses for going to court." in timeline


def test_the_case_officer_may_not_record_the_witness_care_steps(client, charged, case, officer):
    client.force_login(officer)
    for step in ("measures-decided", "visit", "expenses"):
        assert client.post(url("record", case, step=step), {"outcome": "done"}).status_code == 403, step
    assert not charged.entries.exists()


def test_a_verdict_through_the_form_opens_the_news_commitment_from_its_receipt(client, charged, case, witness_care):
    now = timezone.localtime()
    trial = services.list_hearing(charged, kind=Hearing.Kind.TRIAL, starts_at=now - dt.timedelta(days=5),
                                  place="Court 2", received_at=now - dt.timedelta(days=9), actor=witness_care).hearing
    received = now - dt.timedelta(days=2)
    client.force_login(witness_care)
    page = client.get(url("hearing-result", case, hearing_id=trial.pk, result="verdict")).content.decode()
    assert "Record the verdict" in page and "Guilty of some charges, not guilty of others" in page
    response = client.post(url("hearing-result", case, hearing_id=trial.pk, result="verdict"), {
        "verdict": "guilty", "result": "Guilty on both counts", **date_parts("received_on", received.date()),
        "received_time": received.strftime("%H:%M"),
    }, follow=True)
    item = NewsItem.objects.get(kind="verdict")
    due = date_format(timezone.localtime(item.commitment.due_at), "l j F Y")
    assert f"News recorded. Tell the victim by the end of {due}." in _recorded(response)
    assert item.received_at == received.replace(second=0, microsecond=0)
    assert item.commitment.due_at == rules.court_news_commitment(
        CourtNews.VERDICT, item.received_at, case.enhanced_rights, deadlines()).due_at
    trial.refresh_from_db()
    assert (trial.verdict, trial.status, trial.result) == ("guilty", Hearing.Status.HEARD, "Guilty on both counts")
    assert url("hearing-result", case, hearing_id=trial.pk, result="verdict") not in _recorded(response)


def test_a_verdict_needs_the_verdict_and_cannot_be_received_before_the_hearing(client, charged, case, witness_care):
    now = timezone.localtime()
    trial = services.list_hearing(charged, kind=Hearing.Kind.TRIAL, starts_at=now - dt.timedelta(days=1),
                                  place="", received_at=now - dt.timedelta(days=9), actor=witness_care).hearing
    client.force_login(witness_care)
    target = url("hearing-result", case, hearing_id=trial.pk, result="verdict")
    received = now - dt.timedelta(days=3)
    form = {**date_parts("received_on", received.date()), "received_time": received.strftime("%H:%M")}
    assert "Select the verdict" in client.post(target, form).content.decode()
    page = client.post(target, {**form, "verdict": "guilty"}).content.decode()
    assert "The result cannot be received before the hearing" in page
    assert not NewsItem.objects.filter(kind="verdict").exists()
    trial.refresh_from_db()
    assert trial.verdict == "" and trial.status == Hearing.Status.LISTED
