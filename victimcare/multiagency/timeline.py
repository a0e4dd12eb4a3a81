"""How the multi-agency events read on a case's timeline, in the reader's language."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext

from victimcare.cases.models import TimelineEvent
from victimcare.multiagency.rules import Reason

Kind = TimelineEvent.Kind


def reason_text(value) -> str:
    return str(Reason(value).label) if value in Reason.values else str(value or "")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _reasons(values) -> str:
    return "; ".join(_lower_first(reason_text(value)) for value in values or [])


def _owner(data) -> str:
    if (get_language() or "en") == "cy" and data.get("owner_name_cy"):
        return data["owner_name_cy"]
    return data.get("owner_name", "")


def _day(iso: str) -> str:
    try:
        return date_format(date.fromisoformat(iso), "j F Y")
    except (TypeError, ValueError):
        return ""


def _moment(iso: str) -> str:
    try:
        return date_format(timezone.localtime(datetime.fromisoformat(iso)), "j F Y, H:i")
    except (TypeError, ValueError):
        return ""


def _flagged(data, case):
    if data.get("withdrawn"):
        return gettext("The flag for a multi-agency meeting was withdrawn."), data.get("reason", "")
    values = {"reasons": _reasons(data.get("reasons"))}
    if data.get("is_repeat"):
        sentence = gettext("Flagged for a multi-agency meeting as a repeat referral: %(reasons)s.") % values
    else:
        sentence = gettext("Flagged for a multi-agency meeting: %(reasons)s.") % values
    return sentence, data.get("note", "")


def _listed(data, case):
    values = {"title": data.get("title", ""), "when": _moment(data.get("held_at", ""))}
    if data.get("basis") == "safeguarding":
        return gettext("Put on the agenda of the multi-agency meeting %(title)s on %(when)s. Information is "
                       "shared without consent, on safeguarding grounds, once a supervisor approves.") % values, ""
    return gettext("Put on the agenda of the multi-agency meeting %(title)s on %(when)s, with the victim's "
                   "consent to share information.") % values, ""


def _action_agreed(data, case):
    return gettext("Multi-agency action agreed for %(owner)s, due by the end of %(due)s.") % {
        "owner": _owner(data), "due": _day(data.get("due_on", ""))}, data.get("description", "")


def _action_ended(data, case):
    values = {"owner": _owner(data)}
    detail = data.get("description", "")
    if data.get("outcome") == "cancelled":
        reason = data.get("reason", "")
        return gettext("A multi-agency action for %(owner)s was cancelled.") % values, \
            f"{detail}\n{reason}" if reason else detail
    return gettext("%(owner)s completed a multi-agency action.") % values, detail


DESCRIBERS = {
    Kind.MULTI_AGENCY_FLAGGED: _flagged,
    Kind.MULTI_AGENCY_LISTED: _listed,
    Kind.MULTI_AGENCY_ACTION_AGREED: _action_agreed,
    Kind.MULTI_AGENCY_ACTION_ENDED: _action_ended,
}
