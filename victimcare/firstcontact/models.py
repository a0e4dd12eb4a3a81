from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from victimcare.firstcontact.choices import RiskLevel


class FirstContactAssessment(models.Model):
    """What was asked and answered at first contact, what the system proposed and what was confirmed."""

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="firstcontact_assessment")
    submission_key = models.CharField(max_length=100, unique=True, editable=False,
                                      help_text="The wizard that recorded it, so a report sent twice is one.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    thrive = models.JSONField(_("THRIVE"), default=dict, help_text="{dimension: {rating, rationale}}")
    needs = models.JSONField(_("needs and circumstances"), default=dict)
    wants_attendance = models.BooleanField(_("wants an officer to attend"), default=True)
    vulnerability = models.JSONField(_("vulnerability and intimidation"), default=dict)
    is_under_18 = models.BooleanField(_("under 18"), default=False)

    dash_asked = models.BooleanField(_("DASH asked"), default=False)
    dash_answers = models.JSONField(_("DASH answers"), default=dict, blank=True, help_text="{question number: answer}")
    dash_score = models.PositiveSmallIntegerField(_("DASH score"), null=True, blank=True)

    risk_level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices)
    is_repeat_victim = models.BooleanField(_("repeat victim"), default=False)
    earlier_reports = models.PositiveSmallIntegerField(default=0)
    proposals = models.JSONField(default=dict, help_text="What the system proposed.")
    overrides = models.JSONField(default=list, blank=True, help_text="Proposals changed, with the reasons.")

    class Meta:
        verbose_name = _("first-contact assessment")

    def __str__(self) -> str:
        return f"First-contact assessment for case {self.case_id}"


class CrimeReferenceCounter(models.Model):
    """The last crime reference number issued in a year. Locked while issuing, so no gaps or duplicates."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"

    @classmethod
    def issue(cls, year: int) -> str:
        """The next reference of `year`, "GW/YYYY/NNNNNN". Call inside the transaction that uses it: if
        that rolls back, so does the number, and the next report gets it (no gap)."""
        from victimcare.crimes.models import Crime

        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("Issue a crime reference inside the transaction that records the crime")
        cls.objects.get_or_create(year=year)
        counter = cls.objects.select_for_update().get(year=year)
        number = counter.last_number
        while True:
            number += 1
            reference = f"GW/{year}/{number:06d}"
            # Imported or older references use the same pattern; never issue one that is taken.
            if not Crime.objects.filter(reference=reference).exists():
                break
        counter.last_number = number
        counter.save(update_fields=["last_number"])
        return reference
