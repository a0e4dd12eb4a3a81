"""Every figure of the known dataset (conftest.known) against the answer worked out by hand."""

import datetime as dt

import pytest

from tests.monitoring.conftest import NEWPORT, NOW, TORFAEN
from victimcare.monitoring.figures import Filters, compliance, fairness
from victimcare.monitoring.models import ComplianceCell

YEAR = Filters(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 1))


def _counts(row):
    return (row.total, row.met, row.met_late, row.missed, row.waived, row.overdue, row.not_yet_due)


def test_by_standard(known):
    rows = {row.key: row for row in compliance(YEAR, "standard", now=NOW)}
    assert set(rows) == {3, 4, 5}
    #                        total met late missed waived overdue not-yet-due
    assert _counts(rows[3]) == (2, 1, 1, 0, 0, 0, 0)
    assert _counts(rows[4]) == (4, 0, 0, 1, 1, 2, 0)
    assert _counts(rows[5]) == (2, 1, 0, 0, 0, 0, 1)
    assert rows[3].on_time_rate == pytest.approx(1 / 2)
    assert rows[4].on_time_rate == 0
    assert rows[5].on_time_rate == 1
    # Standard 3 was met after 90 and 5,760 minutes: median (90 + 5,760) / 2 = 2,925; 90th percentile
    # 90 + 0.9 * (5,760 - 90) = 5,193 (linear interpolation, as a spreadsheet's PERCENTILE gives).
    assert (rows[3].median_minutes, rows[3].p90_minutes) == (2925, pytest.approx(5193))
    assert (rows[5].median_minutes, rows[5].p90_minutes) == (1440, 1440)
    assert rows[4].median_minutes is None
    newport = {row.key: row for row in compliance(Filters(start=YEAR.start, end=YEAR.end, area=NEWPORT),
                                                  "standard", now=NOW)}
    assert newport[3].median_minutes == 90 and newport[5].median_minutes == 1440


def test_times_from_the_buckets_beyond_the_exact_limit(known, monkeypatch):
    """Past EXACT_TIMES_LIMIT the times come from the buckets: 90 and 5,760 are both bucket bounds, so the
    answer is the same; a time between bounds would be read as its bucket's upper bound."""
    from victimcare.monitoring import figures

    monkeypatch.setattr(figures, "EXACT_TIMES_LIMIT", 1)
    rows = {row.key: row for row in compliance(YEAR, "standard", now=NOW)}
    assert (rows[3].median_minutes, rows[3].p90_minutes) == (2925, pytest.approx(5193))
    monkeypatch.setattr(figures, "EXACT_TIMES_LIMIT", 10_000)


def test_exact_times_between_bucket_bounds(known, officer):
    """Met after 1,000 minutes (between the 900 and 1,080 bounds): exact while few, the bound beyond."""
    import victimcare.monitoring.figures as figures_module
    from tests.monitoring.conftest import end_of, london
    from victimcare.charter.rules import CommitmentDue, CommitmentKind
    from victimcare.charter.services import meet_commitment, open_commitment

    commitment = open_commitment(known["a"], CommitmentDue(CommitmentKind.OFFER_VPS, end_of(2, 20)),
                                 at=london(2, 2))
    meet_commitment(commitment, actor=officer, at=london(2, 2) + dt.timedelta(minutes=1000))
    kind = Filters(start=YEAR.start, end=YEAR.end, kind="offer_vps")
    assert compliance(kind, "kind", now=NOW)[0].median_minutes == 1000
    original = figures_module.EXACT_TIMES_LIMIT
    figures_module.EXACT_TIMES_LIMIT = 0
    try:
        assert compliance(kind, "kind", now=NOW)[0].median_minutes == 1080
    finally:
        figures_module.EXACT_TIMES_LIMIT = original


def test_by_area_month_quarter_rights_and_category(known):
    by_area = {row.key: _counts(row) for row in compliance(YEAR, "area", now=NOW)}
    assert by_area == {NEWPORT: (4, 2, 0, 1, 0, 1, 0), TORFAEN: (4, 0, 1, 0, 1, 1, 1)}
    by_month = {row.key: _counts(row) for row in compliance(YEAR, "month", now=NOW)}
    assert by_month == {dt.date(2026, 3, 1): (2, 1, 1, 0, 0, 0, 0), dt.date(2026, 4, 1): (2, 0, 0, 1, 1, 0, 0),
                        dt.date(2026, 5, 1): (1, 0, 0, 0, 0, 1, 0), dt.date(2026, 6, 1): (3, 1, 0, 0, 0, 1, 1)}
    by_quarter = {row.key: _counts(row) for row in compliance(YEAR, "quarter", now=NOW)}
    assert by_quarter == {"2026-Q1": (2, 1, 1, 0, 0, 0, 0), "2026-Q2": (6, 1, 0, 1, 1, 2, 1)}
    by_rights = {row.key: _counts(row) for row in compliance(YEAR, "rights", now=NOW)}
    assert by_rights == {True: (4, 2, 0, 1, 0, 1, 0), False: (4, 0, 1, 0, 1, 1, 1)}
    by_category = {row.key: _counts(row) for row in compliance(YEAR, "category", now=NOW)}
    assert by_category == {"violent-crime": (4, 2, 0, 1, 0, 1, 0), "burglary": (4, 0, 1, 0, 1, 1, 1)}


def test_by_kind_and_organisation(known, unit):
    by_kind = {row.key: _counts(row) for row in compliance(YEAR, "kind", now=NOW)}
    assert by_kind == {"written_acknowledgement": (2, 1, 1, 0, 0, 0, 0), "victim_update": (2, 0, 0, 1, 1, 0, 0),
                       "inform_decision": (2, 0, 0, 0, 0, 2, 0), "referral_to_support": (2, 1, 0, 0, 0, 0, 1)}
    by_organisation = compliance(YEAR, "organisation", now=NOW)
    assert [(row.key, _counts(row)) for row in by_organisation] == [(unit.pk, (8, 2, 1, 1, 1, 2, 1))]


def test_filters(known, force, unit, other_unit):
    only_newport = Filters(start=YEAR.start, end=YEAR.end, area=NEWPORT)
    assert [_counts(row) for row in compliance(only_newport, "area", now=NOW)] == [(4, 2, 0, 1, 0, 1, 0)]
    june = Filters(start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 1))
    assert [_counts(row) for row in compliance(june, "month", now=NOW)] == [(3, 1, 0, 0, 0, 1, 1)]
    burglary = Filters(start=YEAR.start, end=YEAR.end, category="burglary", standard=4)
    assert [_counts(row) for row in compliance(burglary, "standard", now=NOW)] == [(2, 0, 0, 0, 1, 1, 0)]
    # The force includes its units; another unit owes nothing here.
    whole_force = Filters(start=YEAR.start, end=YEAR.end, organisation=force.pk)
    assert sum(row.total for row in compliance(whole_force, "standard", now=NOW)) == 8
    elsewhere = Filters(start=YEAR.start, end=YEAR.end, organisation=other_unit.pk)
    assert compliance(elsewhere, "standard", now=NOW) == []
    standard_rights = Filters(start=YEAR.start, end=YEAR.end, rights="standard")
    assert sum(row.total for row in compliance(standard_rights, "standard", now=NOW)) == 4


def test_overdue_this_month_follows_the_clock(known):
    """Commitment 6 (due 3 June) is overdue on 15 June but was not yet due on 2 June."""
    early_june = dt.datetime(2026, 6, 2, 12, 0, tzinfo=NOW.tzinfo)
    june = Filters(start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 1), kind="inform_decision")
    assert [(row.overdue, row.not_yet_due) for row in compliance(june, "kind", now=NOW)] == [(1, 0)]
    assert [(row.overdue, row.not_yet_due) for row in compliance(june, "kind", now=early_june)] == [(0, 1)]


def test_fairness_by_age(known):
    rows = {row.comparison.group: row for row in fairness(YEAR, "age_band", now=NOW)}
    under_18, forty = rows["under_18"].comparison, rows["35_44"].comparison
    # Case A's victim was 16 when the case opened: met 1 and 8; missed 3; overdue 5.
    assert (under_18.successes, under_18.trials) == (2, 4)
    assert (under_18.rest_successes, under_18.rest_trials) == (0, 2)
    assert (forty.successes, forty.trials) == (0, 2)
    assert rows["18_24"].comparison.trials == 0
    assert rows["not_recorded"].comparison.trials == 0
    low, high = under_18.interval
    assert low == pytest.approx(0.15003, abs=1e-4) and high == pytest.approx(0.84997, abs=1e-4)  # Wilson 95%


def test_changes_move_between_cells(known, officer):
    """Meeting the overdue commitment 6 late moves it from overdue to met late; nothing is counted twice."""
    from victimcare.charter.services import meet_commitment

    meet_commitment(known["commitments"][6], actor=officer, at=NOW)
    rows = {row.key: _counts(row) for row in compliance(YEAR, "kind", now=NOW)}
    assert rows["inform_decision"] == (2, 0, 1, 0, 0, 1, 0)
    assert sum(cell.total for cell in ComplianceCell.objects.all()) == 8


def _cells():
    from victimcare.monitoring.models import FairnessCell, KindTimeToMeetCell, SatisfactionCell, TimeToMeetCell

    found = {}
    for model in (ComplianceCell, FairnessCell, TimeToMeetCell, KindTimeToMeetCell, SatisfactionCell):
        rows = model.objects.values()
        found[model.__name__] = sorted(
            tuple(sorted((k, str(v)) for k, v in row.items() if k != "id")) for row in rows
            if any(v for k, v in row.items() if k in ("total", "count", "answered")))
    return found


def test_the_running_counts_equal_a_recount(known, officer):
    from victimcare.charter.services import meet_commitment
    from victimcare.equality.services import record_equality_answers
    from victimcare.monitoring.rebuild import rebuild_figures
    from victimcare.satisfaction.services import record_survey_response

    meet_commitment(known["commitments"][6], actor=officer, at=NOW)
    record_survey_response(known["a"], ratings=dict.fromkeys(
        ("ease_of_contact", "actions_taken", "kept_informed", "treatment", "whole_experience"), 2),
        how="phone", actor=officer, at=NOW)
    record_equality_answers(known["a"].victim, answers={"sex": "female"}, how="staff", actor=officer,
                            case=known["a"])
    running = _cells()
    written = rebuild_figures()
    assert written["commitments"] == 8 and written["surveys"] == 1
    assert _cells() == running


def test_minutes_to_meet_across_a_clock_change_are_real_minutes():
    """Two London times either side of the change to summer time (29 March 2026, 01:00 GMT): Python would
    subtract them as wall-clock times, an hour out; the figures count real elapsed minutes."""
    from datetime import datetime

    from victimcare.charter.calendar import LONDON
    from victimcare.monitoring.facts import minutes_between

    before = datetime(2026, 3, 28, 12, 0, tzinfo=LONDON)
    after = datetime(2026, 3, 29, 12, 0, tzinfo=LONDON)
    assert minutes_between(before, after) == 23 * 60
