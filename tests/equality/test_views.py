"""The equality pages: the staff form from the case page (the case's unit only; outsiders get 404) and the
victim's "About you" page in the portal. Both save through record_equality_answers, pre-fill what was said
before, and show the answers nowhere else."""

import html

import pytest
from django.urls import reverse

from tests.portal.helpers import sign_in_to_portal
from tests.web.conftest import in_welsh
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import close_case
from victimcare.equality.models import EqualityAnswers
from victimcare.equality.services import record_equality_answers

pytestmark = pytest.mark.django_db
ANSWERS = {"sex": "male", "ethnicity": "black", "disability": "no", "religion": "jewish",
           "sexual_orientation": "gay_or_lesbian"}


def staff_url(case):
    return reverse("equality:case-answers", kwargs={"case_id": case.pk})


def detail(case):
    return reverse("cases:detail", kwargs={"case_id": case.pk})


def title(response) -> str:
    page = response.content.decode()
    return page[page.index("<title>") + 7:page.index("</title>")]


def test_the_case_page_links_to_it_for_the_unit(client, case, officer, call_handler):
    client.force_login(officer)
    assert staff_url(case) in client.get(detail(case)).content.decode()
    client.force_login(call_handler)  # can see the case, cannot record on it
    assert staff_url(case) not in client.get(detail(case)).content.decode()


@pytest.mark.parametrize("persona, status", [("officer", 200), ("colleague", 200), ("supervisor", 200),
                                             ("other_officer", 404), ("call_handler", 403), ("administrator", 404)])
def test_who_may_open_it(client, case, personas, persona, status):
    client.force_login(personas[persona])
    assert client.get(staff_url(case)).status_code == status
    assert client.post(staff_url(case), ANSWERS).status_code == (302 if status == 200 else status)
    assert EqualityAnswers.objects.exists() is (status == 200)


def test_an_officer_of_another_unit_learns_nothing(client, case, other_officer):
    record_equality_answers(case.victim, answers=ANSWERS, how="portal", case=case)
    client.force_login(other_officer)
    response = client.get(staff_url(case))
    assert response.status_code == 404
    assert "Jewish" not in response.content.decode()


def test_the_form_round_trips(client, case, officer):
    client.force_login(officer)
    page = client.get(staff_url(case)).content.decode()
    assert "Equality monitoring (optional)" in title(client.get(staff_url(case)))
    assert case.crime.reference not in title(client.get(staff_url(case)))
    assert "fair service" in page and "Prefer not to say" in page and 'checked' not in page
    response = client.post(staff_url(case), ANSWERS)
    assert response.status_code == 302 and response["Location"] == detail(case)
    record = EqualityAnswers.objects.get(victim=case.victim)
    assert record.answers() == ANSWERS and record.recorded_by == officer and record.how == "staff"
    page = client.get(staff_url(case)).content.decode()
    for name, value in ANSWERS.items():
        assert f'name="{name}" type="radio" value="{value}" checked' in page
    client.post(staff_url(case), {**ANSWERS, "religion": "prefer_not_to_say", "sex": ""})
    record.refresh_from_db()
    assert record.religion == "prefer_not_to_say" and record.sex == ""
    assert case.timeline.filter(kind=TimelineEvent.Kind.EQUALITY_RECORDED).count() == 2
    assert CaseAccessLog.objects.filter(case=case, user=officer, what="equality monitoring form").exists()


def test_the_case_page_shows_no_answers(client, case, officer, supervisor):
    """No section of the case page shows them; the timeline says only that they were recorded."""
    record_equality_answers(case.victim, answers=ANSWERS, how="staff", actor=officer, case=case)
    for user in (officer, supervisor):
        client.force_login(user)
        for section in ("detail", "contact", "support", "court", "documents", "timeline"):
            page = client.get(reverse(f"cases:{section}", kwargs={"case_id": case.pk})).content.decode()
            for shown in ("Jewish", "Gay or lesbian", "Black, Black British"):
                assert shown not in page, section
        timeline = client.get(reverse("cases:timeline", kwargs={"case_id": case.pk})).content.decode()
        assert "Equality monitoring answers recorded" in timeline


def test_a_closed_case_can_still_record_them(client, case, officer):
    close_case(case, actor=officer)
    client.force_login(officer)
    assert staff_url(case) in client.get(detail(case)).content.decode()
    assert client.post(staff_url(case), ANSWERS).status_code == 302
    assert EqualityAnswers.objects.get(victim=case.victim).answers() == ANSWERS


@pytest.mark.parametrize("data, error", [
    ({}, "Select at least one answer"),
    ({**ANSWERS, "ethnicity": "welsh"}, "Select one of the answers to: What is your ethnic group?"),
])
def test_errors_name_the_question(client, case, officer, data, error):
    client.force_login(officer)
    response = client.post(staff_url(case), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and error in page
    assert title(response).startswith("Error:")
    assert not EqualityAnswers.objects.exists()


def test_the_staff_page_in_welsh(client, case, officer):
    client.force_login(officer)
    response = in_welsh(client).post(staff_url(case), {**ANSWERS, "ethnicity": "welsh"})
    page = html.unescape(response.content.decode())
    assert '<html lang="cy"' in page
    for welsh in ("Monitro cydraddoldeb (dewisol)", "Beth yw eich grŵp ethnig?", "Gwell gennyf beidio â dweud",
                  "gwasanaeth teg", "Cadw'r atebion"):
        assert welsh in page, welsh


# --- The portal ----------------------------------------------------------------------------------------
def test_the_portal_page(client, case):
    sign_in_to_portal(client, case)
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("portal:about-you") in home and "About you (optional)" in home
    response = client.get(reverse("portal:about-you"))
    assert response.status_code == 200
    assert title(response) == "About you (optional) - Gwent Police"
    assert "You do not have to answer" in response.content.decode()
    response = client.post(reverse("portal:about-you"), {"sex": "prefer_not_to_say", "religion": "no_religion"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    record = EqualityAnswers.objects.get(victim=case.victim)
    assert record.how == "portal" and record.recorded_by is None
    assert record.answers() == {"sex": "prefer_not_to_say", "ethnicity": "", "disability": "",
                                "religion": "no_religion", "sexual_orientation": ""}
    page = client.get(reverse("portal:about-you")).content.decode()
    assert 'value="no_religion" checked' in page and "You can change them" in page
    assert CaseAccessLog.objects.filter(case=case, user=None, channel="portal", what="portal about you").exists()
    event = case.timeline.get(kind=TimelineEvent.Kind.EQUALITY_RECORDED)
    assert event.data == {"how": "portal"}


def test_the_portal_page_refuses_nothing_chosen_and_bad_values(client, case):
    sign_in_to_portal(client, case)
    page = client.post(reverse("portal:about-you"), {}).content.decode()
    assert "Choose at least one answer" in page
    page = client.post(reverse("portal:about-you"), {"sex": "robot"}).content.decode()
    assert "Select one of the answers to: What is your sex?" in page
    assert not EqualityAnswers.objects.exists()


def test_the_portal_page_in_welsh(client, case):
    sign_in_to_portal(client, case)
    page = html.unescape(in_welsh(client).get(reverse("portal:about-you")).content.decode())
    for welsh in ("Amdanoch chi (dewisol)", "Beth yw eich rhyw?", "Ydych chi'n anabl?", "Nac ydw",
                  "gwasanaeth teg"):
        assert welsh in page, welsh


def test_another_victim_sees_only_their_own(client, case, other_case):
    record_equality_answers(case.victim, answers=ANSWERS, how="portal", case=case)
    sign_in_to_portal(client, other_case)
    page = client.get(reverse("portal:about-you")).content.decode()
    assert "checked" not in page


def test_not_signed_in_to_the_portal(client, officer):
    client.force_login(officer)
    assert client.get(reverse("portal:about-you"))["Location"] == reverse("portal:start")
