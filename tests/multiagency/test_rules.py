"""The referral criteria, as plain values: DASH, escalation, honour-based, persistently targeted, repeats."""

from datetime import UTC, datetime

import pytest

from victimcare.multiagency.rules import (
    Circumstances,
    MultiAgencyRule,
    Reason,
    is_repeat_referral,
    months_before,
    referral_reasons,
)

RULE = MultiAgencyRule()
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def test_a_dash_score_of_14_is_high_risk_and_13_is_not():
    assert referral_reasons(Circumstances(dash_score=14), RULE) == [Reason.HIGH_RISK_DASH]
    assert referral_reasons(Circumstances(dash_score=13), RULE) == []
    assert referral_reasons(Circumstances(dash_score=None), RULE) == []


def test_potential_escalation_counts_domestic_abuse_cases_this_one_included():
    assert referral_reasons(Circumstances(is_domestic_abuse=True, domestic_abuse_cases_in_window=3), RULE) == [
        Reason.POTENTIAL_ESCALATION]
    assert referral_reasons(Circumstances(is_domestic_abuse=True, domestic_abuse_cases_in_window=2), RULE) == []
    # Earlier domestic abuse does not make a burglary a potential escalation.
    assert referral_reasons(Circumstances(is_domestic_abuse=False, domestic_abuse_cases_in_window=5), RULE) == []


def test_honour_based_and_persistently_targeted_are_criteria_on_their_own():
    assert referral_reasons(Circumstances(is_honour_based=True), RULE) == [Reason.HONOUR_BASED]
    assert referral_reasons(Circumstances(is_persistently_targeted=True), RULE) == [Reason.PERSISTENTLY_TARGETED]


def test_every_reason_met_is_given_in_a_fixed_order():
    everything = Circumstances(dash_score=20, is_domestic_abuse=True, is_honour_based=True,
                               is_persistently_targeted=True, domestic_abuse_cases_in_window=4)
    assert referral_reasons(everything, RULE) == [Reason.HIGH_RISK_DASH, Reason.POTENTIAL_ESCALATION,
                                                  Reason.HONOUR_BASED, Reason.PERSISTENTLY_TARGETED]


def test_thresholds_come_from_the_rule():
    rule = MultiAgencyRule(dash_score=10, incidents=2)
    assert referral_reasons(Circumstances(dash_score=10), rule) == [Reason.HIGH_RISK_DASH]
    assert referral_reasons(Circumstances(is_domestic_abuse=True, domestic_abuse_cases_in_window=2), rule) == [
        Reason.POTENTIAL_ESCALATION]


def test_a_referral_within_12_months_of_the_last_is_a_repeat_and_13_months_is_not():
    assert is_repeat_referral(datetime(2026, 1, 25, 10, 0, tzinfo=UTC), NOW, RULE)
    assert is_repeat_referral(datetime(2025, 11, 25, 10, 0, tzinfo=UTC), NOW, RULE)  # exactly 12 months
    assert not is_repeat_referral(datetime(2025, 11, 25, 9, 59, tzinfo=UTC), NOW, RULE)
    assert not is_repeat_referral(datetime(2025, 10, 25, 10, 0, tzinfo=UTC), NOW, RULE)  # 13 months
    assert not is_repeat_referral(None, NOW, RULE)


def test_months_before_keeps_the_time_and_clips_to_a_shorter_month():
    assert months_before(NOW, 12) == datetime(2025, 11, 25, 10, 0, tzinfo=UTC)
    assert months_before(datetime(2026, 3, 31, 8, 0, tzinfo=UTC), 1) == datetime(2026, 2, 28, 8, 0, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 1) == datetime(2025, 12, 15, tzinfo=UTC)


def test_the_setting_is_checked_and_a_bad_key_is_named():
    assert MultiAgencyRule.from_setting({"dash_score": 15}).dash_score == 15
    assert MultiAgencyRule.from_setting(None) == MultiAgencyRule()
    with pytest.raises(ValueError, match="incidnets"):
        MultiAgencyRule.from_setting({"incidnets": 3})
    with pytest.raises(ValueError, match="months must be a whole number"):
        MultiAgencyRule.from_setting({"months": 0})
    with pytest.raises(ValueError, match="dash_score"):
        MultiAgencyRule.from_setting({"dash_score": "14"})


def test_a_bad_setting_stops_the_system(settings):
    from victimcare.multiagency.checks import check_multi_agency_rule

    assert check_multi_agency_rule() == []
    settings.MULTI_AGENCY_RULE = {"repeat_months": -1}
    errors = check_multi_agency_rule()
    assert len(errors) == 1 and "repeat_months" in errors[0].msg
