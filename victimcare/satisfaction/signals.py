"""Signals other domain areas listen to. Receivers run inside the transaction that recorded the answers."""

from django.dispatch import Signal

# The victim's satisfaction survey answers were recorded. Sent with: survey (a SurveyResponse).
survey_answered = Signal()
