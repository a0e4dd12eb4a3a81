"""Rule tests: when each standard-2 and key-decision commitment falls due, across weekends, bank
holidays and British Summer Time changes (Europe/London)."""

from datetime import UTC, datetime, timedelta

import pytest

from victimcare.cases.services import grade_response, record_key_decision
from victimcare.charter.calendar import LONDON
from victimcare.charter.rules import (
    DEFAULT_DEADLINES,
    Deadlines,
    KeyDecision,
    inform_decision_commitment,
    response_commitment,
)


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(("grade", "rural", "minutes"), [
    (1, False, 15), (1, True, 20), (2, False, 60), (2, True, 60), (3, False, 48 * 60), (4, False, 24 * 60),
])
def test_default_targets(grade, rural, minutes):
    at = datetime(2026, 6, 3, 9, 0, tzinfo=UTC)
    due = response_commitment(grade, at, rural, DEFAULT_DEADLINES)
    assert due.due_at == at + timedelta(minutes=minutes)
    assert due.detail == {"grade": grade, "target_minutes": minutes, "rural": rural}


def test_targets_are_configurable():
    policy = Deadlines.with_overrides({"response_minutes": {1: 10}, "response_grade_1_rural_minutes": 25})
    at = datetime(2026, 6, 3, 9, 0, tzinfo=UTC)
    assert response_commitment(1, at, False, policy).due_at == at + timedelta(minutes=10)
    assert response_commitment(1, at, True, policy).due_at == at + timedelta(minutes=25)
    assert response_commitment(2, at, False, policy).due_at == at + timedelta(minutes=60), "others keep defaults"


@pytest.mark.parametrize(("graded", "due_local"), [
    # Clocks go forward at 01:00 GMT on Sunday 29 March 2026: 48 hours later reads an hour later.
    (london(2026, 3, 28, 12, 0), london(2026, 3, 30, 13, 0)),
    # Clocks go back at 02:00 BST on Sunday 25 October 2026: 48 hours later reads an hour earlier.
    (london(2026, 10, 24, 12, 0), london(2026, 10, 26, 11, 0)),
    # No change: same clock time two days later.
    (london(2026, 6, 6, 12, 0), london(2026, 6, 8, 12, 0)),
])
def test_grade_3_is_48_elapsed_hours_across_summer_time_changes(case, officer, graded, due_local):
    commitment = grade_response(case, 3, actor=officer, rationale="Scheduled appointment", at=graded)
    assert commitment.due_at - graded.astimezone(UTC) == timedelta(hours=48)
    assert commitment.due_at.astimezone(LONDON).replace(tzinfo=None) == due_local.replace(tzinfo=None)


def test_grade_1_across_the_missing_hour(case, officer):
    # 00:55 GMT, five minutes before the clocks go forward: 15 minutes later is 02:10 BST.
    commitment = grade_response(case, 1, actor=officer, rationale="Weapon seen", at=london(2026, 3, 29, 0, 55))
    assert commitment.due_at.astimezone(LONDON).strftime("%H:%M %Z") == "02:10 BST"


@pytest.mark.parametrize(("decided", "enhanced", "due_day"), [
    # Friday before the August bank holiday (Monday 31 August 2026).
    (london(2026, 8, 28, 16, 0), True, (2026, 9, 1)),
    (london(2026, 8, 28, 16, 0), False, (2026, 9, 7)),  # Tue 1, Wed 2, Thu 3, Fri 4, Mon 7
    # A weekend: Saturday counts from the Saturday, so the first working day is Monday.
    (london(2026, 6, 6, 10, 0), True, (2026, 6, 8)),
    (london(2026, 6, 6, 10, 0), False, (2026, 6, 12)),
    # Christmas 2026: Friday 25 and Monday 28 December (Boxing Day's substitute) are holidays.
    (london(2026, 12, 24, 10, 0), True, (2026, 12, 29)),
    # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
    (london(2026, 4, 2, 15, 0), True, (2026, 4, 7)),
    # 00:30 BST on Friday is still Thursday in UTC: the London date counts, so the deadline is Monday.
    (datetime(2026, 7, 2, 23, 30, tzinfo=UTC), True, (2026, 7, 6)),
    # Near the autumn change: decided Friday 23 October 2026 (BST), due Monday 26 October (GMT).
    (london(2026, 10, 23, 17, 0), True, (2026, 10, 26)),
])
def test_inform_decision_due_at_the_end_of_the_working_day(decided, enhanced, due_day):
    due = inform_decision_commitment(KeyDecision.CHARGED, decided, enhanced, DEFAULT_DEADLINES)
    local = due.due_at.astimezone(LONDON)
    assert (local.year, local.month, local.day) == due_day
    assert (local.hour, local.minute, local.second) == (23, 59, 59)


def test_christmas_standard_deadline_is_in_the_new_year():
    # Thu 24 Dec 2026: working days after are Tue 29, Wed 30, Thu 31 Dec, (Fri 1 Jan holiday), Mon 4, Tue 5 Jan.
    due = inform_decision_commitment(KeyDecision.CHARGED, london(2026, 12, 24, 10, 0), False, DEFAULT_DEADLINES)
    assert due.due_at.astimezone(LONDON).date().isoformat() == "2027-01-05"


@pytest.mark.parametrize("decision", list(KeyDecision))
def test_every_decision_opens_its_commitment_through_the_service(case, officer, decision):
    commitment = record_key_decision(case, decision, actor=officer, at=london(2026, 8, 28, 16, 0),
                                     tell_victim="What happened")
    assert commitment.due_at.astimezone(LONDON).date().isoformat() == "2026-09-07"
    assert commitment.detail["decision"] == decision.value
    assert commitment.detail["tell_victim"] == "What happened"
