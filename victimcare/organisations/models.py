"""Organisations that owe victims something, and the staff who work in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from victimcare.areas.models import BilingualNameMixin


class Organisation(BilingualNameMixin, models.Model):
    class Kind(models.TextChoices):
        FORCE = "force", _("Police force")
        UNIT = "unit", _("Police unit")
        VICTIM_SERVICE = "victim_service", _("Victim service")
        PARTNER_AGENCY = "partner_agency", _("Partner agency")
        WITNESS_CARE = "witness_care", _("Witness Care Unit")
        COMMISSIONER = "commissioner", _("Commissioner's office")
        NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("Neighbourhood policing team")
        PROBATION = "probation", _("Probation service")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("part of")
    )
    local_authority = models.ForeignKey(
        "areas.LocalAuthority", on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person's role in an organisation. A person may hold several."""

    class Role(models.TextChoices):
        CALL_HANDLER = "call_handler", _("Call handler")
        OFFICER = "officer", _("Officer")
        SUPERVISOR = "supervisor", _("Supervisor")
        ADMINISTRATOR = "administrator", _("Administrator")
        CASEWORKER = "caseworker", _("Victim services caseworker")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood team member")
        PARTNER = "partner", _("Partner agency user")
        WITNESS_CARE_OFFICER = "witness_care", _("Witness care officer")
        PROPERTY_OFFICER = "property_officer", _("Property officer")
        # Sees the Commissioner's figures (victimcare/monitoring), never a victim's personal details: every
        # other page answers 404 (victimcare/accounts/middleware.py). Held in the Commissioner's office.
        ANALYST = "analyst", _("Commissioner's analyst")
        # The force's information rights (data protection) officer: subject access requests, corrections and the
        # retention review queue (victimcare/dataprotection), for the victims of the force's units. Sees no case
        # page: like an administrator, they hold no role on a case.
        INFORMATION_RIGHTS = "information_rights", _("Information rights officer")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_membership_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} - {self.organisation}"

    def clean(self) -> None:
        if (self.role == self.Role.ANALYST and self.organisation_id is not None
                and self.organisation.kind != Organisation.Kind.COMMISSIONER):
            raise ValidationError({"organisation": _("A Commissioner's analyst works in the Commissioner's office.")})
