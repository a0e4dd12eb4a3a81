"""Retention rules by kind of case (settings.RETENTION_RULES, checked at start-up), and the sweep that puts a
case in the review queue once its retention has ended; keeping it for longer brings it back on the new date."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.factories import CrimeFactory, VictimFactory
from victimcare.cases.models import Case, CaseAccessLog, TimelineEvent
from victimcare.cases.services import close_case, open_case
from victimcare.dataprotection.checks import check_retention_rules
from victimcare.dataprotection.models import RetentionReview
from victimcare.dataprotection.retention import DEFAULT_RULES, kinds_of, retention_of, rules_from_setting
from victimcare.dataprotection.services import DataProtectionError, keep_for_longer, queue_retention_reviews
from victimcare.dataprotection.tasks import sweep_retention


def closed(unit, officer, call_handler, *, closed_on, victim=None, **crime):
    case = open_case(victim=victim or VictimFactory(date_of_birth=dt.date(1980, 1, 1)), crime=CrimeFactory(**crime),
                     unit=unit, officer=officer, recorded_by=call_handler,
                     at=dt.datetime.combine(closed_on - dt.timedelta(days=30), dt.time(9), tzinfo=dt.UTC))
    close_case(case, actor=officer, at=dt.datetime.combine(closed_on, dt.time(12), tzinfo=dt.UTC))
    return Case.objects.select_related("crime", "victim").get(pk=case.pk)


@pytest.mark.parametrize("setting, named", [
    ({"burglary": 3}, "'burglary'"), ({"default": 0}, "'default'"), ({"domestic_abuse": "ten"}, "'domestic_abuse'"),
    ({"default": True}, "'default'"), ([6], "dict"),
])
def test_a_bad_setting_stops_start_up_naming_the_key(setting, named):
    with override_settings(RETENTION_RULES=setting):
        errors = check_retention_rules()
    assert len(errors) == 1 and errors[0].id == "dataprotection.E001" and named in errors[0].msg


def test_the_setting_overrides_the_defaults_by_name():
    assert rules_from_setting(None) == DEFAULT_RULES
    assert rules_from_setting({"default": 7})["default"] == 7
    with override_settings(RETENTION_RULES={"default": 7}):
        assert check_retention_rules() == []


def test_the_longest_rule_that_applies_wins(unit, officer, call_handler):
    ordinary = closed(unit, officer, call_handler, closed_on=dt.date(2015, 3, 1))
    abuse = closed(unit, officer, call_handler, closed_on=dt.date(2015, 3, 1), is_domestic_abuse=True)
    rape = closed(unit, officer, call_handler, closed_on=dt.date(2015, 3, 1), offence="rape", is_domestic_abuse=True)
    child = closed(unit, officer, call_handler, closed_on=dt.date(2015, 3, 1),
                   victim=VictimFactory(date_of_birth=dt.date(2005, 1, 1)))
    rules = rules_from_setting(None)
    assert retention_of(ordinary, rules) == ("default", dt.date(2021, 3, 1))
    assert retention_of(abuse, rules) == ("domestic_abuse", dt.date(2025, 3, 1))
    assert kinds_of(rape) == ["default", "domestic_abuse", "sexual_offence", "most_serious"]
    assert retention_of(rape, rules) == ("most_serious", dt.date(2040, 3, 1))
    assert retention_of(child, rules)[0] == "child_victim"


def test_the_sweep_queues_each_ended_case_once(unit, officer, call_handler):
    today = timezone.localdate()
    ended = closed(unit, officer, call_handler, closed_on=today.replace(year=today.year - 7))
    not_yet = closed(unit, officer, call_handler, closed_on=today.replace(year=today.year - 7), is_domestic_abuse=True)
    recent = closed(unit, officer, call_handler, closed_on=today - dt.timedelta(days=3))
    assert sweep_retention.enqueue().return_value == 1  # the task, as the scheduler queues it (in-process here)
    assert queue_retention_reviews() == 0
    review = RetentionReview.objects.get()
    assert (review.case, review.rule, review.status) == (ended, "default", "waiting")
    assert not RetentionReview.objects.filter(case__in=[not_yet, recent]).exists()
    with override_settings(RETENTION_RULES={"domestic_abuse": 6}):
        call_command("retention_sweep", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert RetentionReview.objects.filter(case=not_yet).exists()


def test_kept_for_longer_comes_back_on_its_new_date(unit, officer, call_handler, information_rights):
    today = timezone.localdate()
    case = closed(unit, officer, call_handler, closed_on=today.replace(year=today.year - 7))
    queue_retention_reviews()
    review = RetentionReview.objects.get()
    with pytest.raises(DataProtectionError, match="reason"):
        keep_for_longer(review, reason=" ", review_on=today + dt.timedelta(days=90), actor=information_rights)
    with pytest.raises(DataProtectionError, match="review_on"):
        keep_for_longer(review, reason="Appeal pending", review_on=today, actor=information_rights)
    keep_for_longer(review, reason="Appeal pending", review_on=today + dt.timedelta(days=90), actor=information_rights)
    review.refresh_from_db()
    assert review.status == "kept" and review.decided_by == information_rights
    event = TimelineEvent.objects.get(case=case, kind="retention_extended")
    assert event.data["reason"] == "Appeal pending"
    log = CaseAccessLog.objects.get(case=case, what="retention review: kept for longer")
    assert "Appeal" not in log.why
    assert queue_retention_reviews(today + dt.timedelta(days=89)) == 0
    assert queue_retention_reviews(today + dt.timedelta(days=90)) == 1
    assert RetentionReview.objects.get().status == "waiting"
