"""How the portal's timeline events read for staff, in English and Welsh: (kind, data, English, Welsh).
tests/web/test_timeline.py checks every one and that every kind has one."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind

EXAMPLES: list = [
    (Kind.VICTIM_MESSAGE, {"text": "Any news?"}, "The victim sent a message through the portal.",
     "Anfonodd y dioddefwr neges drwy'r porth."),
    (Kind.VICTIM_MESSAGE_ANSWERED, {"message": 1, "reply": "Not yet."}, "The victim's message was answered.",
     "Atebwyd neges y dioddefwr."),
    (Kind.COMPLAINT_MADE, {"text": "Nobody called."}, "The victim made a complaint through the portal.",
     "Gwnaeth y dioddefwr gŵyn drwy'r porth."),
    (Kind.COMPLAINT_ACKNOWLEDGED, {"complaint": 1, "note": ""}, "The victim's complaint was acknowledged.",
     "Cydnabuwyd cwyn y dioddefwr."),
]
