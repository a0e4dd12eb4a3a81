"""How the support app's timeline events read, in English and Welsh: (kind, data, English, Welsh).
tests/web/test_timeline.py checks every one and that every kind has one."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind
SERVICE = {"referral": 1, "service": "New Pathways", "service_cy": "Llwybrau Newydd"}

EXAMPLES: list = [
    (Kind.SERVICES_INFORMATION_GIVEN,
     {"services": ["Connect Gwent", "Victim Support (Gwent)"],
      "services_cy": ["Connect Gwent", "Cymorth i Ddioddefwyr (Gwent)"]},
     "The victim was given details of victims' services: Connect Gwent, Victim Support (Gwent).",
     "Rhoddwyd manylion gwasanaethau i ddioddefwyr i'r dioddefwr: Connect Gwent, Cymorth i Ddioddefwyr (Gwent)."),
    (Kind.SERVICES_INFORMATION_GIVEN, {"services": [], "services_cy": []},
     "The victim was given details of victims' services.",
     "Rhoddwyd manylion gwasanaethau i ddioddefwyr i'r dioddefwr."),
    (Kind.NEEDS_ASSESSED, {"assessment": 1, "needs": ["emotional", "domestic_abuse"], "notes": "Lives alone"},
     "The victim's support needs were assessed: emotional support, domestic abuse advocacy (IDVA).",
     "Aseswyd anghenion cymorth y dioddefwr: cymorth emosiynol, eiriolaeth cam-drin domestig (IDVA)."),
    (Kind.NEEDS_ASSESSED, {"assessment": 1, "needs": [], "notes": ""},
     "The victim's support needs were assessed: no support needed now.",
     "Aseswyd anghenion cymorth y dioddefwr: dim angen cymorth ar hyn o bryd."),
    (Kind.SUPPORT_CHOICE, {"consent": 1, "decision": "given", "how": "portal", "note": ""},
     "The victim chose to have support from victims' services (through the victim portal).",
     "Dewisodd y dioddefwr gael cymorth gan wasanaethau i ddioddefwyr (drwy borth y dioddefwr)."),
    (Kind.SUPPORT_CHOICE, {"consent": 1, "decision": "refused", "how": "verbal", "note": ""},
     "The victim declined support from victims' services (verbally).",
     "Gwrthododd y dioddefwr gymorth gan wasanaethau i ddioddefwyr (ar lafar)."),
    (Kind.SUPPORT_CHOICE, {"consent": 1, "decision": "withdrawn", "how": "written", "note": "Feels recovered"},
     "The victim opted out of support from victims' services (in writing).",
     "Dewisodd y dioddefwr beidio â chael cymorth gan wasanaethau i ddioddefwyr mwyach (yn ysgrifenedig)."),
    (Kind.REFERRAL_SENT, {**SERVICE, "needs": ["sexual_violence"]}, "A referral was sent to New Pathways.",
     "Anfonwyd atgyfeiriad at Llwybrau Newydd."),
    (Kind.REFERRAL_ACCEPTED, SERVICE, "New Pathways accepted the referral.",
     "Derbyniodd Llwybrau Newydd yr atgyfeiriad."),
    (Kind.REFERRAL_REJECTED, {**SERVICE, "rejection_reason": "Outside our area"},
     "New Pathways turned the referral down.", "Gwrthododd Llwybrau Newydd yr atgyfeiriad."),
    (Kind.REFERRAL_VICTIM_CONTACTED, SERVICE, "New Pathways contacted the victim.",
     "Cysylltodd Llwybrau Newydd â'r dioddefwr."),
    (Kind.SUPPORT_STARTED, SERVICE, "New Pathways is supporting the victim.",
     "Mae Llwybrau Newydd yn cefnogi'r dioddefwr."),
    (Kind.SUPPORT_CLOSED, {**SERVICE, "outcome": "Support complete"}, "New Pathways closed its support.",
     "Daeth Llwybrau Newydd â'i gymorth i ben."),
    (Kind.REFERRAL_DECLINED_BY_VICTIM, {**SERVICE, "reason": "The victim opted out of support"},
     "The victim declined the support of New Pathways.", "Gwrthododd y dioddefwr gymorth Llwybrau Newydd."),
]
