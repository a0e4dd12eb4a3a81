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
