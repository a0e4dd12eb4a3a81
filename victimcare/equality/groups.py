"""The groups a victim falls in, for comparing every measure across them (charter standard 1).

Plain functions, the interface monitoring builds on: `groups_for(victim, on_date)` gives one group code for
each of CHARACTERISTICS; `groups(characteristic)` lists the codes in display order; the labels come in
English or Welsh whatever language is active. Answers not given, and victims with no answers, are
"not_recorded"; "prefer_not_to_say" is an answer and is kept apart from it."""

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from victimcare.equality.models import ANSWERED

NOT_RECORDED = "not_recorded"
CHARACTERISTICS: tuple[str, ...] = ("age_band", "sex", "ethnicity", "disability", "religion", "sexual_orientation",
                                    "language")

_CHARACTERISTIC_LABELS = {
    "age_band": _("Age"),
    "sex": _("Sex"),
    "ethnicity": _("Ethnic group"),
    "disability": _("Disability"),
    "religion": _("Religion"),
    "sexual_orientation": _("Sexual orientation"),
    "language": _("Preferred language"),
}
# (code, label, lowest age in the band); the bands are the ONS's, with under 18s together (all vulnerable).
_AGE_BANDS = (
    ("under_18", _("Under 18"), 0),
    ("18_24", _("18 to 24"), 18),
    ("25_34", _("25 to 34"), 25),
    ("35_44", _("35 to 44"), 35),
    ("45_54", _("45 to 54"), 45),
    ("55_64", _("55 to 64"), 55),
    ("65_plus", _("65 and over"), 65),
)
_LANGUAGES = {"en": _("English"), "cy": _("Welsh"), "other": _("Another language")}
_NOT_RECORDED_LABEL = _("Not recorded")
# Each answer's codes, read once: `Choices.values` builds its list anew (labels included) on every read, and
# groups_for runs for every commitment the figures recount (hundreds at once in the overdue sweep).
_ANSWER_CODES = {characteristic: frozenset(choices.values) for characteristic, choices in ANSWERED.items()}


def _labels(characteristic: str) -> dict[str, object]:
    if characteristic == "age_band":
        labels = {code: label for code, label, _lowest in _AGE_BANDS}
    elif characteristic == "language":
        labels = dict(_LANGUAGES)
    elif characteristic in ANSWERED:
        labels = dict(ANSWERED[characteristic].choices)
    else:
        raise ValueError(f"Unknown characteristic {characteristic!r}: one of {', '.join(CHARACTERISTICS)}")
    return {**labels, NOT_RECORDED: _NOT_RECORDED_LABEL}


def groups(characteristic: str) -> list[str]:
    """Every group code of `characteristic`, in display order, "not_recorded" last."""
    return list(_labels(characteristic))


def characteristic_label(characteristic: str, language: str) -> str:
    if characteristic not in _CHARACTERISTIC_LABELS:
        raise ValueError(f"Unknown characteristic {characteristic!r}: one of {', '.join(CHARACTERISTICS)}")
    with translation.override(language):
        return str(_CHARACTERISTIC_LABELS[characteristic])


def group_label(characteristic: str, group: str, language: str) -> str:
    labels = _labels(characteristic)
    if group not in labels:
        raise ValueError(f"Unknown group {group!r} of {characteristic}: one of {', '.join(labels)}")
    with translation.override(language):
        return str(labels[group])


def age_band(date_of_birth: dt.date | None, on_date: dt.date) -> str:
    if date_of_birth is None or date_of_birth > on_date:
        return NOT_RECORDED
    age = on_date.year - date_of_birth.year - ((on_date.month, on_date.day) < (date_of_birth.month, date_of_birth.day))
    band = NOT_RECORDED
    for code, _label, lowest in _AGE_BANDS:
        if age >= lowest:
            band = code
    return band


def groups_for(victim, on_date) -> dict[str, str]:
    """{characteristic: group code} for `victim`, the age band as on `on_date` (a date, or a datetime taken
    in London time). Reads victim.equality without a query when it was select_related or prefetched."""
    if isinstance(on_date, dt.datetime):
        on_date = timezone.localdate(on_date)
    retained = getattr(victim, "retained_groups", None)
    if retained:  # an anonymised victim: the groups kept when their answers and date of birth were erased
        return retained_groups_on(retained, on_date)
    try:
        answers = victim.equality
    except ObjectDoesNotExist:
        answers = None
    found = {"age_band": age_band(victim.date_of_birth, on_date)}
    for characteristic, codes in _ANSWER_CODES.items():
        value = getattr(answers, characteristic, "") if answers is not None else ""
        found[characteristic] = value if value in codes else NOT_RECORDED
    found["language"] = victim.preferred_language if victim.preferred_language in _LANGUAGES else NOT_RECORDED
    return {characteristic: found[characteristic] for characteristic in CHARACTERISTICS}


def retain_groups(victim, dates) -> dict:
    """What `groups_for` needs once `victim`'s answers and date of birth are erased (victimcare.dataprotection):
    each group but the age band, and the age band on each of `dates` (the days their cases were opened), so
    the fairness figures count the anonymous record as they counted the person."""
    dates = sorted(set(dates))
    on_first = groups_for(victim, dates[0]) if dates else groups_for(victim, timezone.localdate())
    return {
        "groups": {name: group for name, group in on_first.items() if name != "age_band"},
        "age_bands": {day.isoformat(): groups_for(victim, day)["age_band"] for day in dates},
    }


def retained_groups_on(retained: dict, on_date: dt.date) -> dict[str, str]:
    found = {**retained["groups"], "age_band": retained["age_bands"].get(on_date.isoformat(), NOT_RECORDED)}
    return {characteristic: found.get(characteristic, NOT_RECORDED) for characteristic in CHARACTERISTICS}
