"""How the survey's timeline event reads, in English and Welsh (checked by tests/web/test_timeline.py)."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind

EXAMPLES: list = [
    (Kind.SURVEY_ANSWERED, {"how": "portal", "treatment": 1},
     "The victim answered the satisfaction survey in the portal.",
     "Atebodd y dioddefwr yr arolwg boddhad yn y porth."),
    (Kind.SURVEY_ANSWERED, {"how": "phone", "treatment": 2},
     "The victim answered the satisfaction survey by phone.",
     "Atebodd y dioddefwr yr arolwg boddhad dros y ffôn."),
]
