"""How the equality timeline event reads, in English and Welsh (checked by tests/web/test_timeline.py): that
answers were recorded, never what they are."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind

EXAMPLES: list = [
    (Kind.EQUALITY_RECORDED, {"how": "staff"},
     "The victim's answers to the equality monitoring questions were recorded.",
     "Cofnodwyd atebion y dioddefwr i'r cwestiynau monitro cydraddoldeb."),
    (Kind.EQUALITY_RECORDED, {"how": "portal"},
     "The victim answered the equality monitoring questions in the portal.",
     "Atebodd y dioddefwr y cwestiynau monitro cydraddoldeb yn y porth."),
]
