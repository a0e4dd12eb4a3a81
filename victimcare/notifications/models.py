"""The outbox: every message to a victim or a member of staff, written in the same transaction as the
event that causes it and sent afterwards by a background task (victimcare.notifications.tasks)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MessageChannel(models.TextChoices):
    EMAIL = "email", pgettext_lazy("message channel", "Email")
    SMS = "sms", pgettext_lazy("message channel", "Text message")
    LETTER = "letter", pgettext_lazy("message channel", "Letter")


class Message(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        # Not sent and not retried: no address, or only addresses the victim said not to use. Someone
        # must act (the timeline says so); nothing is sent to an unsafe address.
        HELD = "held", _("Held back")

    kind = models.CharField(max_length=40, help_text="Which message: its templates are notifications/messages/<kind>/.")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="messages")
    victim = models.ForeignKey("victims.Victim", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="messages")
    staff_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="messages")
    channel = models.CharField(max_length=10, choices=MessageChannel.choices)
    language = models.CharField(max_length=5, default="en")
    to = models.CharField(max_length=500, blank=True, help_text="Email address, phone number or postal address.")
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    held_reason = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The earliest it may go: later than created_at when queued in the victim's quiet hours.
    not_before = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_reference = models.CharField(max_length=200, blank=True)
    cause = models.ForeignKey("cases.TimelineEvent", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", help_text="The timeline event that caused the message.")
    key = models.CharField(  # NULL, not "", so only keyed rows must be unique
        max_length=150, null=True, blank=True, unique=True,
        help_text="Identifies what the message is for, so the same thing is never queued twice.",
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="message_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(victim__isnull=False) | Q(staff_user__isnull=False), name="message_has_a_recipient"
            ),
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False) | (~Q(status="sent") & Q(sent_at__isnull=True)),
                name="message_sent_at_iff_sent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.channel} ({self.status})"
