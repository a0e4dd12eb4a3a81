"""Multi-agency case management (charter standard 7): cases flagged for a multi-agency risk assessment
conference, the meetings the police run, the cases on their agendas (with what each attending agency
may see, through the sharing app's disclosures) and the actions agreed, each a commitment owed by the
agency that owns it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.multiagency.rules import Reason


class ReferralQuerySet(models.QuerySet):
    def active(self):
        """Flagged or on an agenda: still to be discussed."""
        return self.filter(status__in=(MultiAgencyReferral.Status.FLAGGED, MultiAgencyReferral.Status.LISTED))

    def awaiting_meeting(self):
        """Flagged, not yet on an agenda, and the case still open."""
        return self.filter(status=MultiAgencyReferral.Status.FLAGGED, case__status="open")


class MultiAgencyReferral(models.Model):
    """A case flagged for a multi-agency meeting, why, and whether the victim was referred within the
    last 12 months (a repeat)."""

    class Status(models.TextChoices):
        FLAGGED = "flagged", _("Flagged, awaiting a meeting")
        LISTED = "listed", _("On a meeting's agenda")
        DISCUSSED = "discussed", _("Discussed")
        WITHDRAWN = "withdrawn", pgettext_lazy("multi-agency referral", "Withdrawn")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="multi_agency_referrals")
    reasons = models.JSONField(_("why"), default=list, help_text="Reason values.")
    is_repeat = models.BooleanField(_("repeat referral"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FLAGGED)
    flagged_at = models.DateTimeField(default=timezone.now)
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Empty when the system flagged the case on the referral criteria.",
    )
    note = models.TextField(_("note"), blank=True, help_text="The professional judgement, in words.")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawn_reason = models.CharField(max_length=500, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-flagged_at", "-id"]
        indexes = [models.Index(fields=["status", "flagged_at"]), models.Index(fields=["case", "status"])]
        constraints = [
            models.CheckConstraint(condition=~Q(status="withdrawn") | ~Q(withdrawn_reason=""),
                                   name="withdrawn_referral_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Multi-agency referral of case {self.case_id} ({self.status})"

    def reason_labels(self) -> list[str]:
        return [str(Reason(value).label) if value in Reason.values else value for value in self.reasons]


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(held_at__gte=now or timezone.now()).order_by("held_at", "id")

    def past(self, now=None):
        return self.filter(held_at__lt=now or timezone.now()).order_by("-held_at", "-id")


class Meeting(models.Model):
    """A multi-agency risk assessment conference, run by a police force."""

    force = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    held_at = models.DateTimeField(_("when"))
    title = models.CharField(_("title"), max_length=200)
    local_authority = models.ForeignKey(
        "areas.LocalAuthority", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("local authority"),
    )
    chair = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("chair"))
    attending = models.ManyToManyField("organisations.Organisation", related_name="multi_agency_meetings",
                                       verbose_name=_("agencies attending"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submission_key = models.CharField(  # NULL, not "", so only keyed rows must be unique
        max_length=100, unique=True, null=True, blank=True, editable=False,
        help_text="The form that created it, so a page sent twice creates one meeting.",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_at", "-id"]
        indexes = [models.Index(fields=["force", "held_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_at:%Y-%m-%d})"


class AgendaItem(models.Model):
    """A flagged case on a meeting's agenda, with what was shared with each attending agency for it
    (the sharing app's disclosures: on consent, or a safeguarding override awaiting approval)."""

    class Basis(models.TextChoices):
        CONSENT = "consent", _("The victim's consent")
        SAFEGUARDING = "safeguarding", _("Safeguarding override")

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda")
    referral = models.ForeignKey(MultiAgencyReferral, on_delete=models.PROTECT, related_name="agenda_items")
    basis = models.CharField(_("lawful basis"), max_length=20, choices=Basis.choices)
    disclosures = models.ManyToManyField("sharing.Disclosure", related_name="+", blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "referral"], name="referral_once_per_meeting")]

    def __str__(self) -> str:
        return f"Referral {self.referral_id} at meeting {self.meeting_id}"


class ActionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Action.Status.OPEN)


class Action(models.Model):
    """Something an agency agreed at a meeting to do for the victim, by a date: a commitment it owes."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("multi-agency action", "Open")
        DONE = "done", pgettext_lazy("multi-agency action", "Done")
        CANCELLED = "cancelled", pgettext_lazy("multi-agency action", "Cancelled")

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("who will do it"))
    description = models.TextField(_("what will be done"))
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_reason = models.CharField(max_length=500, blank=True)
    commitment = models.OneToOneField("charter.Commitment", on_delete=models.PROTECT,
                                      related_name="multi_agency_action")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "status"])]
        constraints = [
            models.CheckConstraint(condition=~Q(status="cancelled") | ~Q(cancelled_reason=""),
                                   name="cancelled_action_has_reason"),
        ]

    def __str__(self) -> str:
        return f"Action {self.pk} for {self.owner_id} due {self.due_on}"
