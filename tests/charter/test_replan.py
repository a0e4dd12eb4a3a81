"""Moving an open commitment's due time is recorded on the timeline with the old and new times."""

import datetime as dt

import pytest
from django.utils import timezone

from victimcare.cases.models import TimelineEvent
from victimcare.charter import rules
from victimcare.charter.models import Commitment
from victimcare.charter.services import CommitmentStateError, meet_commitment, open_commitment, replan_commitment


def test_replan_moves_the_due_time_and_records_it(case, officer):
    now = timezone.now()
    commitment = open_commitment(case, rules.update_commitment(now, 28), at=now)
    new_due = commitment.due_at - dt.timedelta(days=21)

    replanned = replan_commitment(commitment, new_due, actor=officer, at=now, detail={"every_days": 7})

    assert replanned.due_at == new_due
    assert replanned.detail == {"every_days": 7}
    event = case.timeline.get(kind=TimelineEvent.Kind.COMMITMENT_REPLANNED)
    assert event.actor == officer
    assert event.data == {"commitment": commitment.pk, "commitment_kind": "victim_update",
                          "due_at": new_due.isoformat(), "previous_due_at": commitment.due_at.isoformat()}


def test_only_an_open_commitment_is_replanned(case, officer):
    commitment = open_commitment(case, rules.update_commitment(timezone.now(), 7))
    meet_commitment(commitment, actor=officer)
    with pytest.raises(CommitmentStateError):
        replan_commitment(commitment, timezone.now(), actor=officer)
    assert Commitment.objects.get(pk=commitment.pk).status == Commitment.Status.MET
