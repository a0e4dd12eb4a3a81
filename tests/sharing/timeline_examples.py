"""How the sharing app's timeline events read, in English and Welsh: (kind, data, English, Welsh).
tests/web/test_timeline.py checks every one and that every kind has one."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind
NCS = {"organisation": "Newport Community Safety", "organisation_cy": "Diogelwch Cymunedol Casnewydd"}

EXAMPLES: list = [
    (Kind.CONSENT_RECORDED, {"purpose": "share_with_organisation", "decision": "given", "how": "verbal", **NCS},
     "The victim consented to sharing information with Newport Community Safety (verbally).",
     "Rhoddodd y dioddefwr ganiatâd i rannu gwybodaeth â Diogelwch Cymunedol Casnewydd (ar lafar)."),
    (Kind.CONSENT_RECORDED, {"purpose": "share_with_organisation", "decision": "withdrawn", "how": "written",
                             **NCS},
     "The victim withdrew consent to sharing information with Newport Community Safety (in writing).",
     "Tynnodd y dioddefwr ei ganiatâd i rannu gwybodaeth â Diogelwch Cymunedol Casnewydd yn ôl (yn ysgrifenedig)."),
    (Kind.CONSENT_RECORDED, {"purpose": "share_with_kind", "decision": "refused", "how": "portal",
                             "organisation_kind": "partner_agency"},
     "The victim refused consent to sharing information with organisations of one kind (partner agency) "
     "(through the victim portal).",
     "Gwrthododd y dioddefwr roi caniatâd i rannu gwybodaeth â sefydliadau o un math (asiantaeth bartner) "
     "(drwy borth y dioddefwr)."),
    (Kind.CONSENT_RECORDED, {"purpose": "multi_agency_meeting", "decision": "given", "how": "verbal"},
     "The victim consented to discussion of the case at a multi-agency meeting (verbally).",
     "Rhoddodd y dioddefwr ganiatâd i drafod yr achos mewn cyfarfod amlasiantaethol (ar lafar)."),
    (Kind.CONSENT_RECORDED, {"purpose": "support_referral", "decision": "given", "how": "verbal",
                             "organisation": "New Pathways", "organisation_cy": "Llwybrau Newydd"},
     "The victim consented to referral to New Pathways (verbally).",
     "Rhoddodd y dioddefwr ganiatâd i atgyfeiriad at Llwybrau Newydd (ar lafar)."),
    (Kind.CONSENT_RECORDED, {"purpose": "satisfaction_survey", "decision": "refused", "how": "verbal"},
     "The victim refused consent to contact for the satisfaction survey (verbally).",
     "Gwrthododd y dioddefwr roi caniatâd i gysylltu ar gyfer yr arolwg boddhad (ar lafar)."),
    (Kind.INFORMATION_SHARED, {"items": ["incident_summary", "victim_name"], "lawful_basis": "consent", **NCS},
     "Information was shared with Newport Community Safety on the victim's consent: incident summary, "
     "victim's name and date of birth.",
     "Rhannwyd gwybodaeth â Diogelwch Cymunedol Casnewydd gyda chaniatâd y dioddefwr: crynodeb o'r digwyddiad, "
     "enw a dyddiad geni'r dioddefwr."),
    (Kind.SHARING_OVERRIDE_REQUESTED, {"items": ["risk_assessment"], "lawful_basis": "safeguarding",
                                       "justification": "Children at risk", **NCS},
     "A safeguarding override was requested, to share with Newport Community Safety without consent: "
     "risk assessment.",
     "Gofynnwyd am ddiystyru ar sail diogelu, i rannu â Diogelwch Cymunedol Casnewydd heb ganiatâd: asesiad risg."),
    (Kind.SHARING_OVERRIDE_DECIDED, {"items": ["risk_assessment", "needs"], "approved": True, **NCS},
     "The safeguarding override was approved: risk assessment, support needs shared with Newport Community "
     "Safety.",
     "Cymeradwywyd y diystyru ar sail diogelu: rhannwyd asesiad risg, anghenion cymorth â Diogelwch Cymunedol "
     "Casnewydd."),
    (Kind.SHARING_OVERRIDE_DECIDED, {"items": ["risk_assessment"], "approved": False, **NCS},
     "The safeguarding override to share with Newport Community Safety was refused.",
     "Gwrthodwyd y cais i ddiystyru ar sail diogelu er mwyn rhannu â Diogelwch Cymunedol Casnewydd."),
    (Kind.SHARING_ENDED, {"reason": "The victim withdrew consent", "organisation": "Newport Housing",
                          "organisation_cy": "Tai Casnewydd"},
     "Sharing with Newport Housing ended.", "Daeth y rhannu â Tai Casnewydd i ben."),
]
