"""How the property events read on a case's timeline, in the reader's language. Event data holds the item's
id, exhibit reference and plain values; places are stored in English and Welsh (a store's two names)."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, ngettext

from victimcare.cases.models import TimelineEvent
from victimcare.property.models import KeptInstead, Movement

Kind = TimelineEvent.Kind


def _day(iso) -> str:
    try:
        return date_format(date.fromisoformat(iso), "j F Y")
    except (TypeError, ValueError):
        return ""


def _bilingual(data, key: str) -> str:
    if (get_language() or "en") == "cy" and data.get(f"{key}_cy"):
        return data[f"{key}_cy"]
    return data.get(key, "")


def _movement(value) -> str:
    label = str(Movement(value).label) if value in Movement.values else str(value or "")
    return label[:1].lower() + label[1:]


def _seized(data, case):
    return (gettext("Property taken: %(description)s (exhibit %(exhibit)s), now at %(to)s.") % {
        "description": data.get("description", ""), "exhibit": data.get("exhibit", ""), "to": _bilingual(data, "to"),
    }, data.get("note", ""))


def _moved(data, case):
    return (gettext("Exhibit %(exhibit)s %(movement)s: from %(from)s to %(to)s.") % {
        "exhibit": data.get("exhibit", ""), "movement": _movement(data.get("movement")),
        "from": _bilingual(data, "from"), "to": _bilingual(data, "to"),
    }, data.get("note", ""))


def _reviewed(data, case):
    return (gettext("Exhibit %(exhibit)s reviewed: still needed; next review on %(day)s.") % {
        "exhibit": data.get("exhibit", ""), "day": _day(data.get("next_review")),
    }, data.get("note", ""))


def _no_longer_needed(data, case):
    sentence = gettext("Exhibit %(exhibit)s is no longer needed and can go back to its owner.") % {
        "exhibit": data.get("exhibit", "")}
    kept = data.get("kept_instead", "")
    if kept == KeptInstead.PHOTOGRAPH:
        sentence += " " + gettext("A photograph is kept instead of the original.")
    elif kept == KeptInstead.COPY:
        sentence += " " + gettext("A copy is kept instead of the original.")
    return sentence, data.get("note", "")


def _owner_told(data, case):
    return (gettext("The owner of exhibit %(exhibit)s was told it can be collected. If it is not claimed it may be "
                    "disposed of from %(day)s.") % {"exhibit": data.get("exhibit", ""),
                                                    "day": _day(data.get("disposal_on"))}, data.get("how", ""))


def _return_arranged(data, case):
    return (gettext("Return of exhibit %(exhibit)s arranged for %(day)s at %(place)s.") % {
        "exhibit": data.get("exhibit", ""), "day": _day(data.get("on")), "place": data.get("place", ""),
    }, data.get("note", ""))


def _returned(data, case):
    return (gettext("Exhibit %(exhibit)s was returned to its owner.") % {"exhibit": data.get("exhibit", "")},
            data.get("note", ""))


def _disposal_warning(data, case):
    days = int(data.get("days") or 0)
    return (ngettext(
        "Exhibit %(exhibit)s has not been claimed: it may be disposed of in %(days)d day, from %(day)s.",
        "Exhibit %(exhibit)s has not been claimed: it may be disposed of in %(days)d days, from %(day)s.", days,
    ) % {"exhibit": data.get("exhibit", ""), "days": days, "day": _day(data.get("disposal_on"))}, "")


def _disposed(data, case):
    return (gettext("Exhibit %(exhibit)s was disposed of, unclaimed, under the Police (Property) Regulations "
                    "1997.") % {"exhibit": data.get("exhibit", "")}, data.get("note", ""))


DESCRIBERS = {
    Kind.PROPERTY_SEIZED: _seized,
    Kind.PROPERTY_MOVED: _moved,
    Kind.PROPERTY_REVIEWED: _reviewed,
    Kind.PROPERTY_NO_LONGER_NEEDED: _no_longer_needed,
    Kind.PROPERTY_OWNER_TOLD: _owner_told,
    Kind.PROPERTY_RETURN_ARRANGED: _return_arranged,
    Kind.PROPERTY_RETURNED: _returned,
    Kind.PROPERTY_DISPOSAL_WARNING: _disposal_warning,
    Kind.PROPERTY_DISPOSED: _disposed,
}
