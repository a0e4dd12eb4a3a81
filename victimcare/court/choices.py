"""The words of the witness care record: needs, special measures, visit and VPS outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Need(models.TextChoices):
    CHILDCARE = "childcare", _("Childcare")
    MOBILITY = "mobility", _("Mobility")
    INTERPRETER = "interpreter", _("An interpreter")
    ANXIETY = "anxiety", _("Anxiety about giving evidence")
    INTIMIDATION = "intimidation", _("Fear of intimidation")
    VISUALLY_IMPAIRED = "visually_impaired", _("Visually impaired")
    HEARING_IMPAIRED = "hearing_impaired", _("Hearing impaired")


class Measure(models.TextChoices):
    SCREENS = "screens", _("Screens")
    LIVE_LINK = "live_link", _("Live link")
    INTERMEDIARY = "intermediary", _("An intermediary")
    IN_PRIVATE = "in_private", _("Evidence given in private")
    WIGS_AND_GOWNS = "wigs_and_gowns", _("Removal of wigs and gowns")
    VIDEO_RECORDED = "video_recorded", _("Video-recorded evidence")


class MeasuresDecision(models.TextChoices):
    GRANTED = "granted", pgettext_lazy("special measures", "Granted")
    REFUSED = "refused", pgettext_lazy("special measures", "Refused")


class Visit(models.TextChoices):
    OFFERED = "offered", pgettext_lazy("pre-trial visit", "Offered")
    DONE = "done", pgettext_lazy("pre-trial visit", "Done")
    DECLINED = "declined", pgettext_lazy("pre-trial visit", "Declined")


class VpsUse(models.TextChoices):
    READ_ALOUD = "read_aloud", _("Read aloud in court")
    GIVEN_TO_JUDGE = "given_to_judge", _("Given to the judge to read")
    NOT_USED = "not_used", _("Not used")


def labels(choices, values) -> list[str]:
    return [str(choices(value).label) for value in values or [] if value in choices.values]
