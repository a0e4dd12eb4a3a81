"""The monitoring cells follow what happens elsewhere, in the same transaction."""

from django.dispatch import receiver

from victimcare.charter.signals import commitments_changed
from victimcare.equality.signals import equality_recorded
from victimcare.monitoring.aggregates import (
    recount_commitments,
    recount_survey,
    recount_victim,
)
from victimcare.satisfaction.signals import survey_answered


@receiver(commitments_changed)
def _commitments_changed(sender, commitments, **kwargs) -> None:
    recount_commitments(commitments)


@receiver(survey_answered)
def _survey_answered(sender, survey, **kwargs) -> None:
    recount_survey(survey)


@receiver(equality_recorded)
def _equality_recorded(sender, victim, **kwargs) -> None:
    recount_victim(victim)
