"""Court and witness care (charter standard 8). A prosecution belongs to one police case (the victim's):
a crime with two victims gains two prosecutions, one per case, so each victim's Witness Care Unit record,
news told and Victim Personal Statement stay their own. Its defendants, charges and hearings; each piece
of news the Witness Care Unit receives, with when it was received and when the victim was told; and the
witness care record (needs assessment, special measures, pre-trial visit, expenses, VPS, Victim Contact
Scheme) as entries that are only ever added to."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from victimcare.charter.rules import CourtNews


class Prosecution(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="prosecution")
    court = models.CharField(_("court"), max_length=200)
    witness_care_unit = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT,
                                          related_name="prosecutions", verbose_name=_("Witness Care Unit"))
    charged_at = models.DateTimeField(_("charged"))
    charged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["witness_care_unit", "charged_at"])]

    def __str__(self) -> str:
        return f"Prosecution on case {self.case_id} at {self.court}"


class Defendant(models.Model):
    class Custody(models.TextChoices):
        CUSTODY = "custody", _("In custody")
        BAIL = "bail", _("On bail")
        NOT_KNOWN = "not_known", pgettext_lazy("defendant custody", "Not known")

    prosecution = models.ForeignKey(Prosecution, on_delete=models.PROTECT, related_name="defendants")
    name = models.CharField(_("name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    custody = models.CharField(_("custody"), max_length=10, choices=Custody.choices, default=Custody.NOT_KNOWN)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Charge(models.Model):
    prosecution = models.ForeignKey(Prosecution, on_delete=models.PROTECT, related_name="charges")
    wording = models.CharField(_("offence"), max_length=500)
    violent_or_sexual = models.BooleanField(_("violent or sexual offence"), default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.wording


class Hearing(models.Model):
    class Kind(models.TextChoices):
        FIRST_APPEARANCE = "first_appearance", _("First appearance")
        PLEA = "plea", _("Plea hearing")
        TRIAL = "trial", _("Trial")
        SENTENCING = "sentencing", _("Sentencing")
        BAIL = "bail", _("Bail hearing")
        APPEAL = "appeal", _("Appeal hearing")
        OTHER = "other", pgettext_lazy("hearing kind", "Other hearing")

    class Status(models.TextChoices):
        LISTED = "listed", pgettext_lazy("hearing", "Listed")
        MOVED = "moved", pgettext_lazy("hearing", "Moved")
        VACATED = "vacated", pgettext_lazy("hearing", "Cancelled")
        HEARD = "heard", pgettext_lazy("hearing", "Heard")

    class Plea(models.TextChoices):
        GUILTY = "guilty", _("Guilty plea")
        NOT_GUILTY = "not_guilty", _("Not guilty plea")
        MIXED = "mixed", _("Guilty to some charges, not guilty to others")

    class Verdict(models.TextChoices):
        GUILTY = "guilty", _("Found guilty")
        NOT_GUILTY = "not_guilty", _("Found not guilty")
        MIXED = "mixed", _("Guilty of some charges, not guilty of others")

    class Bail(models.TextChoices):
        GRANTED = "granted", _("Bail granted with conditions")
        REMANDED = "remanded", _("Remanded in custody")

    prosecution = models.ForeignKey(Prosecution, on_delete=models.PROTECT, related_name="hearings")
    kind = models.CharField(_("kind of hearing"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("court room"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.LISTED)
    result = models.TextField(_("result"), blank=True)
    plea = models.CharField(_("plea"), max_length=12, choices=Plea.choices, blank=True)
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices, blank=True)
    custody_months = models.PositiveSmallIntegerField(_("custody (months)"), null=True, blank=True)
    non_custodial = models.CharField(_("non-custodial sentence"), max_length=300, blank=True)
    bail = models.CharField(_("bail outcome"), max_length=10, choices=Bail.choices, blank=True)
    bail_conditions = models.CharField(_("bail conditions"), max_length=500, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} on {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.LISTED, self.Status.MOVED)


class NewsItem(models.Model):
    """One piece of court news the Witness Care Unit received, and when the victim was told of it."""

    class How(models.TextChoices):
        PHONE = "phone", pgettext_lazy("told how", "By phone")
        LETTER = "letter", pgettext_lazy("told how", "By letter")
        EMAIL = "email", pgettext_lazy("told how", "By email")
        IN_PERSON = "in_person", pgettext_lazy("told how", "In person")
        SMS = "sms", pgettext_lazy("told how", "By text message")

    prosecution = models.ForeignKey(Prosecution, on_delete=models.PROTECT, related_name="news")
    hearing = models.ForeignKey(Hearing, on_delete=models.PROTECT, null=True, blank=True, related_name="news")
    kind = models.CharField(_("news"), max_length=30, choices=[(n.value, n.label("en")) for n in CourtNews])
    received_at = models.DateTimeField(_("received"))
    details = models.TextField(_("details"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    commitment = models.OneToOneField("charter.Commitment", on_delete=models.PROTECT, related_name="court_news")
    told_at = models.DateTimeField(null=True, blank=True)
    told_how = models.CharField(max_length=10, choices=How.choices, blank=True)
    told_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")

    class Meta:
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} received {self.received_at:%Y-%m-%d %H:%M}"

    def label(self, language: str) -> str:
        return CourtNews(self.kind).label(language)


class Entry(models.Model):
    """One step of the witness care record. Only ever added to; the latest of a kind is how it stands."""

    class Kind(models.TextChoices):
        NEEDS_ASSESSED = "needs_assessed", _("Witness needs assessed")
        MEASURES_REQUESTED = "measures_requested", _("Special measures requested")
        MEASURES_DECIDED = "measures_decided", _("Special measures decided")
        PRE_TRIAL_VISIT = "pre_trial_visit", _("Pre-trial visit")
        EXPENSES = "expenses", _("Expenses information given")
        VPS_OFFERED = "vps_offered", _("Victim Personal Statement offered")
        VPS_MADE = "vps_made", _("Victim Personal Statement made")
        VPS_DECLINED = "vps_declined", _("Victim Personal Statement declined")
        VPS_AT_SENTENCING = "vps_at_sentencing", _("Victim Personal Statement at sentencing")
        VCS_REFERRED = "vcs_referred", _("Referred to the Victim Contact Scheme")
        VCS_CONTACTED = "vcs_contacted", _("Contacted by probation")

    prosecution = models.ForeignKey(Prosecution, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["prosecution", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"
