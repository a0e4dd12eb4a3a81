"""The Commissioner's figures, added up from the monitoring cells.

Every function returns raw counts; `victimcare.monitoring.publish` suppresses small numbers before
anything reaches a screen or a file. A commitment belongs to the month it fell due in. Of the commitments
due in a period: met (on time), met late, missed, waived, open and overdue, open and not yet due. The
on-time rate is met / (met + met late + missed + overdue): waived ones and those not yet due are left out.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property

from django.db.models import Count, Q, Sum
from django.utils import timezone

from victimcare.charter.calendar import LONDON
from victimcare.charter.rules import CommitmentKind
from victimcare.equality.groups import CHARACTERISTICS, groups
from victimcare.monitoring.facts import month_of
from victimcare.monitoring.models import (
    CommitmentFact,
    ComplianceCell,
    FairnessCell,
    KindTimeToMeetCell,
    SatisfactionCell,
    TimeToMeetCell,
)
from victimcare.monitoring.stats import percentile_from_histogram, two_proportion_p_value, wilson_interval
from victimcare.organisations.models import Organisation
from victimcare.satisfaction.models import STAGES

COMPLIANCE_BREAKDOWNS = ("standard", "kind", "organisation", "area", "category", "rights", "month", "quarter")
SATISFACTION_BREAKDOWNS = ("area", "organisation", "category", "rights", "month", "quarter", "updates")
_FIELD = {"standard": "standard", "kind": "kind", "organisation": "organisation_id", "area": "area",
          "category": "category", "rights": "enhanced", "month": "month", "quarter": "month", "updates": "updates",
          "group": "group"}
COUNTS = ("total", "met", "met_late", "missed", "waived", "open")
SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class Filters:
    """Which commitments or answers count: months from `start` to `end` (first days, both included), and
    optionally one local authority (ONS code), organisation (with the units under it), crime category,
    rights ("enhanced" or "standard"), charter standard or commitment kind."""

    start: dt.date
    end: dt.date
    area: str = ""
    organisation: int | None = None
    category: str = ""
    rights: str = ""
    standard: int | None = None
    kind: str = ""

    @cached_property
    def organisations(self) -> set[int]:
        return organisation_and_below(self.organisation) if self.organisation else set()

    def cell_filter(self, *, with_category: bool = True) -> Q:
        query = Q(month__gte=self.start, month__lte=self.end)
        if self.area:
            query &= Q(area=self.area)
        if self.organisation:
            query &= Q(organisation_id__in=self.organisations)
        if self.category and with_category:
            query &= Q(category=self.category)
        if self.rights:
            query &= Q(enhanced=self.rights == "enhanced")
        if self.standard:
            query &= Q(standard=self.standard)
        if self.kind:
            query &= Q(kind=self.kind)
        return query

    def survey_filter(self) -> Q:
        query = Q(month__gte=self.start, month__lte=self.end)
        if self.area:
            query &= Q(area=self.area)
        if self.organisation:
            query &= Q(organisation_id__in=self.organisations)
        if self.category:
            query &= Q(category=self.category)
        if self.rights:
            query &= Q(enhanced=self.rights == "enhanced")
        return query


def organisation_and_below(organisation_id: int) -> set[int]:
    """The organisation and every organisation under it (the force and its units)."""
    children = defaultdict(list)
    for pk, parent in Organisation.objects.values_list("pk", "parent_id"):
        children[parent].append(pk)
    found, todo = set(), [organisation_id]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children[current])
    return found


def quarter_of(month: dt.date) -> str:
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"


def quarter_months(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * (quarter - 1) + 1, 1)
    return first, dt.date(year, 3 * quarter, 1)


@dataclass
class ComplianceRow:
    key: object
    total: int = 0
    met: int = 0
    met_late: int = 0
    missed: int = 0
    waived: int = 0
    overdue: int = 0
    not_yet_due: int = 0
    histogram: dict = field(default_factory=lambda: defaultdict(int), repr=False)

    @property
    def decided(self) -> int:
        """The commitments whose timeliness is known: met, met late, missed, or open past their due time."""
        return self.met + self.met_late + self.missed + self.overdue

    @property
    def on_time_rate(self) -> float | None:
        return self.met / self.decided if self.decided else None

    @property
    def median_minutes(self) -> float | None:
        return percentile_from_histogram(self.histogram, 0.5)

    @property
    def p90_minutes(self) -> float | None:
        return percentile_from_histogram(self.histogram, 0.9)


def _group_key(by: str, row: dict):
    value = row[_FIELD[by]]
    return quarter_of(value) if by == "quarter" else value


def compliance(filters: Filters, by: str, *, now: dt.datetime | None = None) -> list[ComplianceRow]:
    """One row per value of `by` (one of COMPLIANCE_BREAKDOWNS), in a stable order."""
    if by not in COMPLIANCE_BREAKDOWNS:
        raise ValueError(f"Unknown breakdown {by!r}: one of {', '.join(COMPLIANCE_BREAKDOWNS)}")
    rows = _compliance(ComplianceCell.objects.filter(filters.cell_filter()), by,
                       _live_overdue(filters, _FIELD[by], now=now), _times(filters, by), now=now)
    _exact_times(filters, by, rows)
    return rows


# Up to this many commitments met, medians and percentiles come from each commitment's own time (one query
# of at most this many rows); beyond it, from the time-to-meet buckets, to within a bucket.
EXACT_TIMES_LIMIT = 10_000


def _exact_times(filters: Filters, by: str, rows: list[ComplianceRow]) -> None:
    if sum(sum(row.histogram.values()) for row in rows) > EXACT_TIMES_LIMIT:
        return
    exact: dict = defaultdict(lambda: defaultdict(int))
    facts = CommitmentFact.objects.filter(filters.cell_filter(), outcome__in=("met", "met_late"))
    for value, minutes in facts.values_list(_FIELD[by], "minutes_to_meet"):
        key = quarter_of(value) if by == "quarter" else value
        exact[key][minutes] += 1
    for row in rows:
        row.histogram = exact[row.key]


def _times(filters: Filters, by: str):
    """The time-to-meet cells to read: the roll-up by kind when nothing narrows by place, owner, category
    or rights, else the full cells."""
    if by in ("standard", "kind", "month", "quarter") and not (
            filters.area or filters.organisation or filters.category or filters.rights):
        query = Q(month__gte=filters.start, month__lte=filters.end)
        if filters.standard:
            query &= Q(standard=filters.standard)
        if filters.kind:
            query &= Q(kind=filters.kind)
        return KindTimeToMeetCell.objects.filter(query)
    return TimeToMeetCell.objects.filter(filters.cell_filter())


def _compliance(cells, by: str, live_overdue, times, *, now=None) -> list[ComplianceRow]:
    """Adds up `cells` by `by`. A cell's open commitments are overdue if its month has passed, not yet due
    if its month is to come; this month's are split by `live_overdue` (what is overdue right now)."""
    this_month = month_of(now or timezone.now())
    field_name = _FIELD[by]
    open_by_month = {"open_past": Sum("open", filter=Q(month__lt=this_month)),
                     "open_now": Sum("open", filter=Q(month=this_month)),
                     "open_later": Sum("open", filter=Q(month__gt=this_month))}
    rows: dict = {}
    sums = {name: Sum(name) for name in COUNTS if name != "open"}
    for cell in cells.values(field_name).annotate(**sums, **open_by_month).order_by():
        key = _group_key(by, cell)
        row = rows.setdefault(key, ComplianceRow(key))
        for name in sums:
            setattr(row, name, getattr(row, name) + cell[name])
        row.overdue += cell["open_past"] or 0
        row.not_yet_due += (cell["open_now"] or 0) + (cell["open_later"] or 0)
    for live in live_overdue:
        key = _group_key(by, live)
        row = rows.setdefault(key, ComplianceRow(key))
        row.overdue += live["overdue"]
        row.not_yet_due -= live["overdue"]
    if times is not None:
        for time in times.values(field_name, "bucket").annotate(count=Sum("count")).order_by():
            key = _group_key(by, time)
            if key in rows:
                rows[key].histogram[time["bucket"]] += time["count"]
    return [rows[key] for key in sorted(rows, key=_sort_key)]


def _sort_key(key):
    return (str(type(key)), key)


def _live_overdue(filters: Filters, field_name: str, *, now=None, characteristic: str = ""):
    """Commitments due earlier this month and still open: overdue now, though their cell cannot say so."""
    now = now or timezone.now()
    this_month = month_of(now)
    if not (filters.start <= this_month <= filters.end):
        return []
    start = dt.datetime.combine(this_month, dt.time(), tzinfo=LONDON)
    facts = CommitmentFact.objects.filter(filters.cell_filter(), outcome="open", due_at__gte=start, due_at__lt=now)
    if characteristic:
        field_name = f"groups__{characteristic}"
    return [{**row, "month": this_month} for row in facts.values(field_name).annotate(overdue=Count("pk")).order_by()]


@dataclass
class GroupComparison:
    """One group's figure beside everyone else's, and whether the gap is bigger than chance would give."""

    group: str
    successes: int
    trials: int
    rest_successes: int
    rest_trials: int

    @property
    def rate(self) -> float | None:
        return self.successes / self.trials if self.trials else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.successes, self.trials)

    @property
    def rest_rate(self) -> float | None:
        return self.rest_successes / self.rest_trials if self.rest_trials else None

    @property
    def p_value(self) -> float | None:
        return two_proportion_p_value(self.successes, self.trials, self.rest_successes, self.rest_trials)

    @property
    def differs(self) -> bool:
        p_value = self.p_value
        return p_value is not None and p_value < SIGNIFICANCE


@dataclass
class FairnessRow:
    compliance: ComplianceRow
    comparison: GroupComparison


def fairness(filters: Filters, characteristic: str, *, now=None) -> list[FairnessRow]:
    """The on-time rate for each group of `characteristic`, each compared with all the other groups
    together. The crime category filter does not apply (the fairness cells do not keep it)."""
    if characteristic not in CHARACTERISTICS:
        raise ValueError(f"Unknown characteristic {characteristic!r}")
    cells = FairnessCell.objects.filter(filters.cell_filter(with_category=False), characteristic=characteristic)
    plain = replace(filters, category="")
    live = _live_overdue(plain, "group", now=now, characteristic=characteristic)
    live = [{"group": row[f"groups__{characteristic}"], "month": row["month"], "overdue": row["overdue"]}
            for row in live]
    rows = {row.key: row for row in _compliance(cells, "group", live, None, now=now)}
    total_met = sum(row.met for row in rows.values())
    total_decided = sum(row.decided for row in rows.values())
    result = []
    for group in groups(characteristic):
        row = rows.get(group, ComplianceRow(group))
        result.append(FairnessRow(row, GroupComparison(group, row.met, row.decided,
                                                       total_met - row.met, total_decided - row.decided)))
    return result


@dataclass
class SatisfactionRow:
    key: object
    answered: int = 0
    ratings: dict = field(default_factory=lambda: {stage: [0] * 5 for stage in STAGES})

    def satisfied(self, stage: str) -> int:
        """Very or fairly satisfied (1 or 2 on the five-point scale)."""
        return self.ratings[stage][0] + self.ratings[stage][1]

    def satisfied_rate(self, stage: str) -> float | None:
        return self.satisfied(stage) / self.answered if self.answered else None

    def interval(self, stage: str) -> tuple[float, float] | None:
        return wilson_interval(self.satisfied(stage), self.answered)


def satisfaction(filters: Filters, by: str) -> list[SatisfactionRow]:
    """Survey answers by `by`: one of SATISFACTION_BREAKDOWNS or a protected characteristic."""
    if by in CHARACTERISTICS:
        cells = SatisfactionCell.objects.filter(filters.survey_filter(), characteristic=by)
        field_name = "group"
    elif by in SATISFACTION_BREAKDOWNS:
        cells = SatisfactionCell.objects.filter(filters.survey_filter(), characteristic="")
        field_name = _FIELD[by]
    else:
        raise ValueError(f"Unknown breakdown {by!r}")
    rows: dict = {}
    for cell in cells.values(field_name, "answered", "ratings"):
        key = quarter_of(cell[field_name]) if by == "quarter" else cell[field_name]
        row = rows.setdefault(key, SatisfactionRow(key))
        row.answered += cell["answered"]
        for stage in STAGES:
            for index, count in enumerate(cell["ratings"].get(stage, [0] * 5)):
                row.ratings[stage][index] += count
    if by in CHARACTERISTICS:
        return [rows.get(group, SatisfactionRow(group)) for group in groups(by)]
    return [rows[key] for key in sorted(rows, key=_sort_key)]


def satisfaction_comparison(rows: list[SatisfactionRow], stage: str) -> list[GroupComparison]:
    """Each row's share satisfied at `stage`, compared with all the other rows together."""
    total_satisfied = sum(row.satisfied(stage) for row in rows)
    total = sum(row.answered for row in rows)
    return [GroupComparison(row.key, row.satisfied(stage), row.answered,
                            total_satisfied - row.satisfied(stage), total - row.answered) for row in rows]


# The Victims' Code quarterly compliance return's five areas, and the commitments that measure each.
RETURN_AREAS: tuple[tuple[str, tuple[CommitmentKind, ...]], ...] = (
    ("written_acknowledgement", (CommitmentKind.WRITTEN_ACKNOWLEDGEMENT,)),
    ("referral_to_support", (CommitmentKind.REFERRAL_TO_SUPPORT,)),
    ("updates", (CommitmentKind.VICTIM_UPDATE, CommitmentKind.INFORM_DECISION, CommitmentKind.INFORM_COURT_NEWS)),
    ("vps_offered", (CommitmentKind.OFFER_VPS,)),
    ("release_notice", ()),  # advance notice of release is given by probation; not recorded in Victim Care
)


@dataclass
class ReturnArea:
    area: str
    kinds: tuple[CommitmentKind, ...]
    all_victims: ComplianceRow
    under_18: ComplianceRow

    @property
    def recorded(self) -> bool:
        return bool(self.kinds)


def quarterly_return(year: int, quarter: int, filters: Filters | None = None, *, now=None) -> list[ReturnArea]:
    start, end = quarter_months(year, quarter)
    base = replace(filters, start=start, end=end) if filters else Filters(start=start, end=end)
    by_kind = {row.key: row for row in compliance(replace(base, kind="", standard=None), "kind", now=now)}
    areas = []
    for area, kinds in RETURN_AREAS:
        everyone, children = ComplianceRow(area), ComplianceRow(area)
        for kind in kinds:
            if kind.value in by_kind:
                _add_into(everyone, by_kind[kind.value])
            for row in fairness(replace(base, kind=kind.value, standard=None), "age_band", now=now):
                if row.comparison.group == "under_18":
                    _add_into(children, row.compliance)
        areas.append(ReturnArea(area, kinds, everyone, children))
    return areas


def _add_into(target: ComplianceRow, row: ComplianceRow) -> None:
    for name in ("total", "met", "met_late", "missed", "waived", "overdue", "not_yet_due"):
        setattr(target, name, getattr(target, name) + getattr(row, name))
    for bucket, count in row.histogram.items():
        target.histogram[bucket] += count
