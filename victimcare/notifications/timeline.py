"""How the outbox reads on a case's timeline, in the reader's language: what kind of message, by which
channel, and what happened to it; never the message's text."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop, pgettext

from victimcare.cases.models import TimelineEvent
from victimcare.notifications.kinds import kind_label
from victimcare.notifications.models import MessageChannel

Kind = TimelineEvent.Kind

# The reasons services.queue_message writes (in English) for holding a message back.
HELD_REASONS = (gettext_noop("No address for this channel"),
                gettext_noop("The victim asked for this address not to be used"))


def _channel(value) -> str:
    """The channel as it reads after "by" (in Welsh, after "drwy", which mutates it: "drwy lythyr")."""
    names = {
        MessageChannel.EMAIL: pgettext("after 'by'", "email"),
        MessageChannel.SMS: pgettext("after 'by'", "text message"),
        MessageChannel.LETTER: pgettext("after 'by'", "letter"),
    }
    return names.get(value, str(value or ""))


def _values(data) -> dict:
    return {"what": kind_label(data.get("message_kind", "")), "channel": _channel(data.get("channel"))}


def _moment(iso) -> str:
    try:
        return date_format(timezone.localtime(datetime.fromisoformat(iso)), "j F Y, H:i")
    except (TypeError, ValueError):
        return ""


def _sent(data, case):
    if data.get("to_staff"):
        return gettext("A message to staff (%(what)s) was sent by %(channel)s.") % _values(data), ""
    return gettext("A message to the victim (%(what)s) was sent by %(channel)s.") % _values(data), ""


def _not_sent(data, case):
    values = {**_values(data), "when": _moment(data.get("next_attempt_at"))}
    if data.get("to_staff"):
        sentence = gettext("A message to staff (%(what)s) by %(channel)s could not be sent; it will be tried "
                           "again from %(when)s.")
    else:
        sentence = gettext("A message to the victim (%(what)s) by %(channel)s could not be sent; it will be "
                           "tried again from %(when)s.")
    return sentence % values, data.get("error", "")


def _held(data, case):
    reason = data.get("reason", "")
    values = {**_values(data), "reason": gettext(reason) if reason in HELD_REASONS else reason}
    if data.get("to_staff"):
        return gettext("A message to staff (%(what)s) by %(channel)s was held back: %(reason)s.") % values, ""
    return gettext("A message to the victim (%(what)s) by %(channel)s was held back: %(reason)s. Contact the "
                   "victim another way, or correct their details.") % values, ""


DESCRIBERS = {
    Kind.MESSAGE_SENT: _sent,
    Kind.MESSAGE_NOT_SENT: _not_sent,
    Kind.MESSAGE_HELD: _held,
}
