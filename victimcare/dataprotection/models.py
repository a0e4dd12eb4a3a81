"""Data protection records (UK GDPR; the Data Protection Act 2018, Part 3 for law enforcement processing):
subject access requests and each export made for one, and the retention review of each closed case.

The personal data itself stays where it is; these record what the force did with it. A request's reference
and a review's rule are not personal data (they go into the access log's `why`, which can never be erased)."""

import calendar
import datetime as dt

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REFERENCE_FORMAT = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9/\-]{1,29}$",
    _("Enter the request's reference in letters, numbers, / and - only (up to 30), such as SAR/2025/0142"),
)


def one_month_after(day: dt.date) -> dt.date:
    """The statutory deadline for answering a subject access request: one calendar month after it was
    received, on the corresponding date, or the month's last day when there is none (the ICO's reading of
    UK GDPR Article 12(3))."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class SubjectAccessRequest(models.Model):
    victim = models.ForeignKey("victims.Victim", on_delete=models.PROTECT, related_name="subject_access_requests")
    reference = models.CharField(_("request reference"), max_length=30, unique=True, validators=[REFERENCE_FORMAT])
    received_on = models.DateField(_("date received"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def due_on(self) -> dt.date:
        return one_month_after(self.received_on)


class SubjectAccessExport(models.Model):
    """One download of everything held about the request's victim."""

    request = models.ForeignKey(SubjectAccessRequest, on_delete=models.PROTECT, related_name="exports")
    exported_at = models.DateTimeField(default=timezone.now)
    exported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cases = models.PositiveIntegerField(default=0)
    records = models.PositiveIntegerField(default=0)
    files = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-exported_at", "-id"]

    def __str__(self) -> str:
        return f"Export for request {self.request_id} at {self.exported_at:%Y-%m-%d %H:%M}"


class RetentionReviewQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=RetentionReview.Status.WAITING)


class RetentionReview(models.Model):
    """A closed case whose retention period has ended, waiting for the information rights officer: erase its
    personal data now, or keep it for longer (with a reason) until a new review date."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for review")
        KEPT = "kept", _("Kept for longer")
        ANONYMISED = "anonymised", _("Personal data erased")

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="retention_review")
    rule = models.CharField(_("retention rule"), max_length=30)
    review_on = models.DateField(_("review date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.WAITING)
    queued_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    reason = models.TextField(_("reason for keeping it"), blank=True)

    objects = RetentionReviewQuerySet.as_manager()

    class Meta:
        ordering = ["review_on", "id"]
        indexes = [models.Index(fields=["status", "review_on"])]

    def __str__(self) -> str:
        return f"Retention review of case {self.case_id}"
