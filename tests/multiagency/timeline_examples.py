"""How the multiagency app's timeline events read, in English and Welsh: (kind, data, English, Welsh).
tests/web/test_timeline.py checks every one and that every kind has one."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind

EXAMPLES: list = [
    (Kind.MULTI_AGENCY_FLAGGED, {"referral": 1, "reasons": ["high_risk_dash", "honour_based"], "is_repeat": False,
                                 "note": ""},
     "Flagged for a multi-agency meeting: high risk on the DASH checklist; honour-based abuse.",
     "Wedi'i faneru ar gyfer cyfarfod amlasiantaethol: risg uchel ar restr wirio DASH; cam-drin ar sail anrhydedd."),
    (Kind.MULTI_AGENCY_FLAGGED, {"referral": 2, "reasons": ["potential_escalation"], "is_repeat": True, "note": ""},
     "Flagged for a multi-agency meeting as a repeat referral: potential escalation: repeated domestic abuse.",
     "Wedi'i faneru ar gyfer cyfarfod amlasiantaethol fel atgyfeiriad ailadroddus: gwaethygu posibl: cam-drin "
     "domestig dro ar ôl tro."),
    (Kind.MULTI_AGENCY_FLAGGED, {"referral": 3, "withdrawn": True, "reason": "Flagged in error"},
     "The flag for a multi-agency meeting was withdrawn.",
     "Tynnwyd y faner ar gyfer cyfarfod amlasiantaethol yn ôl."),
    (Kind.MULTI_AGENCY_LISTED, {"referral": 1, "meeting": 4, "agenda_item": 5, "title": "Newport MARAC",
                                "held_at": "2026-12-03T10:00:00+00:00", "basis": "consent", "is_repeat": False},
     "Put on the agenda of the multi-agency meeting Newport MARAC on 3 December 2026, 10:00, with the victim's "
     "consent to share information.",
     "Rhoddwyd ar agenda'r cyfarfod amlasiantaethol Newport MARAC ar 3 Rhagfyr 2026, 10:00, gyda chaniatâd y "
     "dioddefwr i rannu gwybodaeth."),
    (Kind.MULTI_AGENCY_LISTED, {"referral": 1, "meeting": 4, "agenda_item": 5, "title": "Newport MARAC",
                                "held_at": "2026-07-01T09:30:00+00:00", "basis": "safeguarding", "is_repeat": True},
     "Put on the agenda of the multi-agency meeting Newport MARAC on 1 July 2026, 10:30. Information is shared "
     "without consent, on safeguarding grounds, once a supervisor approves.",
     "Rhoddwyd ar agenda'r cyfarfod amlasiantaethol Newport MARAC ar 1 Gorffennaf 2026, 10:30. Caiff gwybodaeth ei "
     "rhannu heb ganiatâd, ar sail diogelu, pan fydd goruchwyliwr yn cymeradwyo."),
    (Kind.MULTI_AGENCY_ACTION_AGREED, {"agenda_item": 5, "meeting": 4, "owner": 9, "owner_name": "Newport Housing",
                                       "owner_name_cy": "Tai Casnewydd", "description": "Change the locks",
                                       "due_on": "2026-12-24"},
     "Multi-agency action agreed for Newport Housing, due by the end of 24 December 2026.",
     "Cytunwyd ar gam gweithredu amlasiantaethol ar gyfer Tai Casnewydd, erbyn diwedd 24 Rhagfyr 2026."),
    (Kind.MULTI_AGENCY_ACTION_ENDED, {"action": 7, "outcome": "done", "owner_name": "Newport Housing",
                                      "owner_name_cy": "Tai Casnewydd", "description": "Change the locks",
                                      "reason": ""},
     "Newport Housing completed a multi-agency action.",
     "Cwblhaodd Tai Casnewydd gam gweithredu amlasiantaethol."),
    (Kind.MULTI_AGENCY_ACTION_ENDED, {"action": 8, "outcome": "cancelled", "owner_name": "Newport CID",
                                      "owner_name_cy": "", "description": "Arrest", "reason": "Already charged"},
     "A multi-agency action for Newport CID was cancelled.",
     "Canslwyd cam gweithredu amlasiantaethol ar gyfer Newport CID."),
]
