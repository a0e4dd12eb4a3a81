"""The victim's answers to the satisfaction survey: one per case, five stages on the Home Office
five-point scale, given in the portal or by phone to a member of staff."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STAGES = ("ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience")


class Rating(models.IntegerChoices):
    VERY_SATISFIED = 1, _("Very satisfied")
    FAIRLY_SATISFIED = 2, _("Fairly satisfied")
    NEITHER = 3, _("Neither satisfied nor dissatisfied")
    FAIRLY_DISSATISFIED = 4, _("Fairly dissatisfied")
    VERY_DISSATISFIED = 5, _("Very dissatisfied")


class How(models.TextChoices):
    PORTAL = "portal", _("In the victim portal")
    PHONE = "phone", _("By phone")


def _rating(label):
    return models.PositiveSmallIntegerField(label, choices=Rating.choices)


class SurveyResponse(models.Model):
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="survey_response")
    ease_of_contact = _rating(_("Making contact with the police"))
    actions_taken = _rating(_("The actions the police took"))
    kept_informed = _rating(_("How well you were kept informed"))
    treatment = _rating(_("How you were treated"))
    whole_experience = _rating(_("Your whole experience"))
    comments = models.TextField(_("anything else you want to tell us"), blank=True)
    answered_at = models.DateTimeField(default=timezone.now)
    how = models.CharField(max_length=10, choices=How.choices)
    # The member of staff who took the answers by phone; empty when the victim answered in the portal.
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    event = models.OneToOneField("cases.TimelineEvent", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-answered_at", "-id"]
        indexes = [models.Index(fields=["answered_at"])]
        constraints = [
            *[models.CheckConstraint(condition=models.Q(**{f"{stage}__gte": 1, f"{stage}__lte": 5}),
                                     name=f"survey_{stage}_on_the_scale") for stage in STAGES],
            models.CheckConstraint(condition=~models.Q(how="phone") | models.Q(answered_by__isnull=False),
                                   name="survey_by_phone_names_who_took_it"),
        ]

    def __str__(self) -> str:
        return f"Survey for case {self.case_id}"

    def ratings(self) -> dict[str, int]:
        return {stage: getattr(self, stage) for stage in STAGES}
