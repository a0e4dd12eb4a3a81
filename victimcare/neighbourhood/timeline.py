"""How the neighbourhood team's timeline events read on a case, in the reader's language. Team and ward
names are stored in English and Welsh in the event data, so each reads in the reader's language."""

from django.utils.translation import get_language, gettext

from victimcare.cases.models import TimelineEvent

Kind = TimelineEvent.Kind


def _named(data, name: str) -> str:
    english = data.get(f"{name}_en", "")
    if get_language() == "cy" and data.get(f"{name}_cy"):
        return data[f"{name}_cy"]
    return english or gettext("The neighbourhood team")


def _notified(data, case):
    team = _named(data, "team")
    if data.get("routed_by") == "unit_area":
        return gettext("%(team)s was told of the incident by the area of the case's unit (%(area)s): its ward was "
                       "not found.") % {"team": team, "area": _named(data, "area")}, \
            gettext("Check the place: if it is not in this team's area, tell the team whose area it is.")
    if data.get("ward_en"):
        return gettext("%(team)s was told of the incident (ward: %(ward)s).") % {
            "team": team, "ward": _named(data, "ward")}, ""
    return gettext("%(team)s was told of the incident.") % {"team": team}, ""


def _acknowledged(data, case):
    if data.get("on_time") is False:
        return gettext("%(team)s acknowledged the incident, after it was due.") % {"team": _named(data, "team")}, ""
    return gettext("%(team)s acknowledged the incident.") % {"team": _named(data, "team")}, ""


def _local_action(data, case):
    return gettext("%(team)s noted local action.") % {"team": _named(data, "team")}, data.get("text", "")


DESCRIBERS = {
    Kind.NEIGHBOURHOOD_NOTIFIED: _notified,
    Kind.NEIGHBOURHOOD_ACKNOWLEDGED: _acknowledged,
    Kind.LOCAL_ACTION_NOTED: _local_action,
}
