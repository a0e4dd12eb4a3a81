"""What one commitment or survey answer counts towards: plain values, no database writes."""

import datetime as dt
import math

from victimcare.charter.calendar import LONDON
from victimcare.equality.groups import CHARACTERISTICS, groups_for


def month_of(moment: dt.datetime) -> dt.date:
    """The first day of the month `moment` falls in, in London."""
    return moment.astimezone(LONDON).date().replace(day=1)


def bucket_of(minutes: int) -> int:
    """Minutes rounded up to the time-to-meet resolution: exact to 2 hours, then 15 minutes to 2 days,
    an hour to 30 days, a day beyond."""
    for limit, step in ((120, 1), (48 * 60, 15), (30 * 24 * 60, 60)):
        if minutes <= limit:
            return math.ceil(minutes / step) * step
    return math.ceil(minutes / 1440) * 1440


def minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, math.ceil((end - start).total_seconds() / 60))


def case_dimensions(case) -> dict:
    """The case's place in the figures: its area, crime category, rights and the victim's groups (age
    at the time the case was opened)."""
    crime = case.crime
    return {
        "area": crime.local_authority_id or "",
        "category": crime.category or "",
        "enhanced": bool(case.enhanced_rights),
        "groups": groups_for(case.victim, case.opened_at.astimezone(LONDON).date()),
    }


def commitment_fact(commitment, dimensions: dict) -> dict:
    """The CommitmentFact values for `commitment` now, given its case's dimensions."""
    outcome = commitment.status
    minutes = None
    if outcome in ("met", "met_late") and commitment.closed_at:
        minutes = minutes_between(commitment.opened_at, commitment.closed_at)
    return {
        "month": month_of(commitment.due_at),
        "due_at": commitment.due_at,
        "kind": commitment.kind,
        "standard": commitment.standard,
        "organisation_id": commitment.owner_organisation_id,
        "area": dimensions["area"],
        "category": dimensions["category"],
        "enhanced": dimensions["enhanced"],
        "outcome": outcome,
        "minutes_to_meet": minutes,
        "groups": {name: dimensions["groups"][name] for name in CHARACTERISTICS},
    }


def updates_timeliness(commitments, at: dt.datetime) -> str:
    """'late' if any update or decision the victim was owed was met late, missed or is overdue at `at`;
    'on_time' if at least one was met on time; 'none' if none had fallen due."""
    seen_on_time = False
    for commitment in commitments:
        if commitment.kind not in ("victim_update", "inform_decision"):
            continue
        if commitment.status in ("met_late", "missed") or (commitment.status == "open" and commitment.due_at < at):
            return "late"
        if commitment.status == "met":
            seen_on_time = True
    return "on_time" if seen_on_time else "none"
