"""The API's decision endpoint keeps what to tell the victim, and a retried request records once."""

import uuid

from django.urls import reverse

from victimcare.charter.rules import CommitmentKind


def test_a_retried_decision_records_once_and_keeps_what_to_tell(client, officer, case):
    client.force_login(officer)
    url = reverse("api:case-decisions", kwargs={"pk": case.pk})
    body = {"decision": "charged", "tell_victim": "He will appear at Newport magistrates.",
            "submission_id": str(uuid.uuid4())}

    first = client.post(url, body, content_type="application/json")
    again = client.post(url, body, content_type="application/json")

    assert first.status_code == 201
    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    commitment = case.commitments.get(kind=CommitmentKind.INFORM_DECISION)
    assert commitment.detail["tell_victim"] == "He will appear at Newport magistrates."
