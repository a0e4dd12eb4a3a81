"""Victims' services (charter standard 5): the directory of services, the victim's support needs, and
referrals to a service with the victim's consent, through their life at the service."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from victimcare.areas.models import BilingualNameMixin


class SupportNeed(models.TextChoices):
    EMOTIONAL = "emotional", _("Emotional support")
    PRACTICAL = "practical", _("Practical help")
    SAFETY = "safety", _("Safety and security planning")
    DOMESTIC_ABUSE = "domestic_abuse", _("Domestic abuse advocacy (IDVA)")
    SEXUAL_VIOLENCE = "sexual_violence", _("Sexual violence support (ISVA)")
    CHILDREN = "children", _("Children and young people")
    OLDER_PEOPLE = "older_people", _("Older people")
    HATE_CRIME = "hate_crime", _("Hate crime support")
    COURT = "court", _("Court and witness support")
    FINANCIAL = "financial", _("Financial help")
    HOUSING = "housing", _("Housing")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    SUBSTANCE_MISUSE = "substance_misuse", _("Substance misuse")
    BEREAVEMENT = "bereavement", _("Bereavement by crime")


def need_labels(needs) -> list[str]:
    """The names of `needs` (SupportNeed values) in the current language."""
    labels = dict(SupportNeed.choices)
    return [str(labels[need]) for need in needs or () if need in labels]


# A service that helps only with these is for victims of that kind of crime, not for everyone.
SPECIALIST_NEEDS = frozenset({SupportNeed.DOMESTIC_ABUSE, SupportNeed.SEXUAL_VIOLENCE, SupportNeed.HATE_CRIME})


class SupportServiceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class SupportService(BilingualNameMixin, models.Model):
    """A service in the directory. Only a service with an organisation receives referrals here; its
    caseworkers (or the hub's) work them."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200)
    summary_en = models.TextField(_("what they help with (English)"))
    summary_cy = models.TextField(_("what they help with (Welsh)"))
    needs = models.JSONField(_("needs they help with"), default=list, blank=True, help_text="SupportNeed values.")
    crime_categories = models.JSONField(
        _("crime categories"), default=list, blank=True, help_text="data.police.uk category slugs; empty for any."
    )
    min_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    local_authorities = models.ManyToManyField(
        "areas.LocalAuthority", blank=True, related_name="support_services", verbose_name=_("areas"),
        help_text=_("None chosen: all of Gwent."),
    )
    languages = models.JSONField(
        _("languages"), default=list, blank=True,
        help_text="Language codes (en, cy) or names of other languages the service works in.",
    )
    opening_hours_en = models.CharField(_("opening hours (English)"), max_length=200, blank=True)
    opening_hours_cy = models.CharField(_("opening hours (Welsh)"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True,
        related_name="support_service", limit_choices_to={"kind": "victim_service"},
        verbose_name=_("organisation receiving referrals"),
    )

    objects = SupportServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name

    @property
    def summary(self) -> str:
        return self.summary_cy if get_language() == "cy" and self.summary_cy else self.summary_en

    @property
    def opening_hours(self) -> str:
        return self.opening_hours_cy if get_language() == "cy" and self.opening_hours_cy else self.opening_hours_en

    @property
    def takes_referrals(self) -> bool:
        return self.organisation_id is not None and self.is_active

    def need_labels(self) -> list[str]:
        return need_labels(self.needs)


class NeedsAssessment(models.Model):
    """What support the victim needs (Victims' Code right 4). The latest one is the current one."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="needs_assessments")
    needs = models.JSONField(_("needs"), default=list, blank=True, help_text="SupportNeed values.")
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"Needs of case {self.case_id} at {self.at:%Y-%m-%d %H:%M}"

    def need_labels(self) -> list[str]:
        return need_labels(self.needs)


class ReferralQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Referral.ACTIVE)

    def for_caseworker_organisations(self, organisation_ids):
        """Referrals to a service of these organisations, or to a member service of a hub among them."""
        return self.filter(Q(service__organisation_id__in=organisation_ids)
                           | Q(service__organisation__parent_id__in=organisation_ids))


class Referral(models.Model):
    """A referral of a case to a service, sent by the police with the victim's consent."""

    class Status(models.TextChoices):
        SENT = "sent", pgettext_lazy("referral status", "Sent")
        ACCEPTED = "accepted", pgettext_lazy("referral status", "Accepted")
        VICTIM_CONTACTED = "victim_contacted", pgettext_lazy("referral status", "Victim contacted")
        IN_PROGRESS = "in_progress", pgettext_lazy("referral status", "Support in progress")
        CLOSED = "closed", pgettext_lazy("referral status", "Closed")
        DECLINED_BY_VICTIM = "declined_by_victim", pgettext_lazy("referral status", "Declined by the victim")
        REJECTED = "rejected", pgettext_lazy("referral status", "Turned down by the service")

    ACTIVE = (Status.SENT, Status.ACCEPTED, Status.VICTIM_CONTACTED, Status.IN_PROGRESS)

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(SupportService, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SENT)
    needs = models.JSONField(_("needs"), default=list, blank=True)
    note = models.TextField(_("note for the service"), blank=True)
    consent = models.ForeignKey("sharing.ConsentRecord", on_delete=models.PROTECT, related_name="+")
    disclosure = models.ForeignKey(
        "sharing.Disclosure", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    rejection_reason = models.TextField(_("why the service turned it down"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [models.Index(fields=["service", "status"]), models.Index(fields=["case", "status"])]

    def __str__(self) -> str:
        return f"Referral {self.pk} of case {self.case_id} to {self.service_id} ({self.status})"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE

    @property
    def tag_class(self) -> str:
        return STATUS_TAGS.get(self.status, "")

    def need_labels(self) -> list[str]:
        return need_labels(self.needs)


STATUS_TAGS = {
    Referral.Status.SENT: "govuk-tag--blue",
    Referral.Status.ACCEPTED: "govuk-tag--turquoise",
    Referral.Status.VICTIM_CONTACTED: "govuk-tag--purple",
    Referral.Status.IN_PROGRESS: "govuk-tag--green",
    Referral.Status.CLOSED: "govuk-tag--grey",
    Referral.Status.DECLINED_BY_VICTIM: "govuk-tag--orange",
    Referral.Status.REJECTED: "govuk-tag--red",
}
