"""How the victim's messages and complaints read on the case's timeline, for staff, in their language."""

from django.utils.translation import gettext

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind


def _message(data, case):
    return gettext("The victim sent a message through the portal."), data.get("text", "")


def _answered(data, case):
    return gettext("The victim's message was answered."), data.get("reply", "")


def _complaint(data, case):
    return gettext("The victim made a complaint through the portal."), data.get("text", "")


def _acknowledged(data, case):
    return gettext("The victim's complaint was acknowledged."), data.get("note", "")


DESCRIBERS = {
    Kind.VICTIM_MESSAGE: _message,
    Kind.VICTIM_MESSAGE_ANSWERED: _answered,
    Kind.COMPLAINT_MADE: _complaint,
    Kind.COMPLAINT_ACKNOWLEDGED: _acknowledged,
}
