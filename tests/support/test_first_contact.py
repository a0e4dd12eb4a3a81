"""At first contact the victim is owed the services that fit them (given with the written acknowledgement,
in their language) and a needs assessment."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.firstcontact.conftest import WizardDriver
from victimcare.cases.models import Case, TimelineEvent
from victimcare.charter.models import Commitment
from victimcare.support.samples import load_sample_services

LONDON = ZoneInfo("Europe/London")


def at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))
    return moment


def end_of(day):
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=LONDON)


def report(client, officer):
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=3)
    client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    return Case.objects.get()


def test_christmas_eve_report_owes_services_information_and_a_needs_assessment(client, officer, unit, newport,
                                                                               monkeypatch):
    """Reported on Thursday 24 December 2026 at 14:00: the services information goes with the written
    acknowledgement (1 working day: Tuesday 29 December, after Christmas, the weekend and Boxing Day's
    substitute), the needs assessment within 2 (Wednesday 30 December). Both owed by the case's unit."""
    at(monkeypatch, dt.datetime(2026, 12, 24, 14, 0, tzinfo=LONDON))
    case = report(client, officer)
    information = case.commitments.get(kind="services_information")
    needs = case.commitments.get(kind="needs_assessment")
    assert information.due_at == end_of(dt.date(2026, 12, 29)) and needs.due_at == end_of(dt.date(2026, 12, 30))
    for commitment in (information, needs):
        assert commitment.owner_organisation == unit and commitment.owner_person == officer
        assert commitment.opened_by_event.kind == TimelineEvent.Kind.REPORT_RECORDED
        assert commitment.standard == 5


def test_the_acknowledgement_lists_the_services_that_fit_in_the_victims_language(client, officer, unit, newport,
                                                                                 monkeypatch):
    """Megan, 17, Welsh-speaking, a victim of coercive control in Newport."""
    at(monkeypatch, dt.datetime(2026, 8, 28, 15, 0, tzinfo=LONDON))
    load_sample_services()
    case = report(client, officer)
    letter = client.get(reverse("report:acknowledgement", kwargs={"case_id": case.pk})).content.decode()
    for fits in ("Cymorth cam-drin domestig Gwent", "Gwasanaeth dioddefwyr ifanc Gwent", "Connect Gwent",
                 "Cofnod enghreifftiol", "01632 960013"):
        assert fits in letter
    for does_not_fit in ("Age Cymru Gwent", "Llwybrau Newydd", "Cymorth troseddau casineb Cymru",
                         "Gwent domestic abuse support"):
        assert does_not_fit not in letter
    assert letter.index("Cymorth cam-drin domestig Gwent <strong") < letter.index("Connect Gwent <strong"), \
        "the services for the victim's needs come first"

    client.post(reverse("report:acknowledgement-given", kwargs={"case_id": case.pk}))
    information = case.commitments.get(kind="services_information")
    assert information.status == Commitment.Status.MET
    given = case.timeline.get(kind=TimelineEvent.Kind.SERVICES_INFORMATION_GIVEN)
    assert "Gwent domestic abuse support" in given.data["services"]
    assert "Age Cymru Gwent" not in given.data["services"]


@pytest.mark.parametrize(("language", "expected"), [("en", "Gwent domestic abuse support")])
def test_an_english_speaker_gets_the_english_names(client, officer, unit, newport, monkeypatch, language, expected):
    from tests.firstcontact import conftest

    monkeypatch.setitem(conftest.NEW_VICTIM, "preferred_language", language)
    at(monkeypatch, dt.datetime(2026, 8, 28, 15, 0, tzinfo=LONDON))
    load_sample_services()
    case = report(client, officer)
    letter = client.get(reverse("report:acknowledgement", kwargs={"case_id": case.pk})).content.decode()
    assert expected in letter and "Cymorth cam-drin domestig Gwent" not in letter


def test_christmas_eve_report_with_consent_owes_a_referral_by_the_end_of_30_december(client, officer, unit, newport,
                                                                                    monkeypatch):
    """The victim agrees to a referral when reporting on Thursday 24 December 2026 at 14:00: 2 working days,
    with Christmas Day (Friday 25), the weekend and Boxing Day's substitute (Monday 28) not counting, end on
    Wednesday 30 December at 23:59:59 London time. Owed by the case's unit."""
    from victimcare.sharing.models import ConsentRecord

    reported = at(monkeypatch, dt.datetime(2026, 12, 24, 14, 0, tzinfo=LONDON))
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=3, support_referral="yes")
    client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    case = Case.objects.get()
    referral = case.commitments.get(kind="referral_to_support")
    assert referral.due_at == end_of(dt.date(2026, 12, 30))
    assert referral.opened_at == reported and referral.standard == 5
    assert referral.owner_organisation == unit and referral.owner_person == officer
    consent = ConsentRecord.objects.get(victim=case.victim)
    assert (consent.decision, consent.how, consent.at, consent.recorded_by) == ("given", "verbal", reported, officer)


def test_a_back_dated_report_counts_the_referral_from_the_report_not_from_now(officer, unit, newport, monkeypatch):
    """Recorded on Monday 4 January 2027 for a report taken on Christmas Eve: consent and the referral owed
    are from the report's time, so the referral was due on 30 December (and is overdue now)."""
    import uuid

    from victimcare.firstcontact.services import Report, record_report
    from victimcare.sharing.models import ConsentRecord

    at(monkeypatch, dt.datetime(2027, 1, 4, 10, 0, tzinfo=LONDON))
    reported = dt.datetime(2026, 12, 24, 14, 0, tzinfo=LONDON)
    case = record_report(Report(
        victim_id=None, victim={"given_name": "Megan", "family_name": "Pritchard", "postcode": "NP20 1AA"},
        category="burglary", offence="", is_domestic_abuse=False, is_hate_crime=False, is_honour_based=False,
        occurred_at=reported - dt.timedelta(hours=3), location_description="At home", postcode="NP20 1AA",
        support_referral="yes"), actor=officer, submission_key=str(uuid.uuid4()), at=reported)
    referral = case.commitments.get(kind="referral_to_support")
    assert referral.opened_at == reported and referral.due_at == end_of(dt.date(2026, 12, 30))
    assert ConsentRecord.objects.get(victim=case.victim).at == reported


def test_a_refusal_at_first_contact_can_be_changed_later(client, officer, unit, newport, monkeypatch):
    """The victim said no when reporting; two days later they opt in through the support screens: the referral
    is owed from then."""
    from victimcare.sharing.models import Decision, How
    from victimcare.support.services import current_choice, record_support_choice

    at(monkeypatch, dt.datetime(2026, 12, 24, 14, 0, tzinfo=LONDON))
    client.force_login(officer)
    wizard = WizardDriver(client)
    wizard.through(dash=3, support_referral="no")
    client.post(reverse("report:check", kwargs={"wizard_id": wizard.id}), {"submission_id": wizard.id})
    case = Case.objects.get()
    assert current_choice(case.victim).decision == Decision.REFUSED
    assert not case.commitments.filter(kind="referral_to_support").exists()
    later = dt.datetime(2026, 12, 29, 11, 0, tzinfo=LONDON)
    record_support_choice(case, Decision.GIVEN, how=How.VERBAL, actor=officer, at=later)
    assert case.commitments.get(kind="referral_to_support").due_at == end_of(dt.date(2026, 12, 31))
