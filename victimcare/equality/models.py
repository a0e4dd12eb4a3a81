"""A victim's self-declared protected characteristics (charter standard 1): optional, one record per
victim, each answer blank when not given. Only the case's officers and supervisors (through the equality
form) and the victim (in the portal) read them; monitoring counts them through `groups.groups_for`."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFER_NOT_TO_SAY = "prefer_not_to_say"
_PREFER = PREFER_NOT_TO_SAY, _("Prefer not to say")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    PREFER_NOT_TO_SAY = _PREFER


class Ethnicity(models.TextChoices):
    """The ONS 2021 census high-level ethnic groups (Wales wording)."""

    ASIAN = "asian", _("Asian, Asian British or Asian Welsh")
    BLACK = "black", _("Black, Black British, Black Welsh, Caribbean or African")
    MIXED = "mixed", _("Mixed or Multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Other ethnic group")
    PREFER_NOT_TO_SAY = _PREFER


class Disability(models.TextChoices):
    YES = "yes", _("Disabled")
    NO = "no", _("Not disabled")
    PREFER_NOT_TO_SAY = _PREFER


class Religion(models.TextChoices):
    NO_RELIGION = "no_religion", _("No religion")
    CHRISTIAN = "christian", _("Christian")
    BUDDHIST = "buddhist", _("Buddhist")
    HINDU = "hindu", _("Hindu")
    JEWISH = "jewish", _("Jewish")
    MUSLIM = "muslim", _("Muslim")
    SIKH = "sikh", _("Sikh")
    OTHER = "other", _("Any other religion")
    PREFER_NOT_TO_SAY = _PREFER


class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", _("Straight or heterosexual")
    GAY_OR_LESBIAN = "gay_or_lesbian", _("Gay or lesbian")
    BISEXUAL = "bisexual", _("Bisexual")
    OTHER = "other", _("Other sexual orientation")
    PREFER_NOT_TO_SAY = _PREFER


class How(models.TextChoices):
    STAFF = "staff", _("Recorded by a member of staff")
    PORTAL = "portal", _("In the victim portal")


# The answered characteristics, in the order they are asked, with their choices.
ANSWERED: dict[str, type[models.TextChoices]] = {
    "sex": Sex,
    "ethnicity": Ethnicity,
    "disability": Disability,
    "religion": Religion,
    "sexual_orientation": SexualOrientation,
}


def _answer(label, choices):
    return models.CharField(label, max_length=20, choices=choices.choices, blank=True, default="")


class EqualityAnswers(models.Model):
    victim = models.OneToOneField("victims.Victim", on_delete=models.PROTECT, related_name="equality")
    sex = _answer(_("sex"), Sex)
    ethnicity = _answer(_("ethnic group"), Ethnicity)
    disability = _answer(_("disability"), Disability)
    religion = _answer(_("religion"), Religion)
    sexual_orientation = _answer(_("sexual orientation"), SexualOrientation)
    recorded_at = models.DateTimeField(default=timezone.now)
    # The member of staff who recorded the answers; empty when the victim gave them in the portal.
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    how = models.CharField(max_length=10, choices=How.choices)

    class Meta:
        verbose_name = _("equality monitoring answers")
        verbose_name_plural = _("equality monitoring answers")
        constraints = [
            *[models.CheckConstraint(condition=models.Q(**{f"{name}__in": ["", *choices.values]}),
                                     name=f"equality_{name}_is_a_choice") for name, choices in ANSWERED.items()],
            models.CheckConstraint(condition=models.Q(how__in=How.values), name="equality_how_is_a_choice"),
        ]

    def __str__(self) -> str:  # never the answers themselves
        return f"Equality answers for victim {self.victim_id}"

    def answers(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in ANSWERED}
