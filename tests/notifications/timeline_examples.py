"""How the outbox's timeline events read, in English and Welsh: (kind, data, English, Welsh).
tests/web/test_timeline.py checks every one."""

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind

EXAMPLES: list = [
    (Kind.MESSAGE_SENT, {"message": 1, "message_kind": "staff_reminder", "channel": "email", "to_staff": True},
     "A message to staff (reminder of an overdue commitment) was sent by email.",
     "Anfonwyd neges at staff (nodyn atgoffa am ymrwymiad sy'n hwyr) drwy e-bost."),
    (Kind.MESSAGE_SENT, {"message": 2, "message_kind": "staff_reminder", "channel": "sms", "to_staff": False},
     "A message to the victim (reminder of an overdue commitment) was sent by text message.",
     "Anfonwyd neges at y dioddefwr (nodyn atgoffa am ymrwymiad sy'n hwyr) drwy neges destun."),
    (Kind.MESSAGE_NOT_SENT, {"message": 3, "message_kind": "staff_reminder", "channel": "letter", "to_staff": False,
                             "error": "HTTPError: 500", "next_attempt_at": "2026-03-02T10:01:00+00:00"},
     "A message to the victim (reminder of an overdue commitment) by letter could not be sent; it will be tried "
     "again from 2 March 2026, 10:01.",
     "Nid oedd modd anfon neges at y dioddefwr (nodyn atgoffa am ymrwymiad sy'n hwyr) drwy lythyr; bydd yn cael ei "
     "hanfon eto o 2 Mawrth 2026, 10:01."),
    (Kind.MESSAGE_NOT_SENT, {"message": 4, "message_kind": "staff_reminder", "channel": "email", "to_staff": True,
                             "error": "SMTP down", "next_attempt_at": "2026-03-02T10:01:00+00:00"},
     "A message to staff (reminder of an overdue commitment) by email could not be sent; it will be tried again "
     "from 2 March 2026, 10:01.",
     "Nid oedd modd anfon neges at staff (nodyn atgoffa am ymrwymiad sy'n hwyr) drwy e-bost; bydd yn cael ei "
     "hanfon eto o 2 Mawrth 2026, 10:01."),
    (Kind.MESSAGE_HELD, {"message": 5, "message_kind": "staff_reminder", "channel": "email", "to_staff": False,
                         "reason": "The victim asked for this address not to be used"},
     "A message to the victim (reminder of an overdue commitment) by email was held back: The victim asked for "
     "this address not to be used. Contact the victim another way, or correct their details.",
     "Cafodd neges at y dioddefwr (nodyn atgoffa am ymrwymiad sy'n hwyr) drwy e-bost ei dal yn ôl: Gofynnodd y "
     "dioddefwr i'r cyfeiriad hwn beidio â chael ei ddefnyddio. Cysylltwch â'r dioddefwr mewn ffordd arall, neu "
     "cywirwch eu manylion."),
    (Kind.MESSAGE_HELD, {"message": 6, "message_kind": "staff_reminder", "channel": "email", "to_staff": True,
                         "reason": "No address for this channel"},
     "A message to staff (reminder of an overdue commitment) by email was held back: No address for this channel.",
     "Cafodd neges at staff (nodyn atgoffa am ymrwymiad sy'n hwyr) drwy e-bost ei dal yn ôl: Dim cyfeiriad ar "
     "gyfer y sianel hon."),
]
