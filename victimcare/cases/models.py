from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Case.Status.OPEN)


class Case(models.Model):
    """One victim in one crime, owned by a unit and (once assigned) an officer."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    victim = models.ForeignKey("victims.Victim", on_delete=models.PROTECT, related_name="cases")
    crime = models.ForeignKey("crimes.Crime", on_delete=models.PROTECT, related_name="cases")
    unit = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="cases", verbose_name=_("unit")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases_owned",
        verbose_name=_("officer in charge"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="cases_recorded"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    # What the first-contact assessment found about the victim (drives enhanced rights).
    is_vulnerable = models.BooleanField(_("vulnerable"), default=False)
    is_intimidated = models.BooleanField(_("intimidated"), default=False)
    is_persistently_targeted = models.BooleanField(_("persistently targeted"), default=False)
    is_bereaved_relative = models.BooleanField(_("close relative bereaved by crime"), default=False)
    enhanced_rights = models.BooleanField(_("enhanced rights"), default=False)
    enhanced_rights_reasons = models.JSONField(_("why enhanced rights apply"), default=list, blank=True)

    response_grade = models.PositiveSmallIntegerField(_("response grade"), null=True, blank=True)
    location_is_rural = models.BooleanField(_("rural location"), default=False)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [models.UniqueConstraint(fields=["victim", "crime"], name="one_case_per_victim_per_crime")]
        indexes = [
            models.Index(fields=["unit", "status"]),
            # The case list: a unit's cases, newest first, a page at a time, read in index order and cut.
            models.Index(fields=["unit", "-opened_at", "-id"], name="cases_case_unit_newest"),
            models.Index(fields=["-opened_at", "-id"], name="cases_case_newest"),
            # The team view: a unit's open cases and their officers, read from the index alone (PostgreSQL).
            models.Index(fields=["unit"], include=["id", "officer"], condition=models.Q(status="open"),
                         name="cases_case_open_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.crime.reference} - {self.victim}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError("Timeline entries cannot be changed.")

    def delete(self):
        raise ValidationError("Timeline entries cannot be deleted.")


class TimelineEvent(models.Model):
    """Something that happened on a crime or a case. Append-only: never changed, never deleted.

    Events with no case (e.g. an outcome from data.police.uk) belong to the crime and so appear
    on the timeline of every case of that crime.
    """

    class Kind(models.TextChoices):
        CASE_OPENED = "case_opened", _("Case opened")
        REPORT_RECORDED = "report_recorded", _("Report recorded")
        ASSESSMENT_RECORDED = "assessment_recorded", _("First-contact assessment recorded")
        PROPOSAL_OVERRIDDEN = "proposal_overridden", _("Proposal overridden")
        ACKNOWLEDGEMENT_GIVEN = "acknowledgement_given", _("Written acknowledgement given")
        OFFICER_DISPATCHED = "officer_dispatched", _("Officer dispatched")
        ATTENDANCE_DECLINED = "attendance_declined", _("Victim chose not to have an officer attend")
        CONTACT_AGREED = "contact_agreed", _("Contact agreed")
        UPDATE_GIVEN = "update_given", _("Victim updated")
        UPDATE_ATTEMPT_FAILED = "update_attempt_failed", _("Update attempt failed")
        COMMITMENT_REPLANNED = "commitment_replanned", _("Commitment re-planned")
        ENHANCED_RIGHTS_ASSESSED = "enhanced_rights_assessed", _("Enhanced rights assessed")
        OFFICER_ASSIGNED = "officer_assigned", _("Officer assigned")
        RESPONSE_GRADED = "response_graded", _("Response graded")
        OFFICER_ATTENDED = "officer_attended", _("Officer attended")
        KEY_DECISION = "key_decision", _("Investigation decision")
        VICTIM_INFORMED = "victim_informed", _("Victim informed")
        REFERRAL_CONSENT = "referral_consent", _("Victim agreed to a referral")
        REFERRAL_SENT = "referral_sent", _("Referral sent")
        OUTCOME = "outcome", _("Outcome recorded")
        COMMITMENT_OPENED = "commitment_opened", _("Commitment opened")
        COMMITMENT_MET = "commitment_met", _("Commitment met")
        COMMITMENT_OVERDUE = "commitment_overdue", _("Commitment overdue")
        COMMITMENT_MISSED = "commitment_missed", _("Commitment missed")
        COMMITMENT_WAIVED = "commitment_waived", _("Commitment waived")
        CASE_CLOSED = "case_closed", _("Case closed")
        # Victims' services (standard 5)
        SERVICES_INFORMATION_GIVEN = "services_information_given", _("Victims' services information given")
        NEEDS_ASSESSED = "needs_assessed", _("Support needs assessed")
        SUPPORT_CHOICE = "support_choice", _("Support choice recorded")
        REFERRAL_ACCEPTED = "referral_accepted", _("Referral accepted")
        REFERRAL_REJECTED = "referral_rejected", _("Referral turned down by the service")
        REFERRAL_VICTIM_CONTACTED = "referral_victim_contacted", _("Victim contacted by the service")
        SUPPORT_STARTED = "support_started", _("Support in progress")
        SUPPORT_CLOSED = "support_closed", _("Support closed")
        REFERRAL_DECLINED_BY_VICTIM = "referral_declined_by_victim", _("Referral declined by the victim")
        # Neighbourhood teams (standard 6)
        NEIGHBOURHOOD_NOTIFIED = "neighbourhood_notified", _("Neighbourhood team told")
        NEIGHBOURHOOD_ACKNOWLEDGED = "neighbourhood_acknowledged", _("Neighbourhood team acknowledged")
        LOCAL_ACTION_NOTED = "local_action_noted", _("Local action noted")
        # Consent and sharing (standard 7)
        CONSENT_RECORDED = "consent_recorded", _("Consent recorded")
        INFORMATION_SHARED = "information_shared", _("Information shared")
        SHARING_OVERRIDE_REQUESTED = "sharing_override_requested", _("Safeguarding sharing requested")
        SHARING_OVERRIDE_DECIDED = "sharing_override_decided", _("Safeguarding sharing decided")
        SHARING_ENDED = "sharing_ended", _("Sharing ended")
        # Multi-agency case management (standard 7)
        MULTI_AGENCY_FLAGGED = "multi_agency_flagged", _("Flagged for a multi-agency meeting")
        MULTI_AGENCY_LISTED = "multi_agency_listed", _("Listed for a multi-agency meeting")
        MULTI_AGENCY_ACTION_AGREED = "multi_agency_action_agreed", _("Multi-agency action agreed")
        MULTI_AGENCY_ACTION_ENDED = "multi_agency_action_ended", _("Multi-agency action ended")
        # Court and witness care (standard 8)
        PROSECUTION_STARTED = "prosecution_started", _("Prosecution started")
        COURT_NEWS_RECEIVED = "court_news_received", _("Court news received")
        COURT_NEWS_TOLD = "court_news_told", _("Victim told the court news")
        WITNESS_NEEDS_ASSESSED = "witness_needs_assessed", _("Witness needs assessed")
        SPECIAL_MEASURES_REQUESTED = "special_measures_requested", _("Special measures requested")
        SPECIAL_MEASURES_DECIDED = "special_measures_decided", _("Special measures decided")
        PRE_TRIAL_VISIT = "pre_trial_visit", _("Pre-trial visit")
        EXPENSES_INFORMATION_GIVEN = "expenses_information_given", _("Expenses information given")
        VPS_OFFERED = "vps_offered", _("Victim Personal Statement offered")
        VPS_MADE = "vps_made", _("Victim Personal Statement made")
        VPS_DECLINED = "vps_declined", _("Victim Personal Statement declined")
        VPS_AT_SENTENCING = "vps_at_sentencing", _("Victim Personal Statement at sentencing")
        VCS_REFERRED = "vcs_referred", _("Referred to the Victim Contact Scheme")
        VCS_CONTACTED = "vcs_contacted", _("Victim contacted by probation")
        # Property (standard 9)
        PROPERTY_SEIZED = "property_seized", _("Property taken")
        PROPERTY_MOVED = "property_moved", _("Property movement recorded")
        PROPERTY_REVIEWED = "property_reviewed", _("Property reviewed")
        PROPERTY_NO_LONGER_NEEDED = "property_no_longer_needed", _("Property no longer needed")
        PROPERTY_OWNER_TOLD = "property_owner_told", _("Owner told about their property")
        PROPERTY_RETURN_ARRANGED = "property_return_arranged", _("Property return arranged")
        PROPERTY_RETURNED = "property_returned", _("Property returned")
        PROPERTY_DISPOSAL_WARNING = "property_disposal_warning", _("Property disposal warning")
        PROPERTY_DISPOSED = "property_disposed", _("Property disposed of")
        # Messages to the victim (the outbox) and the victim portal
        MESSAGE_SENT = "message_sent", _("Message sent to the victim")
        MESSAGE_NOT_SENT = "message_not_sent", _("Message not sent yet")
        MESSAGE_HELD = "message_held", _("Message held back")
        VICTIM_MESSAGE = "victim_message", _("Message from the victim")
        VICTIM_MESSAGE_ANSWERED = "victim_message_answered", _("Victim's message answered")
        COMPLAINT_MADE = "complaint_made", _("Complaint made")
        COMPLAINT_ACKNOWLEDGED = "complaint_acknowledged", _("Complaint acknowledged")
        SURVEY_ANSWERED = "survey_answered", _("Satisfaction survey answered")
        # Equality monitoring (standard 1): only that answers were recorded, never the answers
        EQUALITY_RECORDED = "equality_recorded", _("Equality monitoring answers recorded")
        # Uploaded files (victimcare.uploads): photographs of property, letters and documents
        PHOTOGRAPH_ADDED = "photograph_added", _("Photograph of property added")
        PHOTOGRAPH_REMOVED = "photograph_removed", _("Photograph of property removed")
        DOCUMENT_ADDED = "document_added", _("Letter or document added")
        DOCUMENT_REMOVED = "document_removed", _("Letter or document removed")
        # Data protection (victimcare.dataprotection): rectification, the retention review, anonymisation
        PERSONAL_DETAILS_CORRECTED = "personal_details_corrected", _("Victim's personal details corrected")
        RETENTION_EXTENDED = "retention_extended", _("Kept for longer at the retention review")
        CASE_ANONYMISED = "case_anonymised", _("Personal data erased at the end of retention")

    # No index of their own: the (crime, occurred_at) and (case, occurred_at) indexes below begin with them,
    # and every index is one more write for each of the most numerous rows there are.
    crime = models.ForeignKey("crimes.Crime", on_delete=models.PROTECT, related_name="timeline", db_index=False)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="timeline",
                             db_index=False)
    kind = models.CharField(max_length=40, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    recorded_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    data = models.JSONField(default=dict, blank=True)
    source_key = models.CharField(  # noqa: DJ001 - NULL, not "", so only keyed rows must be unique
        max_length=100,
        null=True,
        blank=True,
        editable=False,
        help_text="Identifies an imported row or a form submission, so neither is recorded twice.",
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["crime", "source_key"], name="unique_imported_timeline_row"),
        ]
        indexes = [models.Index(fields=["case", "occurred_at"]), models.Index(fields=["crime", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.kind} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Timeline entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Timeline entries cannot be deleted.")


class CaseAccessLog(models.Model):
    """Who read or changed a victim's personal data, when, how and why: a case's, or (with no case) a victim's
    found outside any case (a search). Written only through victimcare.cases.access (log_case_access,
    log_cases_listed, log_victim_access). Append-only: the model, its queryset and database triggers refuse
    changes and deletions; each entry is chained to the one before (victimcare/cases/audit_chain.py)."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Viewed")
        CHANGED = "changed", _("Changed")

    class Channel(models.TextChoices):
        WEB = "web", _("Web")
        API = "api", _("API")
        SYSTEM = "system", _("System")
        PORTAL = "portal", _("Victim portal")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="access_log",
                             db_index=False)  # the (case, -at) index below begins with it
    # The case's victim for an entry about a case; the victim alone for a read outside any case.
    victim = models.ForeignKey("victims.Victim", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # Empty only for the victim's own reads and changes through the portal (channel "portal"): the
    # reader is then the case's victim, signed in with their crime reference and a one-time code; and for
    # the system's own (channel "system": a message sent to the victim).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    at = models.DateTimeField(default=timezone.now)
    action = models.CharField(max_length=10, choices=Action.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    what = models.CharField(_("what"), max_length=200, help_text=_("The page, endpoint or change."))
    why = models.CharField(_("why"), max_length=200, blank=True)
    # The chain, written once just after the entry's transaction commits (audit_chain.seal): position, the
    # previous entry's hash, and sha256 of that hash and this entry's every other field.
    sequence = models.BigIntegerField(null=True, blank=True, unique=True, editable=False)
    previous_hash = models.CharField(max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["case", "-at"]),
            models.Index(fields=["victim", "-at"], name="cases_accesslog_victim"),
            models.Index(fields=["id"], condition=models.Q(sequence__isnull=True), name="cases_accesslog_unchained"),
        ]

    def __str__(self) -> str:
        who = self.user if self.user_id else "the victim"
        about = f"case {self.case_id}" if self.case_id else f"victim {self.victim_id}"
        return f"{who} {self.action} {about}: {self.what}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Access log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Access log entries cannot be deleted.")
