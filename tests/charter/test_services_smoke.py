from victimcare.cases.services import record_key_decision
from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentKind, KeyDecision


def test_key_decision_opens_inform_commitment(case, officer):
    commitment = record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=officer)
    assert commitment.kind == CommitmentKind.INFORM_DECISION
    assert commitment.status == Commitment.Status.OPEN
    assert case.timeline.filter(kind="key_decision").count() == 1
