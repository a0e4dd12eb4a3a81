"""Areas by their real ONS codes: the five Gwent local authorities, their wards and 2021 LSOAs."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class BilingualNameMixin:
    name_en: str
    name_cy: str

    @property
    def name(self) -> str:
        if get_language() == "cy" and self.name_cy:
            return self.name_cy
        return self.name_en

    def __str__(self) -> str:
        return self.name


class LocalAuthority(BilingualNameMixin, models.Model):
    code = models.CharField(_("ONS code"), max_length=9, primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_cy = models.CharField(_("name (Welsh)"), max_length=100, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("local authority")
        verbose_name_plural = _("local authorities")


class Ward(BilingualNameMixin, models.Model):
    code = models.CharField(_("ONS code"), max_length=9, primary_key=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_cy = models.CharField(_("name (Welsh)"), max_length=100, blank=True)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="wards")
    boundary_year = models.PositiveSmallIntegerField(
        _("boundary set"), help_text=_("The ONS ward code set this code belongs to, e.g. 2022 or 2025.")
    )

    class Meta:
        ordering = ["name_en"]


class Lsoa(models.Model):
    code = models.CharField(_("ONS code"), max_length=9, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="lsoas")
    is_rural = models.BooleanField(
        _("rural"), default=False, help_text=_("Rural areas have the longer emergency response target.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("LSOA")
        verbose_name_plural = _("LSOAs")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Postcode(models.Model):
    """A postcode and the 2021 LSOA it lies in (from the ONS postcode directory)."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text=_("Upper case, one space."))
    lsoa = models.ForeignKey(Lsoa, on_delete=models.CASCADE, related_name="postcodes")
    ward = models.ForeignKey(Ward, on_delete=models.SET_NULL, null=True, blank=True, related_name="postcodes")

    def __str__(self) -> str:
        return self.postcode
