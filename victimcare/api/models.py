"""API tokens: each issued to one system (a police records system, a victims' service's case system), acting as
a system account whose memberships decide which cases it sees, limited to the scopes it was given, and
revocable. Only a hash of the secret is kept; the token is shown once, when issued.

A token reads `vc_<prefix>_<secret>`: the prefix (not secret) finds the row, the secret's SHA-256 is compared in
constant time. Failed tries are counted per address in the database (TokenFailure), so every web server behind
the proxy sees the same count (victimcare/api/authentication.py)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    """What a token may do, one scope per kind of endpoint (each API view names the scope it needs)."""

    READ_CASES = "cases:read", _("Read crimes, cases, commitments and timelines")
    RECORD_DECISIONS = "decisions:write", _("Record investigation decisions")
    READ_SHARED_CASES = "shared-cases:read", _("Read cases shared with the organisation")


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    system = models.CharField(_("system"), max_length=100, help_text=_("The system that uses the token."))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens",
                             verbose_name=_("system account"))
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", editable=False)
    revoke_reason = models.CharField(_("why it was revoked"), max_length=500, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.system} ({self.prefix})"

    def is_live(self, at=None) -> bool:
        at = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > at)

    @property
    def state(self) -> str:
        """live, revoked or expired (now)."""
        if self.revoked_at is not None:
            return "revoked"
        return "live" if self.is_live() else "expired"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        return [Scope(scope).label for scope in Scope.values if scope in self.scopes]


class TokenFailure(models.Model):
    """A request with a token that was unknown, malformed or wrong, from one address. Enough of these in a
    while lock the address out of token authentication for a while (settings.API_TOKEN_LOCKOUT)."""

    at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["ip", "-at"])]

    def __str__(self) -> str:
        return f"Token failure from {self.ip} at {self.at:%Y-%m-%d %H:%M}"
