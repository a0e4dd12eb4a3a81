"""The monitoring cells follow what happens elsewhere, in the same transaction."""

from django.dispatch import receiver

from victimcare.charter.signals import commitment_changed, commitments_changed
from victimcare.equality.signals import equality_recorded
from victimcare.monitoring.aggregates import (
    recount_commitment,
    recount_commitments,
    recount_survey,
    recount_victim,
)
from victimcare.satisfaction.signals import survey_answered


@receiver(commitment_changed)
def _commitment_changed(sender, commitment, **kwargs) -> None:
    recount_commitment(commitment)


@receiver(commitments_changed)
def _commitments_changed(sender, commitments, **kwargs) -> None:
    recount_commitments(commitments)


@receiver(survey_answered)
def _survey_answered(sender, survey, **kwargs) -> None:
    recount_survey(survey)


@receiver(equality_recorded)
def _equality_recorded(sender, victim, **kwargs) -> None:
    recount_victim(victim)
