"""Working days and London time, checked against GOV.UK's own list of bank holidays."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from victimcare.charter.calendar import (
    LONDON,
    add_working_days,
    bank_holidays,
    end_of_day,
    is_working_day,
    working_day_deadline,
    working_days_between,
)

# England and Wales bank holidays as published by GOV.UK (https://www.gov.uk/bank-holidays):
# the oracle, typed in by hand rather than computed.
GOV_UK_BANK_HOLIDAYS = {
    2019: ["01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2020: ["01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28"],
    2021: ["01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28"],
    2022: ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27"],
    2023: ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"],
    2024: ["01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"],
    2025: ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"],
    2026: ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"],
    2027: ["01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"],
}
ORACLE = frozenset(
    date.fromisoformat(f"{year}-{month_day}") for year, days in GOV_UK_BANK_HOLIDAYS.items() for month_day in days
)
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2027, 12, 31)
MAX_DAYS = 60

# Starts late enough in 2027 that adding MAX_DAYS working days stays inside the oracle's years.
starts = st.dates(min_value=FIRST_DAY, max_value=date(2027, 9, 30))
day_counts = st.integers(min_value=0, max_value=MAX_DAYS)
positive_day_counts = st.integers(min_value=1, max_value=MAX_DAYS)
examples = settings(max_examples=300, deadline=None)


def oracle_is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in ORACLE


def oracle_add_working_days(start: date, days: int) -> date:
    day = start
    if days == 0:
        while not oracle_is_working_day(day):
            day += timedelta(days=1)
        return day
    while days:
        day += timedelta(days=1)
        if oracle_is_working_day(day):
            days -= 1
    return day


def london(year, month, day, hour=0, minute=0, second=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


def utc(year, month, day, hour=0, minute=0, second=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# Bank holidays


@pytest.mark.parametrize("year", sorted(GOV_UK_BANK_HOLIDAYS))
def test_bank_holidays_are_exactly_the_gov_uk_list(year):
    assert bank_holidays(year) == {day for day in ORACLE if day.year == year}


def test_substitute_day_is_a_holiday_but_the_weekend_date_is_not_listed():
    # Christmas Day 2022 was a Sunday: GOV.UK lists Tuesday 27 December instead.
    assert date(2022, 12, 25) not in bank_holidays(2022)
    assert date(2022, 12, 27) in bank_holidays(2022)
    assert not is_working_day(date(2022, 12, 27))


# add_working_days and working_days_between


@examples
@given(start=starts, days=day_counts)
def test_add_working_days_agrees_with_gov_uk_oracle(start, days):
    assert add_working_days(start, days) == oracle_add_working_days(start, days)


@examples
@given(start=starts, days=day_counts)
def test_result_is_never_a_weekend_or_bank_holiday(start, days):
    result = add_working_days(start, days)
    assert result.weekday() < 5
    assert result not in ORACLE


@examples
@given(first=starts, second=starts, days=day_counts)
def test_monotonic_in_start_date(first, second, days):
    earlier, later = sorted([first, second])
    assert add_working_days(earlier, days) <= add_working_days(later, days)


@examples
@given(start=starts, fewer=day_counts, more=day_counts)
def test_monotonic_in_number_of_days(start, fewer, more):
    fewer, more = sorted([fewer, more])
    assert add_working_days(start, fewer) <= add_working_days(start, more)
    if fewer < more:
        assert add_working_days(start, fewer) < add_working_days(start, more)


@examples
@given(start=starts, days=positive_day_counts)
def test_counting_back_gives_the_number_added(start, days):
    assert working_days_between(start, add_working_days(start, days)) == days


@examples
@given(start=starts)
def test_zero_days_is_the_same_or_next_working_day(start):
    result = add_working_days(start, 0)
    assert is_working_day(result)
    assert working_days_between(start, result) == (0 if is_working_day(start) else 1)


def test_working_days_between_is_zero_when_end_is_not_after_start():
    assert working_days_between(date(2025, 7, 7), date(2025, 7, 7)) == 0
    assert working_days_between(date(2025, 7, 7), date(2025, 7, 1)) == 0


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2025, 7, 7), -1)


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2025, 7, 4), 1, date(2025, 7, 7)),  # Friday → Monday
        (date(2025, 4, 17), 1, date(2025, 4, 22)),  # Thursday before Easter → Tuesday after
        (date(2025, 12, 24), 1, date(2025, 12, 29)),  # Christmas Eve → Monday 29th
        (date(2025, 12, 24), 5, date(2026, 1, 5)),  # across New Year's Day
        (date(2022, 6, 1), 1, date(2022, 6, 6)),  # Platinum Jubilee Thursday and Friday
    ],
)
def test_known_working_day_sums(start, days, expected):
    assert add_working_days(start, days) == expected


# Europe/London


def test_end_of_day_is_2259_utc_in_summer_and_2359_utc_in_winter():
    assert end_of_day(date(2025, 7, 7)) == utc(2025, 7, 7, 22, 59, 59)
    assert end_of_day(date(2025, 1, 6)) == utc(2025, 1, 6, 23, 59, 59)


@pytest.mark.parametrize(
    ("day", "expected_utc"),
    [
        # Clocks go forward at 01:00 UTC on Sunday 30 March 2025.
        (date(2025, 3, 29), utc(2025, 3, 29, 23, 59, 59)),
        (date(2025, 3, 30), utc(2025, 3, 30, 22, 59, 59)),
        (date(2025, 3, 31), utc(2025, 3, 31, 22, 59, 59)),
        # Clocks go back at 01:00 UTC on Sunday 26 October 2025.
        (date(2025, 10, 25), utc(2025, 10, 25, 22, 59, 59)),
        (date(2025, 10, 26), utc(2025, 10, 26, 23, 59, 59)),
        (date(2025, 10, 27), utc(2025, 10, 27, 23, 59, 59)),
    ],
)
def test_end_of_day_either_side_of_the_clock_changes(day, expected_utc):
    assert end_of_day(day) == expected_utc


def test_summer_decision_at_2330_utc_is_already_the_next_london_day():
    # Thursday 10 July 2025 23:30 UTC is Friday 00:30 in London: one working day later is Monday.
    assert working_day_deadline(utc(2025, 7, 10, 23, 30), 1) == utc(2025, 7, 14, 22, 59, 59)
    # A minute before midnight London time it is still Thursday: due end of Friday.
    assert working_day_deadline(utc(2025, 7, 10, 22, 59), 1) == utc(2025, 7, 11, 22, 59, 59)


def test_winter_decision_at_2330_utc_is_still_the_same_london_day():
    # Thursday 9 January 2025 23:30 UTC is 23:30 in London: due end of Friday.
    assert working_day_deadline(utc(2025, 1, 9, 23, 30), 1) == utc(2025, 1, 10, 23, 59, 59)


@pytest.mark.parametrize(
    ("decided", "expected_utc"),
    [
        # Friday before the spring change (GMT) → Monday after it (BST).
        (london(2025, 3, 28, 16), utc(2025, 3, 31, 22, 59, 59)),
        # Friday before the autumn change (BST) → Monday after it (GMT).
        (london(2025, 10, 24, 16), utc(2025, 10, 27, 23, 59, 59)),
        # Decided on the changeover Sundays themselves, just after the change.
        (utc(2025, 3, 30, 1, 30), utc(2025, 3, 31, 22, 59, 59)),
        (utc(2025, 10, 26, 1, 30), utc(2025, 10, 27, 23, 59, 59)),
    ],
)
def test_deadlines_across_the_clock_changes(decided, expected_utc):
    assert working_day_deadline(decided, 1) == expected_utc


def test_deadline_needs_an_aware_moment():
    with pytest.raises(ValueError, match="timezone-aware"):
        working_day_deadline(datetime(2025, 7, 7, 12, 0), 1)
