"""Every kind of timeline event is described in plain words, in English and in Welsh."""

import pytest
from django.utils import translation

from tests.court.timeline_examples import EXAMPLES as COURT_EXAMPLES
from tests.dataprotection.timeline_examples import EXAMPLES as DATA_PROTECTION_EXAMPLES
from tests.equality.timeline_examples import EXAMPLES as EQUALITY_EXAMPLES
from tests.multiagency.timeline_examples import EXAMPLES as MULTIAGENCY_EXAMPLES
from tests.neighbourhood.timeline_examples import EXAMPLES as NEIGHBOURHOOD_EXAMPLES
from tests.notifications.timeline_examples import EXAMPLES as NOTIFICATIONS_EXAMPLES
from tests.portal.timeline_examples import EXAMPLES as PORTAL_EXAMPLES
from tests.property.timeline_examples import EXAMPLES as PROPERTY_EXAMPLES
from tests.satisfaction.timeline_examples import EXAMPLES as SATISFACTION_EXAMPLES
from tests.sharing.timeline_examples import EXAMPLES as SHARING_EXAMPLES
from tests.support.timeline_examples import EXAMPLES as SUPPORT_EXAMPLES
from tests.uploads.timeline_examples import EXAMPLES as UPLOADS_EXAMPLES
from victimcare.cases.models import TimelineEvent
from victimcare.cases.timeline import OUTCOMES_CY, describe

Kind = TimelineEvent.Kind

EXAMPLES = [
    (Kind.REPORT_RECORDED, {"reference": "GW/2026/000123"},
     "The report was recorded with crime reference GW/2026/000123.",
     "Cofnodwyd yr adroddiad gyda'r cyfeirnod trosedd GW/2026/000123."),
    (Kind.ASSESSMENT_RECORDED, {"risk_level": "high"}, "The first-contact assessment was recorded. Risk: high.",
     "Cofnodwyd yr asesiad cyswllt cyntaf. Risg: uchel."),
    (Kind.ASSESSMENT_RECORDED, {}, "The first-contact assessment was recorded.",
     "Cofnodwyd yr asesiad cyswllt cyntaf."),
    (Kind.PROPOSAL_OVERRIDDEN, {"proposal": "response_grade", "proposed": "3", "chosen": "2", "reason": "Children"},
     "The proposed response grade was changed from 3 to 2.", "Newidiwyd y cynnig (gradd ymateb) o 3 i 2."),
    (Kind.ACKNOWLEDGEMENT_GIVEN, {"language": "cy"}, "A written acknowledgement was given to the victim.",
     "Rhoddwyd cydnabyddiaeth ysgrifenedig i'r dioddefwr."),
    (Kind.ACKNOWLEDGEMENT_GIVEN, {"language": "en", "message": 7, "by": "letter"},
     "A written acknowledgement was sent to the victim by letter.",
     "Anfonwyd cydnabyddiaeth ysgrifenedig at y dioddefwr drwy lythyr."),
    (Kind.OFFICER_DISPATCHED, {"officer_name": "Olwen Price"}, "Olwen Price was dispatched.", "Anfonwyd Olwen Price."),
    (Kind.ATTENDANCE_DECLINED, {}, "The victim chose not to have an officer attend.",
     "Dewisodd y dioddefwr beidio â chael swyddog yn dod."),
    (Kind.CONTACT_AGREED, {"channel": "phone", "every_days": 14},
     "Updates agreed with the victim: by phone, every 14 days.",
     "Diweddariadau wedi'u cytuno gyda'r dioddefwr: drwy ffôn, bob 14 diwrnod."),
    (Kind.CONTACT_AGREED, {"channel": "email", "every_days": None},
     "Updates agreed with the victim: by email, when something important happens.",
     "Diweddariadau wedi'u cytuno gyda'r dioddefwr: drwy e-bost, pan fydd rhywbeth pwysig yn digwydd."),
    (Kind.UPDATE_GIVEN, {"channel": "sms", "summary": "Enquiries continue"}, "The victim was updated by text message.",
     "Rhoddwyd diweddariad i'r dioddefwr drwy neges destun."),
    # "drwy" softens the word after it: llythyr -> lythyr, porth -> borth.
    (Kind.UPDATE_GIVEN, {"channel": "letter"}, "The victim was updated by letter.",
     "Rhoddwyd diweddariad i'r dioddefwr drwy lythyr."),
    (Kind.UPDATE_GIVEN, {"channel": "portal"}, "The victim was updated by victim portal.",
     "Rhoddwyd diweddariad i'r dioddefwr drwy borth dioddefwyr."),
    (Kind.UPDATE_ATTEMPT_FAILED, {"channel": "phone", "reason": "no_answer"},
     "An attempt to update the victim by phone failed: no answer.",
     "Methodd ymgais i roi diweddariad i'r dioddefwr drwy ffôn: dim ateb."),
    (Kind.COMMITMENT_REPLANNED, {"commitment_kind": "victim_update", "due_at": "2026-12-01T23:59:59+00:00"},
     "Commitment re-planned: Update the victim as agreed, now due by 1 December 2026, 23:59.",
     "Ymrwymiad wedi'i ail-gynllunio: Rhoi diweddariad i'r dioddefwr fel y cytunwyd, "
     "bellach erbyn 1 Rhagfyr 2026, 23:59."),
    (Kind.CASE_OPENED, {"unit": -1}, "The case was opened.", "Agorwyd yr achos."),
    (Kind.ENHANCED_RIGHTS_ASSESSED, {"eligible": True, "reasons": ["under_18", "vulnerable"]},
     "The victim is entitled to enhanced rights: Under 18, Vulnerable.",
     "Mae gan y dioddefwr hawl i hawliau uwch: O dan 18 oed, Agored i niwed."),
    (Kind.ENHANCED_RIGHTS_ASSESSED, {"eligible": False, "reasons": []},
     "The victim is not entitled to enhanced rights.", "Nid oes gan y dioddefwr hawl i hawliau uwch."),
    (Kind.OFFICER_ASSIGNED, {"officer": 1, "officer_name": "Olwen Price"},
     "Olwen Price was made the officer in charge.", "Penodwyd Olwen Price yn swyddog â gofal."),
    (Kind.RESPONSE_GRADED, {"grade": 1, "previous_grade": None, "rationale": "Weapon seen"},
     "The response was graded grade 1 (emergency).", "Graddiwyd yr ymateb: gradd 1 (argyfwng)."),
    (Kind.RESPONSE_GRADED, {"grade": 3, "previous_grade": 2, "rationale": ""},
     "The response was re-graded from grade 2 (priority) to grade 3 (scheduled).",
     "Ailraddiwyd yr ymateb: gradd 3 (wedi'i drefnu) yn lle gradd 2 (blaenoriaeth)."),
    (Kind.OFFICER_ATTENDED, {}, "An officer attended.", "Mynychodd swyddog."),
    (Kind.KEY_DECISION, {"decision": "bailed", "note": ""}, "Investigation decision: Suspect released on bail.",
     "Penderfyniad yn yr ymchwiliad: Rhywun a amheuir wedi'i ryddhau ar fechnïaeth."),
    (Kind.VICTIM_INFORMED, {"decision": "charged", "how": "letter"},
     "The victim was told about the decision (Suspect charged) by letter.",
     "Cafodd y dioddefwr wybod am y penderfyniad (Rhywun a amheuir wedi'i gyhuddo) drwy lythyr."),
    (Kind.VICTIM_INFORMED, {"decision": "charged", "how": ""},
     "The victim was told about the decision (Suspect charged).",
     "Cafodd y dioddefwr wybod am y penderfyniad (Rhywun a amheuir wedi'i gyhuddo)."),
    (Kind.REFERRAL_CONSENT, {}, "The victim agreed to be referred to a support service.",
     "Cytunodd y dioddefwr i gael ei atgyfeirio at wasanaeth cymorth."),
    (Kind.REFERRAL_SENT, {"service": "Connect Gwent"}, "A referral was sent to Connect Gwent.",
     "Anfonwyd atgyfeiriad at Connect Gwent."),
    (Kind.OUTCOME, {"outcome": "Local resolution"}, "data.police.uk outcome: Local resolution.",
     "Canlyniad data.police.uk: Datrysiad lleol."),
    (Kind.OUTCOME, {"category": "Formal action is not in the public interest"},
     "data.police.uk outcome: Formal action is not in the public interest.",
     "Canlyniad data.police.uk: Nid yw camau ffurfiol er budd y cyhoedd."),
    (Kind.COMMITMENT_OPENED, {"commitment_kind": "referral_to_support", "due_at": "2025-07-01T16:30:00+00:00"},
     "New commitment: Refer the victim to a support service, due by 1 July 2025, 17:30.",
     "Ymrwymiad newydd: Atgyfeirio'r dioddefwr at wasanaeth cymorth, erbyn 1 Gorffennaf 2025, 17:30."),
    (Kind.COMMITMENT_MET, {"commitment_kind": "response", "on_time": True},
     "Commitment met on time: Attend within the response target.",
     "Ymrwymiad wedi'i gyflawni mewn pryd: Mynychu o fewn y targed ymateb."),
    (Kind.COMMITMENT_MET, {"commitment_kind": "response", "on_time": False},
     "Commitment met late: Attend within the response target.",
     "Ymrwymiad wedi'i gyflawni'n hwyr: Mynychu o fewn y targed ymateb."),
    (Kind.COMMITMENT_OVERDUE, {"commitment_kind": "inform_decision"},
     "Commitment overdue: Tell the victim about an investigation decision.",
     "Ymrwymiad yn hwyr: Rhoi gwybod i'r dioddefwr am benderfyniad yn yr ymchwiliad."),
    (Kind.COMMITMENT_MISSED, {"commitment_kind": "inform_decision", "reason": "Case closed before it was met"},
     "Commitment missed: Tell the victim about an investigation decision.",
     "Ymrwymiad heb ei gyflawni: Rhoi gwybod i'r dioddefwr am benderfyniad yn yr ymchwiliad."),
    (Kind.COMMITMENT_WAIVED, {"commitment_kind": "response", "reason": "Re-graded to grade 3"},
     "Commitment waived: Attend within the response target.",
     "Ymrwymiad wedi'i hepgor: Mynychu o fewn y targed ymateb."),
    (Kind.CASE_CLOSED, {}, "The case was closed.", "Caewyd yr achos."),
    (Kind.CASE_CLOSED, {"outcome": "nfa_evidential"},
     "The case was closed. Outcome: No further action: evidential difficulties.",
     "Caewyd yr achos. Canlyniad: Dim camau pellach: anawsterau tystiolaethol."),
]

EXAMPLES += SUPPORT_EXAMPLES + NEIGHBOURHOOD_EXAMPLES + SHARING_EXAMPLES + MULTIAGENCY_EXAMPLES
EXAMPLES += COURT_EXAMPLES + PROPERTY_EXAMPLES
EXAMPLES += NOTIFICATIONS_EXAMPLES
EXAMPLES += PORTAL_EXAMPLES + SATISFACTION_EXAMPLES
EXAMPLES += EQUALITY_EXAMPLES
EXAMPLES += DATA_PROTECTION_EXAMPLES
EXAMPLES += UPLOADS_EXAMPLES


def event(kind, data) -> TimelineEvent:
    return TimelineEvent(kind=kind, data=data)


def test_every_kind_has_an_example():
    assert {kind for kind, *_rest in EXAMPLES} == set(Kind)


@pytest.mark.parametrize("kind, data, english, welsh", EXAMPLES, ids=[f"{e[0]}-{i}" for i, e in enumerate(EXAMPLES)])
def test_described_in_both_languages(kind, data, english, welsh):
    with translation.override("en"):
        assert describe(event(kind, data)).description == english
    with translation.override("cy"):
        assert describe(event(kind, data)).description == welsh


def test_free_text_the_system_wrote_is_translated_too():
    with translation.override("cy"):
        missed = describe(event(Kind.COMMITMENT_MISSED, {"commitment_kind": "response",
                                                         "reason": "Case closed before it was met"}))
        waived = describe(event(Kind.COMMITMENT_WAIVED, {"commitment_kind": "response",
                                                         "reason": "Re-graded to grade 3"}))
        typed = describe(event(Kind.COMMITMENT_WAIVED, {"commitment_kind": "response",
                                                        "reason": "Victim moved away"}))
    assert missed.detail == "Caewyd yr achos cyn i'r ymrwymiad gael ei gyflawni"
    assert waived.detail == "Wedi'i ailraddio i radd 3"
    assert typed.detail == "Victim moved away", "what a person typed is shown as typed"
    with translation.override("cy"):
        declined = describe(event(Kind.COMMITMENT_WAIVED, {"commitment_kind": "response",
                                                           "reason": "The victim chose not to have an officer attend"}))
    assert declined.detail == "Dewisodd y dioddefwr beidio â chael swyddog yn dod"


def test_a_decision_shows_what_to_tell_the_victim():
    with translation.override("cy"):
        entry = describe(event(Kind.KEY_DECISION, {"decision": "charged", "note": "At Newport station",
                                                   "tell_victim": "He was charged"}))
    assert entry.detail == "At Newport station\nI'w ddweud wrth y dioddefwr: He was charged"


def test_titles_bylines_and_notes():
    with translation.override("cy"):
        entry = describe(event(Kind.KEY_DECISION, {"decision": "charged", "note": "At Newport station"}))
        outcome = describe(event(Kind.OUTCOME, {"outcome": "Under investigation"}))
    assert entry.title == "Penderfyniad yn yr ymchwiliad"
    assert entry.detail == "At Newport station"
    assert entry.by == "Gofal Dioddefwyr"
    assert outcome.by == "data.police.uk"
    assert outcome.description == "Canlyniad data.police.uk: Yn destun ymchwiliad."


@pytest.mark.parametrize("outcome", [
    "Investigation complete; no suspect identified", "Unable to prosecute suspect", "Under investigation",
    "Local resolution", "Offender given a caution", "Court result unavailable", "Awaiting court outcome",
    "Formal action is not in the public interest", "Further investigation is not in the public interest",
    "Further action is not in the public interest", "Action to be taken by another organisation",
    "Suspect charged", "Suspect charged as part of another case", "Status update unavailable",
])
def test_every_outcome_in_the_gwent_files_has_welsh(outcome):
    assert OUTCOMES_CY[outcome] and OUTCOMES_CY[outcome] != outcome


def test_unknown_values_are_shown_not_dropped():
    with translation.override("cy"):
        assert "Something new" in describe(event(Kind.OUTCOME, {"outcome": "Something new"})).description
        assert "mystery" in describe(event(Kind.KEY_DECISION, {"decision": "mystery"})).description
