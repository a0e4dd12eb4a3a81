from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from victimcare.charter.rules import CommitmentKind
from victimcare.charter.standards import STANDARDS


class CommitmentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Commitment.Status.OPEN)

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())

    def closed(self):
        return self.exclude(status=Commitment.Status.OPEN)


class Commitment(models.Model):
    """What an organisation owes a victim on a case: opened by an event, due at a time, then ended."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MET = "met", _("Met")
        MET_LATE = "met_late", _("Met late")
        MISSED = "missed", _("Missed")
        WAIVED = "waived", _("Waived")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="commitments",
                             db_index=False)  # the (case, status) index below begins with it
    kind = models.CharField(max_length=40, choices=[(k.value, k.label_en) for k in CommitmentKind])
    standard = models.PositiveSmallIntegerField(choices=[(s.number, s.title_en) for s in STANDARDS])
    owner_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="commitments"
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="commitments"
    )
    opened_by_event = models.ForeignKey(  # indexed by the (opened_by_event, kind) constraint below
        "cases.TimelineEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="opened_commitments",
        db_index=False,
    )
    opened_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True, help_text="Why it was opened, e.g. the decision to tell.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    overdue_recorded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    waive_reason = models.CharField(max_length=500, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["case", "status"]),
            # What the overdue sweep looks for: open and not yet recorded as overdue, soonest due first. Only
            # those rows are in it, so the sweep does not step over every open commitment already recorded.
            models.Index(fields=["due_at", "id"], condition=Q(status="open", overdue_recorded_at__isnull=True),
                         name="commitment_awaiting_sweep"),
            # The team view: open commitments due before a time, with their case and their own id (which its count
            # and its page of ids select), from the index alone (PostgreSQL).
            models.Index(fields=["due_at"], include=["case", "id"], condition=Q(status="open"),
                         name="commitment_open_due_with_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="waived") | ~Q(waive_reason=""), name="waived_commitment_has_reason"
            ),
            # One event never opens the same kind of commitment twice, whatever retries happen.
            models.UniqueConstraint(
                fields=["opened_by_event", "kind"],
                condition=Q(opened_by_event__isnull=False),
                name="one_commitment_per_event_and_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} on case {self.case_id} due {self.due_at:%Y-%m-%d %H:%M}"

    def is_overdue(self, now=None) -> bool:
        return self.status == self.Status.OPEN and self.due_at < (now or timezone.now())


class OverdueAlertQuerySet(models.QuerySet):
    def for_user(self, user):
        """Alerts for the user in person, or for any organisation the user is a member of."""
        if not user.is_authenticated:
            return self.none()
        from victimcare.accounts.roles import Role, organisations_with_role

        organisations = organisations_with_role(user, *Role.values)
        return self.filter(Q(owner_person=user) | Q(owner_organisation__in=organisations))

    def unacknowledged(self):
        return self.filter(acknowledged_at__isnull=True)


class OverdueAlert(models.Model):
    """Tells a commitment's owner, once, that it has passed its due time."""

    commitment = models.OneToOneField(Commitment, on_delete=models.PROTECT, related_name="overdue_alert")
    owner_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="overdue_alerts"
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="overdue_alerts"
    )
    created_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = OverdueAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["owner_organisation", "acknowledged_at"]),
            models.Index(fields=["owner_person", "acknowledged_at"]),
        ]

    def __str__(self) -> str:
        return f"Overdue: {self.commitment}"
