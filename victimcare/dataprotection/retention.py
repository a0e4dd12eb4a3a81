"""How long a closed case's personal data is kept (settings.RETENTION_RULES): plain values in, dates out.

Years after the case closed, by the kind of case, after the Management of Police Information (MoPI) review
groups: the default for most crime, longer for domestic abuse, sexual offences, child victims and the
Victims' Code's most serious offences. Where several apply, the longest wins. At the end the case goes to the
information rights officer's review queue; nothing is erased without their decision."""

import datetime as dt
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

SETTING = "RETENTION_RULES"
DEFAULT = "default"
# Each kind of case a rule may name, what makes a case that kind, and its label on screen.
KINDS = {
    DEFAULT: _("Any other case"),
    "domestic_abuse": _("Domestic abuse"),
    "sexual_offence": _("Sexual offence"),
    "child_victim": _("Victim under 18"),
    "most_serious": _("Most serious offence"),
}
DEFAULT_RULES = {DEFAULT: 6, "domestic_abuse": 10, "sexual_offence": 10, "child_victim": 10, "most_serious": 25}
MAX_YEARS = 100


def rules_from_setting(value) -> dict[str, int]:
    """The rules in force: DEFAULT_RULES overridden by the setting. A bad key or value raises ValueError or
    TypeError naming it, so a typo stops start-up rather than erasing a case early."""
    if value is None:
        return dict(DEFAULT_RULES)
    if not isinstance(value, Mapping):
        raise TypeError(f"{SETTING} must be a dict of years by kind of case, not {type(value).__name__}")
    rules = dict(DEFAULT_RULES)
    for key, years in value.items():
        if key not in KINDS:
            raise ValueError(f"{key!r} is not a kind of case: use {', '.join(KINDS)}")
        if isinstance(years, bool) or not isinstance(years, int):
            raise TypeError(f"{key!r}: years must be a whole number, not {years!r}")
        if not 1 <= years <= MAX_YEARS:
            raise ValueError(f"{key!r}: years must be from 1 to {MAX_YEARS}, not {years}")
        rules[key] = years
    return rules


def kinds_of(case) -> list[str]:
    """The kinds of case `case` is (always including the default)."""
    from victimcare.crimes.offences import OFFENCES

    crime = case.crime
    offence = OFFENCES.get(crime.offence) if crime.offence else None
    found = [DEFAULT]
    if crime.is_domestic_abuse:
        found.append("domestic_abuse")
    if offence is not None and offence.sexual:
        found.append("sexual_offence")
    age = case.victim.age_on(case.opened_at.date())
    if age is not None and age < 18:
        found.append("child_victim")
    if offence is not None and offence.most_serious:
        found.append("most_serious")
    return found


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def retention_of(case, rules: Mapping[str, int]) -> tuple[str, dt.date] | None:
    """(the rule that applies, the day retention ends) for a closed case; None while it is open."""
    if case.closed_at is None:
        return None
    rule = max(kinds_of(case), key=lambda kind: (rules[kind], kind != DEFAULT))
    return rule, add_years(case.closed_at.date(), rules[rule])
