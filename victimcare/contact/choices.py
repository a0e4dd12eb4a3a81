from django.db import models
from django.utils.translation import pgettext_lazy


# A message context keeps these labels apart from Django's own translations of common words.
class Channel(models.TextChoices):
    PHONE = "phone", pgettext_lazy("contact", "Phone")
    EMAIL = "email", pgettext_lazy("contact", "Email")
    SMS = "sms", pgettext_lazy("contact", "Text message")
    LETTER = "letter", pgettext_lazy("contact", "Letter")
    VISIT = "visit", pgettext_lazy("contact", "Visit")
    PORTAL = "portal", pgettext_lazy("contact", "Victim portal")


class FailedAttemptReason(models.TextChoices):
    NO_ANSWER = "no_answer", pgettext_lazy("contact", "No answer")
    WRONG_NUMBER = "wrong_number", pgettext_lazy("contact", "Wrong number")
    VOICEMAIL_NOT_SAFE = "voicemail_not_safe", pgettext_lazy("contact", "Voicemail, not safe to leave a message")
    BOUNCED = "bounced", pgettext_lazy("contact", "Message not delivered")
    NOT_AVAILABLE = "not_available", pgettext_lazy("contact", "Victim not available")
