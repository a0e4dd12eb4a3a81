"""Recording a victim's self-declared equality answers: one named function, in a transaction. The case's
timeline says only that answers were recorded; the access log names the change; monitoring hears of it
(the `equality_recorded` signal) in the same transaction, so its figures move with the answers."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from victimcare.cases.access import log_case_access
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import record_event
from victimcare.equality.models import ANSWERED, EqualityAnswers, How
from victimcare.equality.signals import equality_recorded
from victimcare.victims.models import Victim

ACCESS_LOG_WHAT = gettext_noop("recorded equality monitoring answers")


class EqualityError(ValueError):
    """The answers cannot be recorded as given."""


def _cleaned(answers: dict) -> dict[str, str]:
    unknown = sorted(set(answers) - set(ANSWERED))
    if unknown:
        raise EqualityError(f"Unknown question: {', '.join(unknown)}")
    cleaned = {}
    for name, value in answers.items():
        value = "" if value is None else value
        if not isinstance(value, str) or value not in ("", *ANSWERED[name].values):
            raise EqualityError(f"{name}: {value!r} is not one of {', '.join(ANSWERED[name].values)}")
        cleaned[name] = value
    return cleaned


def record_equality_answers(victim: Victim, *, answers: dict, how: str, actor=None, case=None,
                            at=None) -> EqualityAnswers:
    """Create or update `victim`'s answers. `answers`: {question: code} for any of sex, ethnicity, disability,
    religion, sexual_orientation ("" for not answered; a question left out keeps its answer). `how` is
    "staff" (actor: who recorded them) or "portal" (actor None: the victim). With `case`, the case's timeline
    and access log show that answers were recorded."""
    if how not in How.values:
        raise EqualityError(f"how: unknown way of recording {how!r}")
    if how == How.STAFF and actor is None:
        raise EqualityError("actor: say who recorded the answers")
    if how == How.PORTAL and actor is not None:
        raise EqualityError("actor: answers given in the portal are the victim's own")
    if case is not None and case.victim_id != victim.pk:
        raise EqualityError("case: the case is not this victim's")
    cleaned = _cleaned(answers)
    at = at or timezone.now()
    recorder = actor if how == How.STAFF else None
    with transaction.atomic():
        Victim.objects.select_for_update().filter(pk=victim.pk).first()  # one writer at a time per victim
        record = EqualityAnswers.objects.filter(victim=victim).first()
        if record is None:
            record = EqualityAnswers(victim=victim)
        for name, value in cleaned.items():
            setattr(record, name, value)
        record.recorded_at, record.recorded_by, record.how = at, recorder, how
        record.save()
        if case is not None:
            record_event(case, TimelineEvent.Kind.EQUALITY_RECORDED, recorder, at, how=how)
            channel = CaseAccessLog.Channel.PORTAL if how == How.PORTAL else CaseAccessLog.Channel.WEB
            log_case_access(case, recorder, CaseAccessLog.Action.CHANGED, what=ACCESS_LOG_WHAT, channel=channel)
        equality_recorded.send(sender=EqualityAnswers, victim=victim)
    victim.equality = record
    return record
