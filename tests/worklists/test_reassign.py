"""Reassigning a case: a supervisor of its unit gives it to another officer of that unit, once."""

import uuid

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory
from tests.web.conftest import in_welsh
from tests.worklists.conftest import owe
from victimcare.cases.models import CaseAccessLog, TimelineEvent
from victimcare.cases.services import close_case
from victimcare.organisations.models import Membership


def url(case) -> str:
    return reverse("worklists:reassign", kwargs={"case_id": case.pk})


def assignments(case) -> int:
    return TimelineEvent.objects.filter(case=case, kind=TimelineEvent.Kind.OFFICER_ASSIGNED).count()


def test_the_form_offers_the_units_other_officers(client, supervisor, colleague, other_officer, case):
    client.force_login(supervisor)
    response = client.get(url(case))
    assert response.status_code == 200
    html = response.content.decode()
    assert [label for _, label in response.context["form"].fields["officer"].choices] == ["Gareth Lewis"]
    for text in ("Reassign the case", "Who should be the officer in charge?", "Olwen Price", "Newport CID",
                 case.crime.reference, 'name="submission_id"', f'value="{colleague.pk}"'):
        assert text in html, text
    assert f'value="{other_officer.pk}"' not in html
    assert f'value="{supervisor.pk}"' not in html


def test_reassigning(client, supervisor, colleague, officer, case):
    commitment = owe(case, hours=3)
    client.force_login(supervisor)
    response = client.post(url(case), {"officer": colleague.pk, "submission_id": str(uuid.uuid4())})
    assert response.status_code == 302
    assert response["Location"] == reverse("worklists:team")
    case.refresh_from_db()
    assert case.officer == colleague
    event = TimelineEvent.objects.get(case=case, kind=TimelineEvent.Kind.OFFICER_ASSIGNED)
    assert event.actor == supervisor
    assert event.data["officer"] == colleague.pk
    assert CaseAccessLog.objects.filter(case=case, user=supervisor, action=CaseAccessLog.Action.CHANGED,
                                        what="assigned the officer").exists()
    assert CaseAccessLog.objects.filter(case=case, user=supervisor, what="reassign form").exists()
    commitment.refresh_from_db()
    assert commitment.owner_person == officer  # an owned commitment stays with its owner (assign_officer's rule)

    page = client.get(response["Location"]).content.decode()
    assert "govuk-notification-banner--success" in page
    assert f"{case.crime.reference} is now with Gareth Lewis." in page


def test_the_same_form_sent_twice_reassigns_once(client, supervisor, colleague, case):
    client.force_login(supervisor)
    data = {"officer": colleague.pk, "submission_id": str(uuid.uuid4())}
    first = client.post(url(case), data)
    second = client.post(url(case), data)
    assert first.status_code == second.status_code == 302
    assert assignments(case) == 1


def test_choosing_the_officer_already_in_charge_records_nothing(client, supervisor, officer, case):
    client.force_login(supervisor)
    response = client.post(url(case), {"officer": officer.pk})
    assert response.status_code == 302
    assert assignments(case) == 0


def test_an_unassigned_case(client, supervisor, colleague, unit, call_handler):
    from tests.worklists.conftest import make_case

    case = make_case(unit, None, call_handler)
    commitment = owe(case, hours=-1)
    client.force_login(supervisor)
    assert "Not assigned" in client.get(url(case)).content.decode()
    client.post(url(case), {"officer": colleague.pk})
    case.refresh_from_db()
    commitment.refresh_from_db()
    assert case.officer == commitment.owner_person == colleague


@pytest.mark.parametrize("choice", ["", "officer-of-another-unit", "supervisor", "999999", "x"])
def test_a_bad_choice_changes_nothing(client, supervisor, officer, other_officer, case, choice):
    value = {"officer-of-another-unit": other_officer.pk, "supervisor": supervisor.pk}.get(
        choice, choice)
    client.force_login(supervisor)
    response = client.post(url(case), {"officer": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Select the officer to give the case to" in html
    assert "<title>Error:" in html
    case.refresh_from_db()
    assert case.officer == officer
    assert assignments(case) == 0


def test_a_closed_case_cannot_be_reassigned(client, supervisor, officer, colleague, case):
    close_case(case, actor=officer)
    client.force_login(supervisor)
    assert "This case is closed, so it cannot be reassigned." in client.get(url(case)).content.decode()
    response = client.post(url(case), {"officer": colleague.pk})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.officer == officer
    assert assignments(case) == 0


def test_a_unit_with_no_other_officer(client, supervisor, colleague, case):
    Membership.objects.filter(user=colleague).delete()
    client.force_login(supervisor)
    html = client.get(url(case)).content.decode()
    assert "There is no other officer in this unit to give the case to." in html
    assert 'name="officer"' not in html


@pytest.mark.parametrize("persona, status", [
    ("officer", 403), ("colleague", 403), ("call_handler", 403), ("other_officer", 404), ("administrator", 404),
])
def test_only_a_supervisor_of_the_unit(client, personas, case, persona, status):
    client.force_login(personas[persona])
    assert client.get(url(case)).status_code == status
    assert client.post(url(case), {"officer": personas["colleague"].pk}).status_code == status
    case.refresh_from_db()
    assert case.officer == personas["officer"]


def test_a_supervisor_of_another_unit_gets_404(client, other_unit, colleague, case):
    elsewhere = UserFactory(username="elsewhere-supervisor")
    MembershipFactory(user=elsewhere, organisation=other_unit, role=Membership.Role.SUPERVISOR)
    client.force_login(elsewhere)
    assert client.get(url(case)).status_code == 404
    assert client.post(url(case), {"officer": colleague.pk}).status_code == 404


def test_in_welsh(client, supervisor, colleague, case):
    client.force_login(supervisor)
    in_welsh(client)
    html = client.get(url(case)).content.decode()
    for welsh in ("Ailbennu'r achos", "Pwy ddylai fod yn swyddog â gofal?", "Yn ôl i'r tîm", "Canslo"):
        assert welsh in html, welsh
    error = client.post(url(case), {}).content.decode()
    assert "Dewiswch y swyddog i roi&#x27;r achos iddo" in error
    done = client.post(url(case), {"officer": colleague.pk}, follow=True).content.decode()
    assert f"Mae {case.crime.reference} gyda Gareth Lewis bellach." in done
