"""The unclaimed-property disposal rule (settings.PROPERTY_DISPOSAL_RULE): plain values in, dates out.

Police (Property) Regulations 1997: property not claimed may be disposed of; local practice is 12 months
after the owner was told it could be collected, with warnings before that date."""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

SETTING = "PROPERTY_DISPOSAL_RULE"
KEYS = ("months", "warn_days_before")


@dataclass(frozen=True)
class DisposalRule:
    """Unclaimed items may be disposed of `months` calendar months after the owner was told; a warning is
    recorded `warn_days_before` days before that date (each once)."""

    months: int = 12
    warn_days_before: tuple[int, ...] = (28, 7)

    def __post_init__(self) -> None:
        if not isinstance(self.months, int) or isinstance(self.months, bool) or self.months < 1:
            raise ValueError(f"{SETTING} months must be a whole number of 1 or more, not {self.months!r}")
        days = self.warn_days_before
        if not isinstance(days, list | tuple) or any(
                not isinstance(day, int) or isinstance(day, bool) or day < 1 for day in days):
            raise ValueError(f"{SETTING} warn_days_before must be a list of whole numbers of 1 or more, not {days!r}")
        object.__setattr__(self, "warn_days_before", tuple(sorted(set(days), reverse=True)))

    @classmethod
    def from_setting(cls, value: Mapping | None) -> "DisposalRule":
        value = dict(value or {})
        unknown = set(value) - set(KEYS)
        if unknown:
            raise ValueError(f"Unknown {SETTING} setting(s): {', '.join(sorted(unknown))}")
        return cls(**value)

    def disposal_date(self, owner_told_on: dt.date) -> dt.date:
        """The first day the item may be disposed of."""
        return add_months(owner_told_on, self.months)

    def warning_dates(self, owner_told_on: dt.date) -> dict[int, dt.date]:
        """{days before: the date that warning falls due}."""
        disposal = self.disposal_date(owner_told_on)
        return {days: disposal - dt.timedelta(days=days) for days in self.warn_days_before}

    def warnings_due(self, owner_told_on: dt.date, today: dt.date, already: set[int]) -> list[int]:
        """The warnings (days before) due by `today` and not yet recorded; none once disposal is allowed."""
        if today >= self.disposal_date(owner_told_on):
            return []
        return [days for days, on in self.warning_dates(owner_told_on).items() if on <= today and days not in already]

    def may_dispose(self, owner_told_on: dt.date | None, today: dt.date) -> bool:
        return owner_told_on is not None and today >= self.disposal_date(owner_told_on)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months later (the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    last_day = (following - dt.date(year, month, 1)).days
    return dt.date(year, month, min(day.day, last_day))
