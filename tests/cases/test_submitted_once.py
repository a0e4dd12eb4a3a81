"""No commitment is ever created twice for the same event: a form sent twice, or a retry."""

import uuid

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from victimcare.cases.models import TimelineEvent
from victimcare.cases.services import grade_response, record_key_decision
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, KeyDecision


def test_a_decision_sent_twice_opens_one_commitment(case, officer):
    key = str(uuid.uuid4())
    first = record_key_decision(case, KeyDecision.CHARGED, actor=officer, idempotency_key=key)
    again = record_key_decision(case, KeyDecision.CHARGED, actor=officer, idempotency_key=key)

    assert again.pk == first.pk
    assert case.commitments.filter(kind=CommitmentKind.INFORM_DECISION).count() == 1
    assert case.timeline.filter(kind=TimelineEvent.Kind.KEY_DECISION).count() == 1


def test_two_different_submissions_are_two_decisions(case, officer):
    record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=officer, idempotency_key=str(uuid.uuid4()))
    record_key_decision(case, KeyDecision.CHARGED, actor=officer, idempotency_key=str(uuid.uuid4()))

    assert case.commitments.filter(kind=CommitmentKind.INFORM_DECISION).count() == 2


@pytest.mark.parametrize(
    ("record", "kind"),
    [
        (lambda case, actor, key: grade_response(case, 2, actor=actor, rationale="r", idempotency_key=key),
         CommitmentKind.RESPONSE),
        (lambda case, actor, key: record_key_decision(case, KeyDecision.CHARGED, actor=actor, idempotency_key=key),
         CommitmentKind.INFORM_DECISION),
    ],
    ids=["grade", "decision"],
)
def test_retries_replay_the_first_result(case, officer, record, kind):
    key = str(uuid.uuid4())
    first = record(case, officer, key)
    assert record(case, officer, key).pk == first.pk
    assert case.commitments.filter(kind=kind).count() == 1


def test_the_database_refuses_a_second_commitment_of_one_kind_from_one_event(case, officer):
    commitment = record_key_decision(case, KeyDecision.CHARGED, actor=officer)
    duplicate = Commitment(
        case=case, kind=commitment.kind, standard=commitment.standard, owner_organisation=commitment.owner_organisation,
        opened_by_event=commitment.opened_by_event, due_at=commitment.due_at,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_the_decision_page_sent_twice_records_once(client, officer, case):
    client.force_login(officer)
    url = reverse("cases:record-decision", kwargs={"case_id": case.pk})
    page = client.get(url).content.decode()
    submission_id = page.split('name="submission_id" value="', 1)[1].split('"', 1)[0]
    form = {"decision": "charged", "note": "", "tell_victim": "He was charged.", "submission_id": submission_id}

    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302

    assert case.commitments.filter(kind=CommitmentKind.INFORM_DECISION).count() == 1


def test_the_told_page_sent_twice_records_once(client, officer, case):
    commitment = record_key_decision(case, KeyDecision.CHARGED, actor=officer)
    client.force_login(officer)
    url = reverse("cases:record-informed", kwargs={"case_id": case.pk, "commitment_id": commitment.pk})
    page = client.get(url).content.decode()
    submission_id = page.split('name="submission_id" value="', 1)[1].split('"', 1)[0]
    form = {"how": "phone", "submission_id": submission_id}

    assert client.post(url, form).status_code == 302
    assert client.post(url, form).status_code == 302  # not a 404 for the now-met commitment

    assert case.timeline.filter(kind=TimelineEvent.Kind.VICTIM_INFORMED).count() == 1
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.MET
