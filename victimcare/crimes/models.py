from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from victimcare.crimes.offences import CATEGORIES, OFFENCES, category_name, offence_name


class Crime(models.Model):
    """A crime or incident, where and when it happened. Victims attach to it through cases."""

    reference = models.CharField(_("crime reference"), max_length=30, unique=True)
    police_uk_id = models.CharField(
        _("data.police.uk crime ID"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    category = models.CharField(
        _("category"), max_length=30, choices=[(c.slug, c.police_uk_name) for c in CATEGORIES.values()]
    )
    offence = models.CharField(
        _("offence"), max_length=40, blank=True, choices=[(o.slug, o.name_en) for o in OFFENCES.values()]
    )
    is_domestic_abuse = models.BooleanField(_("domestic abuse"), default=False)
    is_hate_crime = models.BooleanField(_("hate crime"), default=False)
    is_honour_based = models.BooleanField(_("honour-based abuse"), default=False)
    month = models.DateField(_("month"), help_text=_("First day of the month the crime was recorded in."))
    occurred_at = models.DateTimeField(_("when it happened"), null=True, blank=True)
    reported_at = models.DateTimeField(_("when it was reported"), null=True, blank=True)
    location_description = models.CharField(_("location"), max_length=200, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    lsoa = models.ForeignKey("areas.Lsoa", on_delete=models.PROTECT, null=True, blank=True, related_name="crimes")
    ward = models.ForeignKey("areas.Ward", on_delete=models.PROTECT, null=True, blank=True, related_name="crimes")
    local_authority = models.ForeignKey(
        "areas.LocalAuthority", on_delete=models.PROTECT, null=True, blank=True, related_name="crimes"
    )
    last_outcome = models.CharField(_("last outcome"), max_length=200, blank=True)
    context = models.TextField(blank=True)

    class Meta:
        ordering = ["-month", "reference"]
        indexes = [models.Index(fields=["category", "month"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def category_name(self) -> str:
        return category_name(self.category, get_language() or "en")

    @property
    def offence_name(self) -> str:
        return offence_name(self.offence, get_language() or "en") if self.offence else ""
