"""The consent ledger and the disclosure log (charter standard 7).

A victim's consent is per purpose, and for sharing also per organisation (or kind of organisation). The
ledger is append-only: the latest entry for a purpose is the victim's current choice. Every disclosure
of a case's information to another organisation is recorded with what was shared, when, and on which
lawful basis; a partner sees a case only through a disclosure that is in force.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from victimcare.cases.models import AppendOnlyQuerySet


class Purpose(models.TextChoices):
    SUPPORT_REFERRAL = "support_referral", _("Referral to victims' services")
    SHARE_WITH_ORGANISATION = "share_with_organisation", _("Sharing with a named organisation")
    SHARE_WITH_KIND = "share_with_kind", _("Sharing with a kind of organisation")
    MULTI_AGENCY_MEETING = "multi_agency_meeting", _("Discussion at a multi-agency meeting")
    SATISFACTION_SURVEY = "satisfaction_survey", _("Contact for the satisfaction survey")


class Decision(models.TextChoices):
    GIVEN = "given", _("Given")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class How(models.TextChoices):
    VERBAL = "verbal", _("Verbally")
    WRITTEN = "written", _("In writing")
    PORTAL = "portal", _("Through the victim portal")


class ConsentRecordQuerySet(AppendOnlyQuerySet):
    def for_scope(self, victim, purpose, organisation=None, organisation_kind=""):
        return self.filter(victim=victim, purpose=purpose, organisation=organisation,
                           organisation_kind=organisation_kind or "")


class ConsentRecord(models.Model):
    """One choice the victim made about one purpose. Never changed: a new choice is a new entry."""

    victim = models.ForeignKey("victims.Victim", on_delete=models.PROTECT, related_name="consent_records")
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="consent_records",
        help_text="The case it was recorded on, if any.",
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("organisation"),
    )
    organisation_kind = models.CharField(_("kind of organisation"), max_length=20, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    how = models.CharField(_("how"), max_length=10, choices=How.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="Empty when the victim recorded it themselves in the portal.",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["victim", "purpose", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(purpose="share_with_organisation") | Q(organisation__isnull=False),
                name="consent_to_share_with_organisation_names_it",
            ),
            models.CheckConstraint(
                condition=~Q(purpose="share_with_kind") | ~Q(organisation_kind=""),
                name="consent_to_share_with_kind_names_it",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.victim_id} {self.purpose} {self.decision} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        from django.core.exceptions import ValidationError

        if self.pk is not None:
            raise ValidationError("Consent records cannot be changed.")
        super().save(*args, **kwargs)


class LawfulBasis(models.TextChoices):
    CONSENT = "consent", _("The victim's consent")
    SAFEGUARDING = "safeguarding", _("Safeguarding override")


class DisclosureQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=Disclosure.Status.IN_FORCE)

    def for_organisations(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)


class Disclosure(models.Model):
    """Information from a case shared with another organisation: what, with whom, when, and why lawful.

    A consent-based disclosure is in force from when it is made until the consent it relies on is
    withdrawn (at that moment) or it is ended. A safeguarding override needs a supervisor's approval
    and a written justification before it is in force.
    """

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting a supervisor's approval")
        IN_FORCE = "in_force", _("In force")
        REFUSED = "refused", _("Refused by the supervisor")
        ENDED = "ended", _("Ended")

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="disclosures")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="disclosures_received",
        verbose_name=_("shared with"),
    )
    items = models.JSONField(_("what was shared"), default=list, help_text="SharedItem values.")
    summary = models.TextField(_("what was shared, in words"), blank=True)
    context = models.JSONField(
        _("why it was shared"), default=dict, blank=True,
        help_text="Facts about why it was shared, stored as data and put in words in the reader's language when "
                  "shown (context_text): {'meeting': id, 'meeting_title': ..., 'meeting_date': 'YYYY-MM-DD'} for a "
                  "multi-agency meeting.",
    )
    lawful_basis = models.CharField(_("lawful basis"), max_length=20, choices=LawfulBasis.choices)
    consent = models.ForeignKey(
        ConsentRecord, on_delete=models.PROTECT, null=True, blank=True, related_name="disclosures",
        help_text="The consent relied on, when the basis is consent.",
    )
    justification = models.TextField(_("justification"), blank=True)
    status = models.CharField(max_length=20, choices=Status.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="The supervisor who approved or refused a safeguarding override.",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    shared_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_reason = models.CharField(max_length=200, blank=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"]), models.Index(fields=["case", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(lawful_basis="consent") | Q(consent__isnull=False), name="consent_disclosure_names_consent"
            ),
            models.CheckConstraint(
                condition=~Q(lawful_basis="safeguarding") | ~Q(justification=""),
                name="safeguarding_disclosure_is_justified",
            ),
        ]

    def __str__(self) -> str:
        return f"Case {self.case_id} to {self.organisation_id} ({self.status})"

    @property
    def context_text(self) -> str:
        """Why it was shared, in the reader's language ("" when nothing is recorded)."""
        return context_text(self.context)

    @property
    def told_text(self) -> str:
        """Everything the receiving organisation was told with it: why, then the police's own words."""
        return "\n".join(part for part in (self.context_text, self.summary) if part)


def context_text(context) -> str:
    """A disclosure's facts about why it was shared, put in words in the current language."""
    import datetime as dt

    from django.utils.formats import date_format
    from django.utils.translation import gettext

    context = context or {}
    if context.get("meeting"):
        held_on = dt.date.fromisoformat(context["meeting_date"]) if context.get("meeting_date") else None
        if held_on is None:
            return gettext("For the multi-agency meeting %(title)s") % {"title": context.get("meeting_title", "")}
        return gettext("For the multi-agency meeting %(title)s on %(date)s") % {
            "title": context.get("meeting_title", ""), "date": date_format(held_on, "j F Y")}
    return ""


class SharedItem(models.TextChoices):
    """The parts of a case that can be shared. The incident summary never identifies the victim."""

    INCIDENT_SUMMARY = "incident_summary", _("Incident summary (what, when, where; no victim details)")
    VICTIM_NAME = "victim_name", _("Victim's name and date of birth")
    VICTIM_CONTACT = "victim_contact", _("Victim's contact details")
    RISK_ASSESSMENT = "risk_assessment", _("Risk assessment")
    NEEDS = "needs", _("Support needs")
    CASE_PROGRESS = "case_progress", _("Progress of the investigation")
