"""POST /api/cases/{id}/decisions/: the one write in the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import CrimeFactory
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import close_case
from victimcare.charter.models import Commitment


def post(client, case, body):
    return client.post(reverse("api:case-decisions", args=[case.pk]), body, format="json")


@pytest.mark.parametrize("persona", ["officer", "colleague", "supervisor"])
def test_officers_and_supervisors_of_the_unit_record_a_decision(api, personas, case, persona):
    user = personas[persona]

    response = post(api.as_user(user), case, {"decision": "suspect_arrested", "note": "Arrested at home"})

    assert response.status_code == 201
    commitment = Commitment.objects.get(case=case)
    body = response.json()
    assert body["id"] == commitment.pk
    assert body["kind"] == "inform_decision"
    assert body["standard"] == 4
    assert body["status"] == "open"
    assert body["detail"] == {"decision": "suspect_arrested", "working_days": 5, "enhanced": False}
    event = case.timeline.get(kind=TimelineEvent.Kind.KEY_DECISION)
    assert event.actor == user
    assert event.data == {"decision": "suspect_arrested", "note": "Arrested at home"}
    change = CaseAccessLog.objects.get(case=case, user=user, action=CaseAccessLog.Action.CHANGED)
    assert change.channel == CaseAccessLog.Channel.API


def test_enhanced_rights_give_one_working_day(api, officer, make_case):
    case = make_case(crime=CrimeFactory(is_hate_crime=True))

    response = post(api.as_user(officer), case, {"decision": "charged"})

    assert response.status_code == 201
    assert response.json()["detail"]["working_days"] == 1


def test_the_note_is_optional(api, officer, case):
    response = post(api.as_user(officer), case, {"decision": "bailed"})

    assert response.status_code == 201
    assert case.timeline.get(kind=TimelineEvent.Kind.KEY_DECISION).data["note"] == ""


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "decision"),
        ({"decision": "arrested-maybe"}, "decision"),
        ({"decision": ""}, "decision"),
        ({"decision": "charged", "note": "x" * 2001}, "note"),
        ({"decision": "charged", "tell_victim": "x" * 2001}, "tell_victim"),
        ({"decision": 5}, "decision"),
        ({"decision": ["charged"]}, "decision"),
        ({"decision": "charged", "note": ["a", "list"]}, "note"),
        ({"decision": "charged", "note": {"an": "object"}}, "note"),
        ({"decision": "charged", "submission_id": "not-a-uuid"}, "submission_id"),
        ({"decision": "charged", "submission_id": 12}, "submission_id"),
        (["charged"], "non_field_errors"),
    ],
    ids=["nothing", "unknown decision", "empty decision", "long note", "long tell_victim", "number", "list",
         "note a list", "note an object", "bad submission id", "number submission id", "body a list"],
)
def test_bad_input_is_a_400_naming_the_field(api, officer, case, body, field):
    response = post(api.as_user(officer), case, body)

    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert not Commitment.objects.filter(case=case).exists()


@pytest.mark.parametrize("persona", ["other_officer", "administrator"])
def test_those_who_cannot_see_the_case_get_404(api, personas, case, persona):
    response = post(api.as_user(personas[persona]), case, {"decision": "charged"})

    assert response.status_code == 404
    assert not Commitment.objects.filter(case=case).exists()


def test_no_such_case_is_404(api, officer, case):
    response = api.as_user(officer).post(
        reverse("api:case-decisions", args=[case.pk + 1000]), {"decision": "charged"}, format="json"
    )

    assert response.status_code == 404


def test_call_handler_who_can_see_the_case_may_not_change_it(api, call_handler, case):
    response = post(api.as_user(call_handler), case, {"decision": "charged"})

    assert response.status_code == 403
    assert not Commitment.objects.filter(case=case).exists()
    assert not case.timeline.filter(kind=TimelineEvent.Kind.KEY_DECISION).exists()


def test_permission_comes_before_validation(api, call_handler, case):
    response = post(api.as_user(call_handler), case, {"decision": "nonsense"})

    assert response.status_code == 403


def test_a_closed_case_is_a_409(api, officer, case):
    close_case(case, actor=officer)

    response = post(api.as_user(officer), case, {"decision": "charged"})

    assert response.status_code == 409
    assert response.json() == {"detail": "The case is closed"}


def test_anonymous_is_401(api, case):
    response = post(api.as_user(None), case, {"decision": "charged"})

    assert response.status_code == 401


def test_get_is_not_allowed(api, officer, case):
    response = api.as_user(officer).get(reverse("api:case-decisions", args=[case.pk]))

    assert response.status_code == 405


def test_session_clients_need_the_csrf_token(officer, case):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(officer)

    response = post(client, case, {"decision": "charged"})

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
