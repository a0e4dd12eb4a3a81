"""The plain-Python first-contact rules: DASH, THRIVE, the repeat-victim rule and the proposals."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from victimcare.charter.rules import DEFAULT_DEADLINES, EnhancedReason, VictimCircumstances
from victimcare.firstcontact import assessment
from victimcare.firstcontact.assessment import RepeatVictimRule

LONDON = ZoneInfo("Europe/London")


def test_there_are_24_dash_questions_in_english_and_welsh():
    assert len(assessment.DASH_QUESTIONS) == 24
    assert all(english and welsh and english != welsh for english, welsh in assessment.DASH_QUESTIONS)
    assert assessment.dash_question(2) == "Are you very frightened?"
    assert assessment.dash_question(15, "cy").startswith("A yw'r camdriniwr erioed wedi ceisio eich tagu")


@pytest.mark.parametrize(("score", "band"), [
    (0, "standard"), (1, "standard"), (9, "standard"), (10, "medium"), (13, "medium"), (14, "high"), (24, "high"),
])
def test_dash_bands(score, band):
    assert assessment.dash_band(score) == band


def test_only_yes_answers_score():
    answers = {1: "yes", 2: "no", 3: "not_known", 4: "yes"}
    assert assessment.dash_score(answers) == 2


@pytest.mark.parametrize(("offence", "domestic", "honour", "applies"), [
    ("common-assault", True, False, True),
    ("stalking", False, False, True),
    ("harassment", False, False, True),
    ("coercive-control", False, False, True),
    ("common-assault", False, True, True),
    ("burglary-home", False, False, False),
])
def test_when_dash_is_asked(offence, domestic, honour, applies):
    assert assessment.dash_applies(offence, domestic, honour) is applies


def test_risk_level_is_the_dash_band_when_asked_else_thrive():
    ratings = {"threat": "low", "harm": "medium", "risk": "low"}
    assert assessment.proposed_risk_level(ratings, None) == "medium"
    assert assessment.proposed_risk_level(ratings, "high") == "high"
    assert assessment.risk_from_thrive({"threat": "high"}) == "high"
    assert assessment.risk_from_thrive({}) == "standard"


@pytest.mark.parametrize(("ratings", "risk", "grade"), [
    ({"threat": "high"}, "standard", 1),
    ({"harm": "high"}, "standard", 2),
    ({}, "high", 2),
    ({"engagement": "medium"}, "standard", 3),
    ({}, "medium", 3),
    ({}, "standard", 4),
])
def test_proposed_grade(ratings, risk, grade):
    assert assessment.proposed_grade(ratings, risk) == grade


def test_repeat_victim_rule_default_is_three_reports_in_six_months():
    rule = RepeatVictimRule()
    assert (rule.reports, rule.months) == (3, 6)
    assert not rule.is_repeat(1)  # this report and one earlier: 2
    assert rule.is_repeat(2)  # this report and two earlier: 3


def test_repeat_victim_window_counts_calendar_months():
    rule = RepeatVictimRule()
    now = dt.datetime(2026, 8, 31, 12, tzinfo=LONDON)
    assert rule.window_start(now) == dt.datetime(2026, 2, 28, 12, tzinfo=LONDON)
    assert RepeatVictimRule(months=12).window_start(now).year == 2025


def test_repeat_victim_rule_from_settings():
    assert RepeatVictimRule.from_setting(None) == RepeatVictimRule()
    assert RepeatVictimRule.from_setting({"reports": 2}) == RepeatVictimRule(2, 6)
    with pytest.raises(ValueError, match="Unknown"):
        RepeatVictimRule.from_setting({"weeks": 2})
    with pytest.raises(ValueError, match="reports"):
        RepeatVictimRule.from_setting({"reports": 0})


def test_under_18_from_date_of_birth():
    assert assessment.under_18(dt.date(2009, 5, 1), dt.date(2026, 8, 28))
    assert not assessment.under_18(dt.date(2008, 8, 28), dt.date(2026, 8, 28))  # 18 today
    assert not assessment.under_18(None, dt.date(2026, 8, 28))


def test_proposals_for_a_17_year_old_victim_of_domestic_abuse_with_a_high_dash():
    at = dt.datetime(2026, 8, 28, 15, tzinfo=LONDON)
    proposals = assessment.propose(
        ratings={"threat": "medium", "harm": "high", "risk": "high"}, dash_band_value="high",
        circumstances=VictimCircumstances(offence="coercive-control", is_domestic_abuse=True, age=17),
        earlier_reports=0, rule=RepeatVictimRule(), rural=False, deadlines=DEFAULT_DEADLINES, at=at)
    assert not proposals.repeat_victim
    assert proposals.enhanced_rights
    assert proposals.enhanced_reasons == [EnhancedReason.DOMESTIC_ABUSE, EnhancedReason.UNDER_18]
    assert (proposals.risk_level, proposals.response_grade, proposals.response_minutes) == ("high", 2, 60)


def test_a_repeat_victim_is_persistently_targeted_and_grade_1_rural_is_20_minutes():
    at = dt.datetime(2026, 8, 28, 15, tzinfo=LONDON)
    proposals = assessment.propose(
        ratings={"threat": "high"}, dash_band_value=None, circumstances=VictimCircumstances(offence="criminal-damage"),
        earlier_reports=2, rule=RepeatVictimRule(), rural=True, deadlines=DEFAULT_DEADLINES, at=at)
    assert proposals.repeat_victim
    assert proposals.enhanced_reasons == [EnhancedReason.PERSISTENTLY_TARGETED]
    assert (proposals.response_grade, proposals.response_minutes) == (1, 20)
