"""How corrections, retention reviews and anonymisation read on a case's timeline."""

from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

from victimcare.cases.models import TimelineEvent

TITLES = (gettext_noop("Victim's personal details corrected"), gettext_noop("Kept for longer at the retention review"),
          gettext_noop("Personal data erased at the end of retention"))
FIELD_LABELS = {
    "given_name": gettext_noop("first name"),
    "family_name": gettext_noop("last name"),
    "date_of_birth": gettext_noop("date of birth"),
    "email": gettext_noop("email address"),
    "phone": gettext_noop("phone number"),
    "address": gettext_noop("address"),
    "postcode": gettext_noop("postcode"),
    "preferred_language": gettext_noop("preferred language"),
    "other_language": gettext_noop("other language"),
    "needs_interpreter": gettext_noop("needs an interpreter"),
    "communication_needs": gettext_noop("communication needs"),
}


def field_label(name: str) -> str:
    return gettext(FIELD_LABELS.get(name, name))


def _corrected(data, case):
    fields = ", ".join(field_label(name) for name in data.get("fields", []))
    return gettext("Corrected: %(fields)s.") % {"fields": fields}, data.get("reason", "")


def _kept(data, case):
    import datetime as dt

    try:
        day = date_format(dt.date.fromisoformat(data.get("review_on", "")), "j F Y")
    except ValueError:
        day = ""
    return gettext("Kept for longer; next review on %(date)s.") % {"date": day}, data.get("reason", "")


def _anonymised(data, case):
    if data.get("victim_erased"):
        return gettext("The personal data of this case and of the victim was erased."), ""
    return gettext("The personal data of this case was erased (the victim has another case still kept)."), ""


DESCRIBERS = {
    TimelineEvent.Kind.PERSONAL_DETAILS_CORRECTED: _corrected,
    TimelineEvent.Kind.RETENTION_EXTENDED: _kept,
    TimelineEvent.Kind.CASE_ANONYMISED: _anonymised,
}
