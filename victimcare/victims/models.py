from django.db import models
from django.utils.translation import gettext_lazy as _


def phone_digits(phone: str) -> str:
    """Digits only, with a UK number's +44 (or +44 (0)) written as its leading 0: "+44 7700 900123",
    "+44 (0)7700 900123" and "07700 900123" are the same number."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if digits.startswith("44") and len(digits) > 10:
        national = digits[2:]
        return national if national.startswith("0") else "0" + national
    return digits


class Victim(models.Model):
    """A person who is the victim in one or more cases."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        WELSH = "cy", _("Welsh")
        OTHER = "other", _("Another language")

    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    # The phone number as digits only, a UK number always from its 0 (see phone_digits): what searches
    # compare, through an index, however the number was typed.
    phone_digits = models.CharField(max_length=30, blank=True, editable=False, db_index=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.ENGLISH
    )
    other_language = models.CharField(_("other language"), max_length=100, blank=True)
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    communication_needs = models.TextField(_("communication needs"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the victim's personal data was erased at the end of retention (victimcare.dataprotection): the
    # record stays, as the anonymous skeleton of their cases, with the groups the Commissioner's fairness
    # figures counted them in (victimcare.equality.groups.groups_for reads them instead of the erased answers).
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    retained_groups = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["family_name", "given_name"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        self.phone_digits = phone_digits(self.phone)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "phone" in update_fields:
            kwargs["update_fields"] = {*update_fields, "phone_digits"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    def age_on(self, day) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
