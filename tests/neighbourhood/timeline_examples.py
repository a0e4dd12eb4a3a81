"""How the neighbourhood app's timeline events read, in English and Welsh: (kind, data, English, Welsh).
tests/web/test_timeline.py checks every one and that every kind has one."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind
WEST = {"team": 7, "team_en": "Newport West neighbourhood team", "team_cy": "Tîm plismona bro Gorllewin Casnewydd"}

EXAMPLES: list = [
    (Kind.NEIGHBOURHOOD_NOTIFIED,
     {**WEST, "notice": 3, "ward": "W05001638", "ward_en": "Pillgwenlly", "ward_cy": "Pilgwenlli", "routed_by": "ward"},
     "Newport West neighbourhood team was told of the incident (ward: Pillgwenlly).",
     "Cafodd Tîm plismona bro Gorllewin Casnewydd wybod am y digwyddiad (ward: Pilgwenlli)."),
    (Kind.NEIGHBOURHOOD_NOTIFIED,
     {**WEST, "notice": 4, "ward": "", "ward_en": "", "ward_cy": "", "routed_by": "default"},
     "Newport West neighbourhood team was told of the incident.",
     "Cafodd Tîm plismona bro Gorllewin Casnewydd wybod am y digwyddiad."),
    (Kind.NEIGHBOURHOOD_NOTIFIED, {"team": 7},
     "The neighbourhood team was told of the incident.", "Cafodd y tîm plismona bro wybod am y digwyddiad."),
    (Kind.NEIGHBOURHOOD_ACKNOWLEDGED, {**WEST, "notice": 3, "on_time": True},
     "Newport West neighbourhood team acknowledged the incident.",
     "Cydnabu Tîm plismona bro Gorllewin Casnewydd y digwyddiad."),
    (Kind.NEIGHBOURHOOD_ACKNOWLEDGED, {**WEST, "notice": 3, "on_time": False},
     "Newport West neighbourhood team acknowledged the incident, after it was due.",
     "Cydnabu Tîm plismona bro Gorllewin Casnewydd y digwyddiad, ar ôl yr amser dyledus."),
    (Kind.LOCAL_ACTION_NOTED, {**WEST, "notice": 3, "local_action": 1, "text": "Extra patrols"},
     "Newport West neighbourhood team noted local action.",
     "Nododd Tîm plismona bro Gorllewin Casnewydd gamau lleol."),
]
