from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A member of staff, or a records system that calls the API with a token."""

    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    is_system_account = models.BooleanField(
        _("system account"), default=False, help_text=_("An API client such as a police records system.")
    )

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def name(self) -> str:
        return str(self)
