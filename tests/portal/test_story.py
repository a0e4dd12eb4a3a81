"""The victim's story: only what they should see, in plain words; everything else left out."""

import pytest
from django.utils import translation

from victimcare.cases.models import TimelineEvent
from victimcare.cases.services import record_event
from victimcare.portal.story import SHOWN, story

pytestmark = pytest.mark.django_db
Kind = TimelineEvent.Kind
NEVER = (Kind.ASSESSMENT_RECORDED, Kind.SHARING_OVERRIDE_REQUESTED, Kind.SHARING_OVERRIDE_DECIDED,
         Kind.INFORMATION_SHARED, Kind.MULTI_AGENCY_FLAGGED, Kind.MULTI_AGENCY_ACTION_AGREED,
         Kind.ENHANCED_RIGHTS_ASSESSED, Kind.RESPONSE_GRADED, Kind.COMMITMENT_OVERDUE, Kind.OUTCOME,
         Kind.MESSAGE_HELD, Kind.NEIGHBOURHOOD_NOTIFIED)


def test_internal_entries_are_never_told(case, officer):
    assert not set(NEVER) & set(SHOWN)
    for kind in NEVER:
        record_event(case, kind, officer, case.opened_at, risk_level="high", note="DASH 16", justification="x")
    told = " ".join(f"{item.sentence} {item.said}" for item in story(case))
    assert "DASH" not in told and "high" not in told.lower()


def test_decisions_in_plain_words_in_welsh(case, officer):
    record_event(case, Kind.KEY_DECISION, officer, case.opened_at, decision="charged", note="PNC 12/3456")
    record_event(case, Kind.KEY_DECISION, officer, case.opened_at, decision="something_new")
    with translation.override("cy"):
        told = [item.sentence for item in story(case)]
    assert "Cafodd rhywun ei gyhuddo." in told
    assert not any("PNC" in sentence or "something_new" in sentence for sentence in told)
