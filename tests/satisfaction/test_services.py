"""The satisfaction survey's answers: one per case, five stages on a five-point scale."""

import pytest

from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.satisfaction.models import STAGES, SurveyResponse
from victimcare.satisfaction.services import SurveyError, record_survey_response

pytestmark = pytest.mark.django_db
ANSWERS = {"ease_of_contact": 1, "actions_taken": 2, "kept_informed": 5, "treatment": 1, "whole_experience": 3}


def test_answers_in_the_portal(case):
    response = record_survey_response(case, ratings=ANSWERS, comments=" Kind officer. ", how="portal")
    assert response.ratings() == ANSWERS and response.comments == "Kind officer."
    assert response.answered_by is None and response.how == "portal"
    assert response.event.kind == TimelineEvent.Kind.SURVEY_ANSWERED and response.event.actor is None
    assert CaseAccessLog.objects.filter(case=case, user=None, channel="portal",
                                        what="answered the satisfaction survey").exists()


def test_answers_by_phone_name_who_took_them(case, officer):
    with pytest.raises(SurveyError):
        record_survey_response(case, ratings=ANSWERS, how="phone")
    response = record_survey_response(case, ratings=ANSWERS, how="phone", actor=officer)
    assert response.answered_by == officer


def test_one_per_case(case):
    record_survey_response(case, ratings=ANSWERS, how="portal")
    with pytest.raises(SurveyError, match="already"):
        record_survey_response(case, ratings=ANSWERS, how="portal")
    assert SurveyResponse.objects.count() == 1
    assert case.timeline.filter(kind=TimelineEvent.Kind.SURVEY_ANSWERED).count() == 1


@pytest.mark.parametrize("change", [{"treatment": 0}, {"treatment": 6}, {"treatment": "very"}, {"treatment": None}])
def test_off_the_scale_is_refused(case, change):
    with pytest.raises(SurveyError):
        record_survey_response(case, ratings={**ANSWERS, **change}, how="portal")
    assert not SurveyResponse.objects.exists()
    assert not case.timeline.filter(kind=TimelineEvent.Kind.SURVEY_ANSWERED).exists()


def test_every_stage_must_be_answered(case):
    with pytest.raises(SurveyError, match="whole_experience"):
        record_survey_response(case, ratings=dict.fromkeys(STAGES[:-1], 1), how="portal")
