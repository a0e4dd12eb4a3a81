"""The satisfaction survey taken by phone: a staff page from the case page for the case's unit, five radio
groups on the five-point scale and free text, errors naming the question, one survey per case."""

import html

import pytest
from django.urls import reverse

from tests.web.conftest import in_welsh
from victimcare.cases.models import CaseAccessLog
from victimcare.satisfaction.models import SurveyResponse
from victimcare.satisfaction.services import record_survey_response

pytestmark = pytest.mark.django_db
ANSWERS = {"ease_of_contact": "1", "actions_taken": "2", "kept_informed": "5", "treatment": "1",
           "whole_experience": "3"}


def url(case):
    return reverse("satisfaction:record-by-phone", kwargs={"case_id": case.pk})


def documents(case):
    """The case page's section that holds the portal panel, where the phone survey is linked and its answers shown."""
    return reverse("cases:documents", kwargs={"case_id": case.pk})


def test_linked_from_the_case_page_until_answered(client, case, officer, call_handler):
    client.force_login(officer)
    assert url(case) in client.get(documents(case)).content.decode()
    client.force_login(call_handler)
    assert url(case) not in client.get(documents(case)).content.decode()
    record_survey_response(case, ratings={k: int(v) for k, v in ANSWERS.items()}, how="portal")
    client.force_login(officer)
    assert url(case) not in client.get(documents(case)).content.decode()


@pytest.mark.parametrize("persona, status", [("officer", 200), ("colleague", 200), ("supervisor", 200),
                                             ("other_officer", 404), ("call_handler", 403), ("witness_care", 404),
                                             ("administrator", 404)])
def test_who_may_record_it(client, case, personas, persona, status):
    client.force_login(personas[persona])
    assert client.get(url(case)).status_code == status
    assert client.post(url(case), ANSWERS).status_code == (302 if status == 200 else status)
    assert SurveyResponse.objects.exists() is (status == 200)


def test_the_form_round_trips(client, case, colleague):
    client.force_login(colleague)
    page = client.get(url(case)).content.decode()
    for text in ("Making contact with the police", "Very satisfied", "Neither satisfied nor dissatisfied",
                 "Very dissatisfied"):
        assert text in page
    assert page.count('type="radio"') == 25
    assert f'href="{documents(case)}#portal" class="govuk-back-link"' in page
    response = client.post(url(case), {**ANSWERS, "comments": " The officer was kind. "})
    assert response.status_code == 302 and response["Location"] == documents(case) + "#portal"
    survey = SurveyResponse.objects.get(case=case)
    assert survey.ratings() == {k: int(v) for k, v in ANSWERS.items()}
    assert survey.how == "phone" and survey.answered_by == colleague and survey.comments == "The officer was kind."
    assert CaseAccessLog.objects.filter(case=case, user=colleague, what="phone survey form").exists()
    assert "Satisfaction survey, answered" in client.get(documents(case)).content.decode()
    timeline = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk})).content.decode()
    assert "The victim answered the satisfaction survey by phone." in timeline


def test_errors_name_the_question(client, case, officer):
    client.force_login(officer)
    response = client.post(url(case), {**ANSWERS, "treatment": "", "kept_informed": "9"})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Select how satisfied the victim is with: How you were treated" in page
    assert "Select one of the answers to: How well you were kept informed" in page
    assert 'href="#id_treatment"' in page
    assert not SurveyResponse.objects.exists()


def test_a_second_survey_is_refused(client, case, officer):
    record_survey_response(case, ratings={k: int(v) for k, v in ANSWERS.items()}, how="portal")
    client.force_login(officer)
    page = client.get(url(case)).content.decode()
    assert "already answered the satisfaction survey" in page and 'type="radio"' not in page
    response = client.post(url(case), ANSWERS)
    assert response.status_code == 409 and "cannot be recorded" in response.content.decode()
    assert SurveyResponse.objects.get().how == "portal"


def test_in_welsh(client, case, officer):
    client.force_login(officer)
    page = html.unescape(in_welsh(client).post(url(case), {**ANSWERS, "treatment": ""}).content.decode())
    assert '<html lang="cy"' in page
    for welsh in ("Cofnodi atebion yr arolwg boddhad o gyfweliad ffôn", "Bodlon iawn", "Cysylltu â'r heddlu",
                  "Dewiswch pa mor fodlon yw'r dioddefwr â: Sut y cawsoch eich trin"):
        assert welsh in page, welsh
