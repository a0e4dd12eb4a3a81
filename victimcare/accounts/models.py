from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff, or a records system that calls the API with a token."""

    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    is_system_account = models.BooleanField(
        _("system account"), default=False, help_text=_("An API client such as a police records system.")
    )
    # Raised to end every session of the user at once ("sign out everywhere", an administrator's reset of
    # two-factor): each session keeps a hash of it (below), and Django ends a session whose hash no longer matches.
    sessions_generation = models.PositiveIntegerField(_("sessions generation"), default=0, editable=False)

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def name(self) -> str:
        return str(self)

    def _get_session_auth_hash(self, secret=None):
        """Django's hash of the password (a new password ends other sessions), with the sessions generation."""
        return salted_hmac(
            "victimcare.accounts.User.session_auth_hash", f"{self.password}:{self.sessions_generation}",
            secret=secret, algorithm="sha256",
        ).hexdigest()


class TwoFactorReset(models.Model):
    """An administrator removed a user's two-factor devices (a lost phone): who, for whom, when and why.
    Written only by victimcare.accounts.two_factor.reset_two_factor; never changed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="two_factor_resets",
                             verbose_name=_("user"))
    reset_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("reset by"))
    reason = models.TextField(_("reason"))
    reset_at = models.DateTimeField(_("reset at"), default=timezone.now)

    class Meta:
        ordering = ["-reset_at", "-pk"]
        verbose_name = _("two-factor reset")

    def __str__(self) -> str:
        return f"{self.user} by {self.reset_by} at {self.reset_at:%Y-%m-%d %H:%M}"
