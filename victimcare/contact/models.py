"""How and when a victim is kept updated (charter standard 4), and every update given or attempted.

An agreement is never changed in place: each change is a new version and the one before it is marked
superseded, so the case keeps a record of what was agreed when."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from victimcare.contact.choices import Channel, FailedAttemptReason, Language


class ContactAgreementQuerySet(models.QuerySet):
    def current(self):
        return self.filter(superseded_at__isnull=True)


class ContactAgreement(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="contact_agreements")
    version = models.PositiveSmallIntegerField()
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    every_days = models.PositiveSmallIntegerField(
        _("days between updates"), null=True, blank=True, help_text="Empty: only when something important happens."
    )
    preferred_times = models.CharField(_("best times to contact"), max_length=200, blank=True)
    times_not_to_contact = models.CharField(_("times not to contact"), max_length=200, blank=True)
    details_not_to_use = models.TextField(_("contact details not to use"), blank=True)
    quiet_from = models.TimeField(_("no messages from"), null=True, blank=True)
    quiet_until = models.TimeField(_("no messages until"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, default=Language.ENGLISH)
    other_language = models.CharField(_("other language"), max_length=100, blank=True)
    interpreter_needed = models.BooleanField(_("interpreter needed"), default=False)
    nominated_name = models.CharField(_("nominated person"), max_length=200, blank=True)
    nominated_relationship = models.CharField(_("relationship to the victim"), max_length=100, blank=True)
    nominated_contact = models.CharField(_("nominated person's contact details"), max_length=300, blank=True)
    agreed_at = models.DateTimeField(_("agreed"))
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    superseded_at = models.DateTimeField(null=True, blank=True)
    event = models.OneToOneField(
        "cases.TimelineEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="contact_agreement"
    )

    objects = ContactAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["case", "version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="one_contact_agreement_version_per_case"),
            models.UniqueConstraint(
                fields=["case"], condition=Q(superseded_at__isnull=True), name="one_current_contact_agreement"
            ),
            models.CheckConstraint(condition=Q(every_days__isnull=True) | Q(every_days__gt=0),
                                   name="contact_agreement_every_days_positive"),
        ]

    def __str__(self) -> str:
        return f"Contact agreement {self.version} on case {self.case_id}"

    @property
    def language_name(self) -> str:
        if self.language == Language.OTHER and self.other_language:
            return self.other_language
        return str(self.get_language_display())


class VictimUpdate(models.Model):
    """An update given to the victim, or an attempt that failed (which meets nothing)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="victim_updates",
                             db_index=False)  # the (case, -given_at) index below begins with it
    agreement = models.ForeignKey(
        ContactAgreement, on_delete=models.PROTECT, null=True, blank=True, related_name="updates"
    )
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, blank=True)
    other_language = models.CharField(_("other language"), max_length=100, blank=True)
    summary = models.TextField(_("what was said"), blank=True)
    given_at = models.DateTimeField(_("when"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    succeeded = models.BooleanField(default=True)
    failure_reason = models.CharField(_("why it failed"), max_length=20, choices=FailedAttemptReason.choices,
                                      blank=True)
    note = models.TextField(_("note"), blank=True)
    outside_agreement = models.BooleanField(
        default=False, help_text="Given by a channel other than the one agreed with the victim."
    )
    event = models.OneToOneField(
        "cases.TimelineEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="victim_update"
    )

    class Meta:
        ordering = ["-given_at", "-id"]
        indexes = [models.Index(fields=["case", "-given_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(succeeded=True) | ~Q(failure_reason=""),
                                   name="failed_update_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{'Update' if self.succeeded else 'Failed attempt'} on case {self.case_id} at {self.given_at}"
