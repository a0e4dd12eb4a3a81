"""Recording an investigation decision: only the case's unit, POST-redirect-GET, logged; bad input
changes nothing and the error names the field."""

import pytest
from django.urls import reverse

from tests.web.conftest import in_welsh
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import close_case
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind


def url(case) -> str:
    return reverse("cases:record-decision", kwargs={"case_id": case.pk})


def snapshot(case):
    return (case.commitments.count(), TimelineEvent.objects.filter(case=case).count(),
            CaseAccessLog.objects.filter(case=case, action=CaseAccessLog.Action.CHANGED).count())


def test_the_form(client, officer, case):
    client.force_login(officer)
    response = client.get(url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Record an investigation decision" in html
    assert 'type="radio" value="suspect_arrested"' in html
    assert "Suspect released under investigation" in html
    assert 'name="note"' in html
    assert "within 5 working days" in html


@pytest.mark.parametrize("persona", ["officer", "colleague", "supervisor"])
def test_recording_a_decision(client, personas, case, persona):
    user = personas[persona]
    client.force_login(user)
    response = client.post(url(case), {"decision": "charged", "note": "Charged with assault",
                                       "tell_victim": "He has been charged with assault."})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"case_id": case.pk})

    commitment = case.commitments.get(kind=CommitmentKind.INFORM_DECISION)
    assert commitment.status == Commitment.Status.OPEN
    assert commitment.detail["decision"] == "charged"
    assert commitment.detail["tell_victim"] == "He has been charged with assault."
    event = TimelineEvent.objects.get(case=case, kind=TimelineEvent.Kind.KEY_DECISION)
    assert event.actor == user
    assert event.data == {"decision": "charged", "note": "Charged with assault",
                          "tell_victim": "He has been charged with assault."}
    assert CaseAccessLog.objects.filter(case=case, user=user, action=CaseAccessLog.Action.CHANGED,
                                        what="recorded decision: charged").exists()

    page = client.get(response["Location"]).content.decode()
    assert "govuk-notification-banner--success" in page
    assert "Decision recorded. Tell the victim by" in page
    timeline = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk})).content.decode()
    assert "Investigation decision: Suspect charged." in timeline
    assert "Charged with assault" in timeline


@pytest.mark.parametrize("data, field, message", [
    ({}, "decision", "Select the investigation decision"),
    ({"decision": "acquitted"}, "decision", "Select the investigation decision"),
    ({"decision": "charged", "note": "x" * 1001}, "note", "Note must be 1,000 characters or fewer"),
    ({"decision": "charged"}, "tell_victim", "Enter what you will tell the victim"),
    ({"decision": "charged", "tell_victim": "  "}, "tell_victim", "Enter what you will tell the victim"),
])
def test_bad_input_changes_nothing_and_names_the_field(client, officer, case, data, field, message):
    client.force_login(officer)
    before = snapshot(case)
    response = client.post(url(case), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<a href="#id_{field}">{message}</a>' in html
    assert f'id="id_{field}-error"' in html
    assert "<title>Error: " in html
    assert snapshot(case) == before


def test_a_closed_case_takes_no_decision(client, officer, case):
    close_case(case, actor=officer)
    client.force_login(officer)
    before = snapshot(case)
    response = client.post(url(case), {"decision": "charged", "tell_victim": "Charged"})
    assert response.status_code == 200
    assert "This case is closed, so no decision can be recorded." in response.content.decode()
    assert snapshot(case) == before


@pytest.mark.parametrize("persona, status", [("other_officer", 404), ("administrator", 404), ("call_handler", 403)])
def test_others_cannot_record(client, personas, case, persona, status):
    client.force_login(personas[persona])
    before = snapshot(case)
    assert client.get(url(case)).status_code == status
    assert client.post(url(case), {"decision": "charged"}).status_code == status
    assert snapshot(case) == before


def test_in_welsh(client, officer, case):
    client.force_login(officer)
    html = in_welsh(client).post(url(case), {}).content.decode()
    for welsh in ("Cofnodi penderfyniad yn yr ymchwiliad", "Dewiswch y penderfyniad yn yr ymchwiliad",
                  "Mae problem wedi codi", "Rhywun a amheuir wedi", "Nodyn (dewisol)"):
        assert welsh in html, welsh
    for english in ("Select the investigation decision", "There is a problem", "Suspect arrested"):
        assert english not in html, english
