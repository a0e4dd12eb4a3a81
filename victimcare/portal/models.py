"""Signing in to the victim portal: one-time codes (kept only as a keyed hash) and the attempts that
lock a crime reference or an address out for a while after repeated failures."""

from django.db import models
from django.utils import timezone


class PortalCode(models.Model):
    """A six-digit code sent to the victim by their agreed channel. Single use, short-lived, and dead
    after too many wrong guesses.

    A code with no case is a decoy: the details matched no case, or there was nowhere safe to send a code, or
    too many went lately. Nothing was sent and it never works, but the code page behaves exactly as for a
    real one, so nothing tells the person signing in whether the details matched."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    # The crime reference asked about (a keyed hash): wrong codes count towards its lockout, and the codes
    # sent for it are limited (settings.PORTAL_CODE_LIMITS).
    reference_hash = models.CharField(max_length=64, blank=True)
    code_hash = models.CharField(max_length=128)
    salt = models.CharField(max_length=32)
    channel = models.CharField(max_length=10)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    wrong_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["case", "-created_at"]), models.Index(fields=["reference_hash", "-created_at"])]

    def __str__(self) -> str:
        return f"Portal code {self.pk} for case {self.case_id}" if self.case_id else f"Portal decoy code {self.pk}"


class SignInAttempt(models.Model):
    """One try at signing in: details looked up, or a code entered. Failures within a window lock the
    crime reference (kept as a keyed hash) and the address out for a while."""

    class Stage(models.TextChoices):
        DETAILS = "details", "Details"
        CODE = "code", "Code"

    at = models.DateTimeField(default=timezone.now)
    stage = models.CharField(max_length=10, choices=Stage.choices)
    reference_hash = models.CharField(max_length=64)
    ip = models.GenericIPAddressField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["reference_hash", "-at"]), models.Index(fields=["ip", "-at"])]

    def __str__(self) -> str:
        return f"{self.stage} {'ok' if self.succeeded else 'failed'} at {self.at:%Y-%m-%d %H:%M}"
