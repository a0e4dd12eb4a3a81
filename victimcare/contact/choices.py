from django.db import models
from django.utils.translation import gettext_noop, pgettext_lazy


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


class Language(models.TextChoices):
    ENGLISH = "en", pgettext_lazy("contact language", "English")
    WELSH = "cy", pgettext_lazy("contact language", "Welsh")
    OTHER = "other", pgettext_lazy("contact language", "Another language")


# Why an open update commitment is waived when the victim switches to updates on key events only.
# Stored in English on the commitment; cases/timeline.py SYSTEM_REASONS shows it in the reader's language.
KEY_EVENTS_ONLY_REASON = gettext_noop("The victim now wants updates only when something important happens")
