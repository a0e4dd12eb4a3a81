"""My cases: an officer's open cases, the next commitment falling due first."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.web.conftest import count_queries, in_welsh
from tests.worklists.conftest import make_case, owe
from victimcare.cases.models import CaseAccessLog
from victimcare.cases.services import close_case
from victimcare.charter.rules import CommitmentKind
from victimcare.charter.services import meet_commitment

MY_CASES = reverse("worklists:my-cases")


def listed(response) -> list[str]:
    return [row.case.crime.reference for row in response.context["rows"]]


@pytest.fixture
def cases(unit, officer, colleague, call_handler):
    soon = make_case(unit, officer, call_handler, reference="GW/2025/200001", family_name="Soon")
    owe(soon, hours=30, kind=CommitmentKind.INFORM_DECISION)
    owe(soon, hours=60)
    nothing = make_case(unit, officer, call_handler, reference="GW/2025/200002", family_name="Nothing")
    late = make_case(unit, officer, call_handler, reference="GW/2025/200003", family_name="Late")
    owe(late, hours=-50, kind=CommitmentKind.REFERRAL_TO_SUPPORT)
    owe(late, hours=-1)
    owe(late, hours=5)
    later = make_case(unit, officer, call_handler, reference="GW/2025/200004", family_name="Later")
    owe(later, hours=100)
    met = owe(later, hours=-100)
    meet_commitment(met, actor=officer)  # ended: neither open nor overdue
    theirs = make_case(unit, colleague, call_handler, reference="GW/2025/200005")
    owe(theirs, hours=-10)
    closed = make_case(unit, officer, call_handler, reference="GW/2025/200006")
    close_case(closed, actor=officer)
    return {"soon": soon, "nothing": nothing, "late": late, "later": later}


def test_open_cases_of_the_officer_overdue_first_then_soonest_then_nothing_due(client, officer, cases):
    client.force_login(officer)
    response = client.get(MY_CASES)
    assert response.status_code == 200
    assert listed(response) == ["GW/2025/200003", "GW/2025/200001", "GW/2025/200004", "GW/2025/200002"]


def test_each_row_shows_the_next_commitment_and_the_counts(client, officer, cases):
    client.force_login(officer)
    response = client.get(MY_CASES)
    rows = {row.case.crime.reference: row for row in response.context["rows"]}
    late = rows["GW/2025/200003"]
    assert late.next_what == "Refer the victim to a support service"
    assert late.late_by.startswith("2 days")
    assert (late.case.overdue_count, late.case.open_count) == (2, 3)
    soon = rows["GW/2025/200001"]
    assert soon.next_what == "Tell the victim about an investigation decision"
    assert soon.late_by == ""
    assert (soon.case.overdue_count, soon.case.open_count) == (0, 2)
    later = rows["GW/2025/200004"]
    assert (later.case.overdue_count, later.case.open_count) == (0, 1)
    nothing = rows["GW/2025/200002"]
    assert (nothing.next_what, nothing.next_due_at, nothing.case.open_count) == ("", None, 0)

    html = response.content.decode()
    assert f'href="{reverse("cases:detail", kwargs={"case_id": cases["late"].pk})}"' in html
    for text in ("Crime reference", "Victim", "Next commitment", "Due", "Overdue", "Open",
                 cases["late"].victim.full_name, "Nothing owed", "2 days 2 hours late", "4 open cases"):
        assert text in html, text
    assert '<strong class="govuk-tag govuk-tag--red">2</strong>' in html
    assert html.count("app-commitment--overdue") == 1


def test_a_colleague_sees_only_their_own(client, colleague, cases):
    client.force_login(colleague)
    assert listed(client.get(MY_CASES)) == ["GW/2025/200005"]


@pytest.mark.parametrize("persona", ["call_handler", "administrator", "supervisor", "other_officer"])
def test_staff_with_no_cases_of_their_own_see_an_empty_list(client, personas, cases, persona):
    client.force_login(personas[persona])
    response = client.get(MY_CASES)
    assert response.status_code == 200
    assert listed(response) == []
    assert "You are not officer in charge of any open case." in response.content.decode()


def test_a_case_the_officer_can_no_longer_see_is_not_listed(client, other_unit, other_officer, officer,
                                                            call_handler):
    """Officer in charge of a case of a unit they are not (or no longer) in: the access rules win."""
    make_case(other_unit, officer, call_handler, reference="GW/2025/200099")
    client.force_login(officer)
    assert listed(client.get(MY_CASES)) == []


def test_listing_logs_a_read_of_each_case_shown(client, officer, cases):
    client.force_login(officer)
    client.get(MY_CASES)
    logged = CaseAccessLog.objects.filter(user=officer, what="my cases")
    assert sorted(entry.case.crime.reference for entry in logged) == [
        "GW/2025/200001", "GW/2025/200002", "GW/2025/200003", "GW/2025/200004"]
    assert {entry.action for entry in logged} == {CaseAccessLog.Action.VIEWED}


def test_pagination_25_a_page(client, unit, officer, call_handler):
    for hours in range(27):
        owe(make_case(unit, officer, call_handler), hours=hours + 1)
    client.force_login(officer)
    first = client.get(MY_CASES)
    assert len(first.context["rows"]) == 25
    assert "27 open cases" in first.content.decode()
    second = client.get(f"{MY_CASES}?page=2")
    assert len(second.context["rows"]) == 2
    due = [row.next_due_at for row in first.context["rows"]] + [row.next_due_at for row in second.context["rows"]]
    assert due == sorted(due)
    assert client.get(f"{MY_CASES}?page=abc").status_code == 200


def test_query_count_does_not_grow_with_the_number_of_cases(client, unit, officer, call_handler):
    client.force_login(officer)
    owe(make_case(unit, officer, call_handler), hours=-3)
    one = count_queries(client, MY_CASES)
    for hours in range(19):
        case = make_case(unit, officer, call_handler)
        owe(case, hours=hours - 10)
        owe(case, hours=hours + 10)
    twenty = count_queries(client, MY_CASES)
    assert one == twenty
    assert twenty <= 8


def test_in_welsh(client, officer, cases):
    client.force_login(officer)
    html = in_welsh(client).get(MY_CASES).content.decode()
    for welsh in ("Fy achosion", "Cyfeirnod trosedd", "Ymrwymiad nesaf",
                  escape("Atgyfeirio'r dioddefwr at wasanaeth cymorth"), "Dim byd yn ddyledus", "yn hwyr",
                  "4 achos agored", 'lang="cy"'):
        assert welsh in html, welsh
    for english in ("Next commitment", "Nothing owed", "Refer the victim", " late<"):
        assert english not in html, english
