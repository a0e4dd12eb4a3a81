"""Recording a victim's equality answers: validated, created or updated, on the case's timeline without the
answers, in the access log, and monitoring told once the transaction commits."""

import json

import pytest
from django.db import transaction

from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.timeline import describe
from victimcare.equality.models import EqualityAnswers
from victimcare.equality.services import EqualityError, record_equality_answers
from victimcare.equality.signals import equality_recorded

pytestmark = pytest.mark.django_db
ANSWERS = {"sex": "female", "ethnicity": "mixed", "disability": "yes", "religion": "sikh",
           "sexual_orientation": "bisexual"}


@pytest.fixture
def heard():
    received = []

    def receiver(sender, victim, **kwargs):
        received.append(victim.pk)

    equality_recorded.connect(receiver)
    yield received
    equality_recorded.disconnect(receiver)


def test_recorded_by_staff_on_a_case(case, officer):
    record = record_equality_answers(case.victim, answers=ANSWERS, how="staff", actor=officer, case=case)
    assert record.answers() == ANSWERS and record.recorded_by == officer and record.how == "staff"
    assert case.victim.equality == record
    event = case.timeline.get(kind=TimelineEvent.Kind.EQUALITY_RECORDED)
    assert event.actor == officer and event.data == {"how": "staff"}
    assert CaseAccessLog.objects.filter(case=case, user=officer, action="changed",
                                        what="recorded equality monitoring answers").exists()


def test_nothing_on_the_timeline_reveals_the_answers(case, officer):
    record_equality_answers(case.victim, answers=ANSWERS, how="staff", actor=officer, case=case)
    event = case.timeline.get(kind=TimelineEvent.Kind.EQUALITY_RECORDED)
    entry = describe(event, case)
    shown = " ".join([json.dumps(event.data), entry.title, entry.description, entry.detail]).lower()
    for value in ("female", "mixed", "sikh", "bisexual", "disab", "yes"):
        assert value not in shown
    logged = " ".join(CaseAccessLog.objects.filter(case=case).values_list("what", flat=True)).lower()
    assert "sikh" not in logged and "bisexual" not in logged


def test_in_the_portal_the_victim_answers(case):
    record = record_equality_answers(case.victim, answers={"sex": "prefer_not_to_say"}, how="portal", case=case)
    assert record.recorded_by is None and record.how == "portal" and record.ethnicity == ""
    event = case.timeline.get(kind=TimelineEvent.Kind.EQUALITY_RECORDED)
    assert event.actor is None and event.data == {"how": "portal"}
    assert CaseAccessLog.objects.filter(case=case, user=None, channel="portal", action="changed").exists()


def test_without_a_case_nothing_is_on_a_timeline(case, officer):
    record_equality_answers(case.victim, answers=ANSWERS, how="staff", actor=officer)
    assert not TimelineEvent.objects.filter(kind=TimelineEvent.Kind.EQUALITY_RECORDED).exists()
    assert EqualityAnswers.objects.get(victim=case.victim).sex == "female"


def test_a_second_time_updates_the_same_record(case, officer, colleague):
    first = record_equality_answers(case.victim, answers=ANSWERS, how="staff", actor=officer, case=case)
    second = record_equality_answers(case.victim, answers={"religion": "", "sex": "prefer_not_to_say"}, how="staff",
                                     actor=colleague, case=case)
    assert second.pk == first.pk and EqualityAnswers.objects.count() == 1
    second.refresh_from_db()
    assert second.answers() == {**ANSWERS, "religion": "", "sex": "prefer_not_to_say"}
    assert second.recorded_by == colleague
    assert case.timeline.filter(kind=TimelineEvent.Kind.EQUALITY_RECORDED).count() == 2


@pytest.mark.parametrize("answers, field", [
    ({"sex": "other"}, "sex"),
    ({"ethnicity": "Welsh"}, "ethnicity"),
    ({"disability": True}, "disability"),
    ({"religion": "pagan"}, "religion"),
    ({"sexual_orientation": "straight"}, "sexual_orientation"),
    ({"shoe_size": "9"}, "shoe_size"),
])
def test_every_value_is_checked(case, officer, answers, field):
    with pytest.raises(EqualityError, match=field):
        record_equality_answers(case.victim, answers={**ANSWERS, **answers}, how="staff", actor=officer, case=case)
    assert not EqualityAnswers.objects.exists()
    assert not case.timeline.filter(kind=TimelineEvent.Kind.EQUALITY_RECORDED).exists()


def test_how_and_who(case, officer):
    with pytest.raises(EqualityError, match="how"):
        record_equality_answers(case.victim, answers=ANSWERS, how="letter", actor=officer)
    with pytest.raises(EqualityError, match="actor"):
        record_equality_answers(case.victim, answers=ANSWERS, how="staff")
    with pytest.raises(EqualityError, match="actor"):
        record_equality_answers(case.victim, answers=ANSWERS, how="portal", actor=officer)


def test_the_case_must_be_the_victims(case, officer):
    from tests.factories import VictimFactory

    with pytest.raises(EqualityError, match="case"):
        record_equality_answers(VictimFactory(), answers=ANSWERS, how="staff", actor=officer, case=case)


def test_monitoring_hears_in_the_same_transaction(case, officer, heard):
    """So the Commissioner's figures move with the answers, and roll back with them."""
    with transaction.atomic():
        record_equality_answers(case.victim, answers=ANSWERS, how="staff", actor=officer, case=case)
        assert heard == [case.victim.pk]


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_leaves_the_figures_as_they_were(case, officer):
    from victimcare.monitoring.models import FairnessCell

    before = list(FairnessCell.objects.filter(characteristic="sex").values_list("group", "total"))
    with transaction.atomic():
        record_equality_answers(case.victim, answers=ANSWERS, how="staff", actor=officer, case=case)
        transaction.set_rollback(True)
    assert not EqualityAnswers.objects.exists()
    assert list(FairnessCell.objects.filter(characteristic="sex").values_list("group", "total")) == before


def test_refused_answers_tell_nobody(case, officer, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(EqualityError):
        record_equality_answers(case.victim, answers={"sex": "x"}, how="staff", actor=officer)
    assert heard == []
