"""Working days for Victims' Code deadlines: Monday to Friday, not England and Wales bank holidays,
in Europe/London time.

The `holidays` package also lists the weekend date of a holiday that moves to a substitute weekday
(e.g. Christmas Day on a Sunday); GOV.UK lists only the weekday. Counting weekdays minus holidays
makes the two agree.
"""

from datetime import date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays that fall on a weekday in `year`."""
    listed = holidays.country_holidays("GB", subdiv="WLS", years=year)
    return frozenset(day for day in listed if day.weekday() < 5)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The `days`-th working day after `start` (so 1 from a Friday is the next Monday).

    With days=0, `start` itself if it is a working day, otherwise the next working day.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    if days == 0:
        while not is_working_day(day):
            day += timedelta(days=1)
        return day
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after `start` up to and including `end` (0 if end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def end_of_day(day: date) -> datetime:
    """The last moment of `day` in London, as an aware datetime."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=LONDON)


def working_day_deadline(moment: datetime, days: int) -> datetime:
    """The end of the `days`-th working day after the London date of `moment`."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    local_day = moment.astimezone(LONDON).date()
    return end_of_day(add_working_days(local_day, days))
