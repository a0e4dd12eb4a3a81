"""Recording that the victim was told about a decision: meets the commitment, logged; bad input changes
nothing; only open inform-decision commitments of this case can be used."""

import pytest
from django.urls import reverse

from tests.web.conftest import in_welsh, make_case, make_overdue
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import grade_response, record_victim_informed
from victimcare.charter.models import Commitment


def url(case, commitment) -> str:
    return reverse("cases:record-informed", kwargs={"case_id": case.pk, "commitment_id": commitment.pk})


@pytest.fixture
def commitment(overdue_case):
    return overdue_case.commitments.get()


def test_the_form(client, officer, overdue_case, commitment):
    client.force_login(officer)
    html = client.get(url(overdue_case, commitment)).content.decode()
    assert "Record that the victim was told" in html
    assert "Suspect arrested" in html
    assert 'type="radio" value="phone"' in html
    assert "By text message" in html


def test_recording_that_the_victim_was_told(client, colleague, overdue_case, commitment):
    client.force_login(colleague)
    response = client.post(url(overdue_case, commitment), {"how": "in_person"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"case_id": overdue_case.pk})
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.MET_LATE
    assert commitment.closed_by == colleague
    event = TimelineEvent.objects.get(case=overdue_case, kind=TimelineEvent.Kind.VICTIM_INFORMED)
    assert event.data == {"decision": "suspect_arrested", "how": "in_person"}
    assert CaseAccessLog.objects.filter(case=overdue_case, user=colleague, action=CaseAccessLog.Action.CHANGED,
                                        what="recorded that the victim was informed").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Recorded that the victim was told." in page
    assert "app-commitment--overdue" not in page
    timeline = client.get(reverse("cases:timeline", kwargs={"case_id": overdue_case.pk})).content.decode()
    assert "The victim was told about the decision (Suspect arrested) in person." in timeline


@pytest.mark.parametrize("data", [{}, {"how": "carrier pigeon"}])
def test_bad_input_changes_nothing_and_names_the_field(client, officer, overdue_case, commitment, data):
    client.force_login(officer)
    events = TimelineEvent.objects.filter(case=overdue_case).count()
    response = client.post(url(overdue_case, commitment), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_how">Select how the victim was told</a>' in html
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN
    assert TimelineEvent.objects.filter(case=overdue_case).count() == events


def test_only_open_inform_commitments_of_this_case(client, officer, unit, call_handler, overdue_case, commitment):
    client.force_login(officer)
    other_case = make_case(unit, officer, call_handler)
    other_commitment = make_overdue(other_case, officer)
    assert client.get(url(overdue_case, other_commitment)).status_code == 404
    response_commitment = grade_response(overdue_case, 2, actor=officer, rationale="test")
    assert client.get(url(overdue_case, response_commitment)).status_code == 404
    record_victim_informed(commitment, actor=officer, how="phone")
    assert client.post(url(overdue_case, commitment), {"how": "phone"}).status_code == 404


@pytest.mark.parametrize("persona, status", [("other_officer", 404), ("administrator", 404), ("call_handler", 403)])
def test_others_cannot_record(client, personas, overdue_case, commitment, persona, status):
    client.force_login(personas[persona])
    assert client.post(url(overdue_case, commitment), {"how": "phone"}).status_code == status
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN


def test_in_welsh(client, officer, overdue_case, commitment):
    client.force_login(officer)
    html = in_welsh(client).post(url(overdue_case, commitment), {}).content.decode()
    for welsh in ("Cofnodi bod y dioddefwr wedi cael gwybod", "Dewiswch sut cafodd y dioddefwr wybod",
                  "Dros y ffôn", "Wyneb yn wyneb"):
        assert welsh in html, welsh
    for english in ("Select how the victim was told", "By phone", "In person"):
        assert english not in html, english
