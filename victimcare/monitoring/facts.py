"""What one commitment or survey answer counts towards: plain values, no database writes."""

import bisect
import datetime as dt
import math

from victimcare.charter.calendar import LONDON
from victimcare.equality.groups import CHARACTERISTICS, groups_for


def month_of(moment: dt.datetime) -> dt.date:
    """The first day of the month `moment` falls in, in London."""
    return moment.astimezone(LONDON).date().replace(day=1)


# Upper bounds of the time-to-meet buckets, in minutes: steps a person reads easily (minutes, hours, days,
# weeks), each at most about a third wider than the one before, so a median or 90th percentile is known
# to within that step while a cell holds at most ~60 buckets, not one per minute.
BUCKETS: tuple[int, ...] = (
    1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 75, 90, 105, 120, 150, 180, 240, 300, 360, 480,
    600, 720, 900, 1080, 1440, 1800, 2160, 2880, 3600, 4320, 5760, 7200, 8640, 10080, 12960, 15840, 20160,
    25920, 30240, 40320, 50400, 60480, 80640, 100800, 131040, 175680, 262800, 525600,
)


def bucket_of(minutes: int) -> int:
    """The smallest bucket bound at or above `minutes` (a year or more counts as a year)."""
    return BUCKETS[min(bisect.bisect_left(BUCKETS, minutes), len(BUCKETS) - 1)]


def minutes_between(start: dt.datetime, end: dt.datetime) -> int:
    # In UTC: Python subtracts two datetimes that share a tzinfo (both Europe/London, say) as wall-clock
    # times, an hour out when a clock change lies between them.
    elapsed = end.astimezone(dt.UTC) - start.astimezone(dt.UTC)
    return max(0, math.ceil(elapsed.total_seconds() / 60))


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
