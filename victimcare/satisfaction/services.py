"""Recording the victim's satisfaction survey answers: one named function, in a transaction, on the
timeline and in the case access log."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from victimcare.cases.access import log_case_access
from victimcare.cases.models import Case, CaseAccessLog, TimelineEvent
from victimcare.cases.services import record_event
from victimcare.satisfaction.models import STAGES, How, Rating, SurveyResponse
from victimcare.satisfaction.signals import survey_answered


class SurveyError(Exception):
    """The answers cannot be recorded as given."""


def record_survey_response(case: Case, *, ratings: dict[str, int], comments: str = "", how: str,
                           actor=None, at=None) -> SurveyResponse:
    """The victim's answers (`ratings`: each of STAGES, 1 very satisfied .. 5 very dissatisfied). `how` is
    "portal" (actor None: the victim) or "phone" (actor: the member of staff who took them). One per case."""
    if how not in How.values:
        raise SurveyError(f"Unknown way of answering {how!r}")
    if how == How.PHONE and actor is None:
        raise SurveyError("Say who took the answers by phone")
    missing = [stage for stage in STAGES if stage not in ratings]
    if missing:
        raise SurveyError(f"Answer every question: {', '.join(missing)}")
    cleaned = {}
    for stage in STAGES:
        try:
            value = int(ratings[stage])
        except (TypeError, ValueError):
            value = 0
        if value not in Rating.values:
            raise SurveyError(f"{stage} must be between 1 and 5")
        cleaned[stage] = value
    at = at or timezone.now()
    try:
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case.pk)
            if SurveyResponse.objects.filter(case=locked).exists():
                raise SurveyError("The survey has already been answered for this case")
            event = record_event(locked, TimelineEvent.Kind.SURVEY_ANSWERED, actor, at, how=how, **cleaned)
            response = SurveyResponse.objects.create(
                case=locked, comments=(comments or "").strip(), answered_at=at, how=how,
                answered_by=actor if how == How.PHONE else None, event=event, **cleaned)
            channel = CaseAccessLog.Channel.PORTAL if how == How.PORTAL else CaseAccessLog.Channel.WEB
            log_case_access(locked, actor if how == How.PHONE else None, CaseAccessLog.Action.CHANGED,
                            what="answered the satisfaction survey", channel=channel)
            survey_answered.send(sender=SurveyResponse, survey=response)
    except IntegrityError:
        raise SurveyError("The survey has already been answered for this case") from None
    return response
