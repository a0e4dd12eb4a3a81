"""What has happened on the case, told to the victim in plain words. Only the kinds listed here are ever
shown: never internal notes, safeguarding, risk, sharing between agencies, or police codes."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext_lazy

from victimcare.cases.models import TimelineEvent
from victimcare.charter.rules import KeyDecision

Kind = TimelineEvent.Kind

DECISIONS = {
    KeyDecision.NOT_INVESTIGATED: gettext_lazy("We decided we cannot investigate further for now."),
    KeyDecision.SUSPECT_ARRESTED: gettext_lazy("Someone was arrested."),
    KeyDecision.SUSPECT_INTERVIEWED: gettext_lazy("Someone was interviewed by the police."),
    KeyDecision.RELEASED_WITHOUT_CHARGE: gettext_lazy("The person we spoke to was released without charge."),
    KeyDecision.BAILED: gettext_lazy("The person we spoke to was released on bail."),
    KeyDecision.RELEASED_UNDER_INVESTIGATION: gettext_lazy(
        "The person we spoke to was released while we keep investigating."),
    KeyDecision.BAIL_CONDITIONS_CHANGED: gettext_lazy("The bail conditions changed."),
    KeyDecision.CHARGED: gettext_lazy("Someone was charged."),
    KeyDecision.NO_FURTHER_ACTION: gettext_lazy("We decided to take no further action."),
}

FIXED = {
    Kind.REPORT_RECORDED: gettext_lazy("You reported what happened to us."),
    Kind.OFFICER_ASSIGNED: gettext_lazy("An officer was given your case."),
    Kind.OFFICER_ATTENDED: gettext_lazy("An officer came to see you."),
    Kind.CONTACT_AGREED: gettext_lazy("We agreed how and when to keep you updated."),
    Kind.UPDATE_GIVEN: gettext_lazy("We gave you an update."),
    Kind.REFERRAL_SENT: gettext_lazy("We passed your details to a victims' service, as you agreed."),
    Kind.REFERRAL_ACCEPTED: gettext_lazy("The victims' service agreed to help you."),
    Kind.SUPPORT_STARTED: gettext_lazy("The victims' service started supporting you."),
    Kind.SUPPORT_CLOSED: gettext_lazy("Support from the victims' service ended."),
    Kind.PROSECUTION_STARTED: gettext_lazy("The case is going to court."),
    Kind.COURT_NEWS_TOLD: gettext_lazy("We told you news from the court."),
    Kind.PROPERTY_SEIZED: gettext_lazy("We took some property as evidence."),
    Kind.PROPERTY_RETURN_ARRANGED: gettext_lazy("We arranged to give your property back."),
    Kind.PROPERTY_RETURNED: gettext_lazy("Your property was given back."),
    Kind.VICTIM_MESSAGE: gettext_lazy("You sent us a message."),
    Kind.VICTIM_MESSAGE_ANSWERED: gettext_lazy("We replied to your message."),
    Kind.COMPLAINT_MADE: gettext_lazy("You made a complaint."),
    Kind.COMPLAINT_ACKNOWLEDGED: gettext_lazy("We received your complaint and are looking into it."),
    Kind.SURVEY_ANSWERED: gettext_lazy("You told us how satisfied you are. Thank you."),
    Kind.CASE_CLOSED: gettext_lazy("Your case was closed."),
}
SHOWN = (*FIXED, Kind.KEY_DECISION)


@dataclass(frozen=True)
class Happening:
    at: datetime
    sentence: str
    said: str = ""  # the victim's own words, or the officer's reply to them


def sentence(event: TimelineEvent) -> Happening | None:
    data = event.data or {}
    if event.kind == Kind.KEY_DECISION:
        decision = data.get("decision")
        if decision not in set(KeyDecision):
            return None
        return Happening(event.occurred_at, str(DECISIONS[KeyDecision(decision)]))
    text = FIXED.get(event.kind)
    if text is None:
        return None
    said = ""
    if event.kind in (Kind.VICTIM_MESSAGE, Kind.COMPLAINT_MADE):
        said = data.get("text", "")
    elif event.kind == Kind.VICTIM_MESSAGE_ANSWERED:
        said = data.get("reply", "")
    return Happening(event.occurred_at, str(text), said)


def story(case, limit: int = 30) -> list[Happening]:
    """Newest first: what has happened, in plain words."""
    events = case.timeline.filter(kind__in=SHOWN).order_by("-occurred_at", "-pk")[:limit]
    return [happening for event in events if (happening := sentence(event)) is not None]

