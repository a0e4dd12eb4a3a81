"""The plain-Python rules: enhanced rights, due times per the Victims' Code, and the local policy."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from victimcare.charter.calendar import LONDON
from victimcare.charter.checks import check_charter_deadlines
from victimcare.charter.rules import (
    DEFAULT_DEADLINES,
    CommitmentKind,
    Deadlines,
    EnhancedReason,
    KeyDecision,
    VictimCircumstances,
    enhanced_rights_reasons,
    inform_decision_commitment,
    referral_commitment,
    response_commitment,
)
from victimcare.charter.standards import STANDARDS, STANDARDS_BY_NUMBER
from victimcare.crimes.offences import OFFENCES

MOST_SERIOUS = sorted(slug for slug, offence in OFFENCES.items() if offence.most_serious)
NOT_MOST_SERIOUS = sorted(slug for slug, offence in OFFENCES.items() if not offence.most_serious)


def london(year, month, day, hour=0, minute=0, second=0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=LONDON)


# Enhanced rights


def test_domain_most_serious_crimes_are_marked_in_the_offence_registry():
    # DOMAIN.md's list: terrorism, sexual offences, human trafficking, attempted murder, kidnap or
    # false imprisonment, arson with intent to endanger life, wounding or GBH with intent.
    expected = {
        "terrorism", "rape", "sexual-assault", "other-sexual-offence", "human-trafficking",
        "attempted-murder", "kidnap", "arson-endangering-life", "wounding-with-intent",
    }
    assert expected <= set(MOST_SERIOUS)


@pytest.mark.parametrize("offence", MOST_SERIOUS)
def test_each_most_serious_offence_gives_enhanced_rights(offence):
    assert enhanced_rights_reasons(VictimCircumstances(offence=offence)) == [EnhancedReason.MOST_SERIOUS_CRIME]


@pytest.mark.parametrize("offence", [*NOT_MOST_SERIOUS, "", "not-an-offence"])
def test_other_offences_alone_give_no_enhanced_rights(offence):
    assert enhanced_rights_reasons(VictimCircumstances(offence=offence, age=40)) == []


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        (VictimCircumstances(is_domestic_abuse=True), EnhancedReason.DOMESTIC_ABUSE),
        (VictimCircumstances(is_hate_crime=True), EnhancedReason.HATE_CRIME),
        (VictimCircumstances(is_vulnerable=True), EnhancedReason.VULNERABLE),
        (VictimCircumstances(is_intimidated=True), EnhancedReason.INTIMIDATED),
        (VictimCircumstances(is_persistently_targeted=True), EnhancedReason.PERSISTENTLY_TARGETED),
        (VictimCircumstances(is_bereaved_relative=True), EnhancedReason.BEREAVED_RELATIVE),
        (VictimCircumstances(age=17), EnhancedReason.UNDER_18),
        (VictimCircumstances(age=0), EnhancedReason.UNDER_18),
    ],
)
def test_each_circumstance_gives_its_reason(facts, reason):
    assert enhanced_rights_reasons(facts) == [reason]


@pytest.mark.parametrize("age", [18, 19, 75, None])
def test_adults_and_unknown_ages_are_not_enhanced_by_age(age):
    assert enhanced_rights_reasons(VictimCircumstances(age=age)) == []


def test_no_circumstances_no_reasons():
    assert enhanced_rights_reasons(VictimCircumstances()) == []


def test_every_reason_is_given_when_everything_applies():
    facts = VictimCircumstances(
        offence="rape", is_domestic_abuse=True, is_hate_crime=True, age=16, is_vulnerable=True,
        is_intimidated=True, is_persistently_targeted=True, is_bereaved_relative=True,
    )
    assert set(enhanced_rights_reasons(facts)) == set(EnhancedReason)


def test_every_reason_has_english_and_welsh_labels():
    for reason in EnhancedReason:
        assert reason.label("en") and reason.label("cy")
        assert reason.label("en") != reason.label("cy")


# Response grades


GRADED_AT = datetime(2025, 7, 7, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("grade", "rural", "minutes"),
    [
        (1, False, 15),
        (1, True, 20),
        (2, False, 60),
        (2, True, 60),
        (3, False, 48 * 60),
        (4, False, 24 * 60),
    ],
)
def test_response_due_at_the_grade_target(grade, rural, minutes):
    due = response_commitment(grade, GRADED_AT, rural, DEFAULT_DEADLINES)
    assert due.kind == CommitmentKind.RESPONSE
    assert due.standard == 2
    assert due.due_at == GRADED_AT + timedelta(minutes=minutes)
    assert due.detail == {"grade": grade, "target_minutes": minutes, "rural": rural}


@pytest.mark.parametrize("grade", [0, 5, None])
def test_unknown_grade_is_refused(grade):
    with pytest.raises(ValueError, match="grade"):
        response_commitment(grade, GRADED_AT, False, DEFAULT_DEADLINES)


# Telling the victim about a decision; referral to support


@pytest.mark.parametrize(
    ("decided", "enhanced", "due"),
    [
        # Friday 16:00 → end of Monday (enhanced) / end of the next Friday (standard).
        (london(2025, 7, 4, 16), True, london(2025, 7, 7, 23, 59, 59)),
        (london(2025, 7, 4, 16), False, london(2025, 7, 11, 23, 59, 59)),
        # Maundy Thursday 2025: Good Friday and Easter Monday are not working days.
        (london(2025, 4, 17, 11), True, london(2025, 4, 22, 23, 59, 59)),
        (london(2025, 4, 17, 11), False, london(2025, 4, 28, 23, 59, 59)),
        # Christmas Eve 2025: Christmas, Boxing Day, a weekend, then New Year's Day.
        (london(2025, 12, 24, 9), True, london(2025, 12, 29, 23, 59, 59)),
        (london(2025, 12, 24, 9), False, london(2026, 1, 5, 23, 59, 59)),
    ],
)
def test_inform_decision_due_in_working_days(decided, enhanced, due):
    commitment = inform_decision_commitment(KeyDecision.CHARGED, decided, enhanced, DEFAULT_DEADLINES)
    assert commitment.kind == CommitmentKind.INFORM_DECISION
    assert commitment.standard == 4
    assert commitment.due_at == due
    assert commitment.detail == {"decision": "charged", "working_days": 1 if enhanced else 5, "enhanced": enhanced}


def test_referral_due_in_two_working_days():
    # Thursday → Monday.
    due = referral_commitment(london(2025, 7, 3, 14), DEFAULT_DEADLINES)
    assert due.kind == CommitmentKind.REFERRAL_TO_SUPPORT
    assert due.standard == 5
    assert due.due_at == london(2025, 7, 7, 23, 59, 59)
    assert due.detail == {"working_days": 2}


def test_every_kind_names_its_standard_in_both_languages():
    for kind in CommitmentKind:
        assert kind.standard in STANDARDS_BY_NUMBER
        assert kind.label("en") == kind.label_en
        assert kind.label("cy") == kind.label_cy != kind.label_en


def test_ten_standards_numbered_in_order_in_both_languages():
    assert [standard.number for standard in STANDARDS] == list(range(1, 11))
    for standard in STANDARDS:
        assert standard.title("cy") != standard.title("en")
        assert standard.measures("cy") != standard.measures("en")


# Local policy


def test_defaults_are_those_in_domain_md():
    assert dict(DEFAULT_DEADLINES.response_minutes) == {1: 15, 2: 60, 3: 2880, 4: 1440}
    assert DEFAULT_DEADLINES.response_grade_1_rural_minutes == 20
    assert DEFAULT_DEADLINES.decision_working_days == 5
    assert DEFAULT_DEADLINES.decision_working_days_enhanced == 1
    assert DEFAULT_DEADLINES.referral_working_days == 2


def test_override_changes_only_what_it_names():
    deadlines = Deadlines.with_overrides({"decision_working_days": 3, "response_minutes": {1: 10}})
    assert deadlines.decision_working_days == 3
    assert dict(deadlines.response_minutes) == {1: 10, 2: 60, 3: 2880, 4: 1440}
    assert deadlines.referral_working_days == 2
    decided = london(2025, 7, 4, 16)
    assert inform_decision_commitment(KeyDecision.CHARGED, decided, False, deadlines).due_at == london(
        2025, 7, 9, 23, 59, 59
    )


def test_no_overrides_gives_the_defaults():
    assert Deadlines.with_overrides({}) == DEFAULT_DEADLINES


def test_a_policy_cannot_be_changed_in_place():
    with pytest.raises(TypeError):
        DEFAULT_DEADLINES.response_minutes[1] = 1


BAD_OVERRIDES = [
    ({"decision_working_dayz": 3}, "decision_working_dayz"),
    ({"decision_working_days": -1}, "decision_working_days"),
    ({"decision_working_days": "5"}, "decision_working_days"),
    ({"decision_working_days": 1.5}, "decision_working_days"),
    ({"decision_working_days_enhanced": True}, "decision_working_days_enhanced"),
    ({"referral_working_days": None}, "referral_working_days"),
    ({"response_grade_1_rural_minutes": 0}, "response_grade_1_rural_minutes"),
    ({"response_minutes": {2: 0}}, "response_minutes"),
    ({"response_minutes": {"2": 30}}, "response_minutes"),
    ({"response_minutes": [15, 60]}, "response_minutes"),
]


@pytest.mark.parametrize(("overrides", "named"), BAD_OVERRIDES)
def test_bad_override_raises_naming_the_setting(overrides, named):
    with pytest.raises(ValueError, match=named):
        Deadlines.with_overrides(overrides)


def test_overrides_must_be_a_dict():
    with pytest.raises(ValueError, match="dict"):
        Deadlines.with_overrides([("decision_working_days", 3)])


# The start-up check


@pytest.mark.parametrize(("overrides", "named"), BAD_OVERRIDES)
def test_start_up_check_reports_a_bad_setting_by_name(overrides, named):
    with override_settings(CHARTER_DEADLINES=overrides):
        errors = check_charter_deadlines()
    assert len(errors) == 1
    assert errors[0].id == "charter.E001"
    assert named in errors[0].msg


def test_start_up_check_accepts_valid_settings():
    with override_settings(CHARTER_DEADLINES={"referral_working_days": 3}):
        assert check_charter_deadlines() == []
    assert check_charter_deadlines() == []


def test_start_up_check_is_registered():
    with override_settings(CHARTER_DEADLINES={"referral_working_days": -2}):
        errors = [error for error in run_checks() if error.id == "charter.E001"]
    assert len(errors) == 1
    assert "referral_working_days" in errors[0].msg
