"""The sharing describers' details: what the system wrote reads in Welsh, what a person typed as typed."""

from django.utils import translation

from victimcare.cases.models import TimelineEvent
from victimcare.cases.timeline import describe

Kind = TimelineEvent.Kind


def _detail(kind, data, language):
    with translation.override(language):
        return describe(TimelineEvent(kind=kind, data=data)).detail


def test_the_withdrawal_reason_reads_in_welsh():
    data = {"reason": "The victim withdrew consent", "organisation": "Newport Housing"}
    assert _detail(Kind.SHARING_ENDED, data, "en") == "The victim withdrew consent"
    assert _detail(Kind.SHARING_ENDED, data, "cy") == "Tynnodd y dioddefwr ei ganiatâd yn ôl"
    typed = {"reason": "No longer needed", "organisation": "Newport Housing"}
    assert _detail(Kind.SHARING_ENDED, typed, "cy") == "No longer needed"


def test_the_justification_and_notes_are_the_detail():
    assert _detail(Kind.SHARING_OVERRIDE_REQUESTED, {"justification": "Children at risk", "items": []},
                   "cy") == "Children at risk"
    assert _detail(Kind.CONSENT_RECORDED, {"purpose": "satisfaction_survey", "decision": "given", "how": "verbal",
                                           "note": "Email only"}, "en") == "Email only"


def test_the_english_name_is_used_when_there_is_no_welsh_one():
    with translation.override("cy"):
        entry = describe(TimelineEvent(kind=Kind.SHARING_ENDED, data={"organisation": "Gwent Housing"}))
    assert entry.description == "Daeth y rhannu â Gwent Housing i ben."
