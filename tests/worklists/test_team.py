"""The team view: a supervisor's overdue and soon-due commitments across their units, by officer."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import MembershipFactory
from tests.web.conftest import count_queries, in_welsh
from tests.worklists.conftest import make_case, officers_owing, owe
from victimcare.cases.models import CaseAccessLog
from victimcare.cases.services import close_case
from victimcare.charter.rules import CommitmentKind
from victimcare.organisations.models import Membership

TEAM = reverse("worklists:team")


def listed(response) -> list[tuple[str, str]]:
    return [(row.commitment.case.crime.reference, row.commitment.kind) for row in response.context["rows"]]


def per_officer(response) -> dict[str, tuple[int, int]]:
    return {c.name: (c.overdue, c.due_soon) for c in response.context["per_officer"]}


def officer_order(response) -> list[str]:
    return [c.name for c in response.context["per_officer"]]


SHOW_ALL = "officers=all#per-officer"


@pytest.fixture
def team(unit, other_unit, officer, colleague, other_officer, supervisor, call_handler):
    olwen = make_case(unit, officer, call_handler, reference="GW/2025/300001")
    owe(olwen, hours=-30, kind=CommitmentKind.INFORM_DECISION)
    owe(olwen, hours=20)
    owe(olwen, hours=80)  # beyond two days: not shown by default
    gareth = make_case(unit, colleague, call_handler, reference="GW/2025/300002")
    owe(gareth, hours=-2)
    owe(gareth, hours=1, kind=CommitmentKind.CONTACT_AGREEMENT)
    nobody = make_case(unit, None, call_handler, reference="GW/2025/300003")
    owe(nobody, hours=-5, kind=CommitmentKind.WRITTEN_ACKNOWLEDGEMENT)
    closed = make_case(unit, officer, call_handler, reference="GW/2025/300004")
    owe(closed, hours=-5)
    close_case(closed, actor=officer)  # its commitment is missed, not open
    elsewhere = make_case(other_unit, other_officer, call_handler, reference="GW/2025/900001")
    owe(elsewhere, hours=-5)
    return {"olwen": olwen, "gareth": gareth, "nobody": nobody, "elsewhere": elsewhere}


def test_overdue_and_due_in_two_days_grouped_by_officer(client, supervisor, team):
    client.force_login(supervisor)
    response = client.get(TEAM)
    assert response.status_code == 200
    assert listed(response) == [
        ("GW/2025/300002", "response"), ("GW/2025/300002", "contact_agreement"),
        ("GW/2025/300001", "inform_decision"), ("GW/2025/300001", "response"),
        ("GW/2025/300003", "written_acknowledgement"),
    ]
    assert per_officer(response) == {"Gareth Lewis": (1, 1), "Olwen Price": (1, 1), "Not assigned": (1, 0)}
    html = response.content.decode()
    for text in ("Team", "By officer", "Gareth Lewis", "Olwen Price", "Not assigned", "Due soon", "Total",
                 "overdue or due in the next 2 days", "1 day 6 hours late", "Reassign"):
        assert text in html, text
    assert "GW/2025/900001" not in html
    assert "GW/2025/300004" not in html
    assert f'href="{reverse("worklists:reassign", kwargs={"case_id": team["nobody"].pk})}"' in html


def test_more_days_show_more(client, supervisor, team):
    client.force_login(supervisor)
    response = client.get(f"{TEAM}?days=4")
    assert ("GW/2025/300001", "response") in listed(response)
    assert len(listed(response)) == 6
    assert per_officer(response)["Olwen Price"] == (1, 2)
    zero = client.get(f"{TEAM}?days=0")
    assert per_officer(zero) == {"Gareth Lewis": (1, 0), "Olwen Price": (1, 0), "Not assigned": (1, 0)}


def test_sorted_by_due_time(client, supervisor, team):
    client.force_login(supervisor)
    response = client.get(f"{TEAM}?sort=due")
    due = [row.commitment.due_at for row in response.context["rows"]]
    assert due == sorted(due)
    assert listed(response)[0] == ("GW/2025/300001", "inform_decision")


@pytest.mark.parametrize("query, field", [
    ("days=-1", "Due in the next (days)"),
    ("days=29", "Due in the next (days)"),
    ("days=lots", "Due in the next (days)"),
    ("sort=victim", "Sort by"),
    ("unit=999999", "Unit"),
])
def test_a_bad_filter_is_ignored_with_a_message_naming_it(client, supervisor, team, query, field):
    client.force_login(supervisor)
    response = client.get(f"{TEAM}?{query}")
    assert response.status_code == 200
    assert len(listed(response)) == 5
    html = response.content.decode()
    assert "Some filters were not recognised" in html
    assert f"{field} filter ignored" in html


def test_a_supervisor_of_several_units_can_choose_one(client, supervisor, other_unit, team):
    MembershipFactory(user=supervisor, organisation=other_unit, role=Membership.Role.SUPERVISOR)
    client.force_login(supervisor)
    both = client.get(TEAM)
    assert len(listed(both)) == 6
    assert 'name="unit"' in both.content.decode()
    only_other = client.get(f"{TEAM}?unit={other_unit.pk}")
    assert listed(only_other) == [("GW/2025/900001", "response")]
    assert per_officer(only_other) == {"Dewi Hughes": (1, 0)}


def test_one_unit_means_no_unit_filter(client, supervisor, team):
    client.force_login(supervisor)
    assert 'name="unit"' not in client.get(TEAM).content.decode()


@pytest.mark.parametrize("persona", ["officer", "colleague", "other_officer", "call_handler", "administrator"])
def test_only_supervisors(client, personas, team, persona):
    client.force_login(personas[persona])
    response = client.get(TEAM)
    assert response.status_code == 403
    assert "GW/2025/300001" not in response.content.decode()


def test_listing_logs_a_read_of_each_case_shown(client, supervisor, team):
    client.force_login(supervisor)
    client.get(TEAM)
    logged = sorted(e.case.crime.reference for e in CaseAccessLog.objects.filter(user=supervisor,
                                                                                 what="team worklist"))
    assert logged == ["GW/2025/300001", "GW/2025/300002", "GW/2025/300003"]


def test_nothing_due(client, supervisor):
    client.force_login(supervisor)
    html = client.get(TEAM).content.decode()
    assert "Nothing is overdue or due soon on your units' open cases." in html


def test_query_count_does_not_grow_with_the_number_of_cases(client, unit, officer, colleague, supervisor,
                                                            call_handler):
    client.force_login(supervisor)
    owe(make_case(unit, officer, call_handler), hours=-3)
    one = count_queries(client, TEAM)
    for n in range(19):
        case = make_case(unit, [officer, colleague, None][n % 3], call_handler)
        owe(case, hours=-n - 1)
        owe(case, hours=n + 1)
    twenty = count_queries(client, TEAM)
    assert one == twenty
    assert twenty <= 11  # the session, the user, their authenticator, then the page's 8 (its ids, then its rows)


def test_in_welsh(client, supervisor, team):
    client.force_login(supervisor)
    html = in_welsh(client).get(TEAM).content.decode()
    for welsh in ("Tîm", "Fesul swyddog", "Heb ei bennu", "Achosion heb swyddog â gofal", "Rhoi i swyddog",
                  "Yn ddyledus cyn bo hir", "Cyfanswm", "Ailbennu",
                  "Cytuno gyda&#x27;r dioddefwr sut a phryd y caiff ddiweddariadau", "yn hwyr", "Trefnu yn ôl"):
        assert welsh in html, welsh
    for english in ("By officer", "Not assigned", "Due soon", "Reassign<", "Sort by"):
        assert english not in html, english


def test_the_navigation_marks_only_the_page_shown_as_current(client, supervisor, officer):
    client.force_login(supervisor)
    for url, label in ((TEAM, "Team"), (reverse("worklists:my-cases"), "My cases")):
        html = client.get(url).content.decode()
        assert html.count('aria-current="true"') == 1, url
        assert f'aria-current="true"><strong class="govuk-service-navigation__active-fallback">{label}</strong>' in html


def test_the_days_box_shows_the_default(client, supervisor):
    client.force_login(supervisor)
    response = client.get(TEAM)
    assert response.context["form"]["days"].value() == "2"
    assert 'value="2"' in response.content.decode()


def test_open_cases_with_no_officer_are_listed_to_be_given_to_one(client, supervisor, unit, other_unit,
                                                                  call_handler, team):
    quiet = make_case(unit, None, call_handler, reference="GW/2025/300010")  # nothing due soon
    make_case(other_unit, None, call_handler, reference="GW/2025/900010")
    client.force_login(supervisor)
    response = client.get(TEAM)
    assert [case.crime.reference for case in response.context["unassigned"]] == ["GW/2025/300003", "GW/2025/300010"]
    html = response.content.decode()
    assert "Cases with no officer in charge" in html
    assert f'href="{reverse("worklists:reassign", kwargs={"case_id": quiet.pk})}"' in html
    assert "GW/2025/900010" not in html
    assert CaseAccessLog.objects.filter(user=supervisor, case=quiet, what="team worklist").exists()


def test_at_most_25_unassigned_cases_are_shown(client, supervisor, unit, call_handler):
    for _n in range(26):
        make_case(unit, None, call_handler)
    client.force_login(supervisor)
    response = client.get(TEAM)
    assert len(response.context["unassigned"]) == 25
    assert "There are more: the oldest are shown first." in response.content.decode()


def test_officers_most_overdue_first_then_most_due_soon_then_by_name(client, supervisor, team):
    client.force_login(supervisor)
    assert officer_order(client.get(TEAM)) == ["Gareth Lewis", "Olwen Price", "Not assigned"]
    assert officer_order(client.get(f"{TEAM}?days=4")) == ["Olwen Price", "Gareth Lewis", "Not assigned"]
    owe(team["nobody"], hours=-1)
    assert officer_order(client.get(TEAM)) == ["Not assigned", "Gareth Lewis", "Olwen Price"]


def test_at_most_20_officers_shown_the_most_overdue_with_a_link_to_all(client, supervisor, unit, call_handler):
    overdue = [3, 3, 2, *[1] * 19, 2]
    names = officers_owing(unit, call_handler, overdue)
    client.force_login(supervisor)
    response = client.get(TEAM)
    most_in_need = [names[0], names[1], names[2], names[22], *names[3:19]]
    assert officer_order(response) == most_in_need
    assert response.context["overdue_total"] == sum(overdue) == 29
    assert response.context["due_soon_total"] == 23
    html = response.content.decode()
    assert "Showing the 20 officers with the most overdue commitments, of 23." in html
    assert f'href="?{SHOW_ALL}">Show all officers</a>' in html
    assert re.search(r"Total</th>\s*<td[^>]*><strong>29</strong></td>\s*<td[^>]*><strong>23</strong>", html)

    everyone = client.get(f"{TEAM}?officers=all")
    assert officer_order(everyone) == [*most_in_need, *names[19:22]]
    assert everyone.context["overdue_total"] == 29
    assert "Show all officers" not in everyone.content.decode()
    # Applying the filters while every officer is shown keeps every officer shown.
    assert '<input type="hidden" name="officers" value="all">' in everyone.content.decode()
    assert 'name="officers"' not in html


def test_the_link_to_all_officers_keeps_the_filters_but_not_the_page(client, supervisor, unit, call_handler):
    officers_owing(unit, call_handler, [1] * 21)
    client.force_login(supervisor)
    html = client.get(f"{TEAM}?days=4&sort=due&page=2").content.decode()
    assert f'href="?days=4&amp;sort=due&amp;{SHOW_ALL}">Show all officers</a>' in html
    assert len(client.get(f"{TEAM}?days=4&sort=due&{SHOW_ALL}").context["per_officer"]) == 21


def test_20_officers_are_all_shown_with_no_link(client, supervisor, unit, call_handler):
    officers_owing(unit, call_handler, [1] * 20)
    client.force_login(supervisor)
    response = client.get(TEAM)
    assert len(response.context["per_officer"]) == 20
    assert "Show all officers" not in response.content.decode()


def test_names_decide_among_officers_level_at_the_cut(client, supervisor, unit, call_handler):
    names = officers_owing(unit, call_handler, [1] * 22)
    client.force_login(supervisor)
    assert officer_order(client.get(TEAM)) == names[:20]
    assert names_read(client, TEAM) == [22]  # those level with the 20th are all read, their names decide


def test_link_to_all_officers_in_welsh(client, supervisor, unit, call_handler):
    officers_owing(unit, call_handler, [1] * 21)
    client.force_login(supervisor)
    html = in_welsh(client).get(TEAM).content.decode()
    assert "Yn dangos yr 20 swyddog sydd â'r nifer fwyaf o ymrwymiadau hwyr, o blith 21." in html
    assert f'href="?{SHOW_ALL}">Dangos pob swyddog</a>' in html


def names_read(client, url) -> list[int]:
    """How many officers' names the page read, in its one query for them."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    lists = [re.search(r"IN \(([^)]*)\)", q["sql"]) for q in queries if 'FROM "accounts_user"' in q["sql"]]
    return [len(found.group(1).split(",")) for found in lists if found]


def test_names_are_read_only_for_the_officers_shown(client, supervisor, unit, call_handler):
    officers_owing(unit, call_handler, [2] * 20 + [1] * 10)
    client.force_login(supervisor)
    assert names_read(client, TEAM) == [20]
    assert names_read(client, f"{TEAM}?officers=all") == [30]


def test_query_count_does_not_grow_with_the_number_of_officers(client, unit, officer, supervisor, call_handler):
    client.force_login(supervisor)
    owe(make_case(unit, officer, call_handler), hours=-3)
    one = count_queries(client, TEAM)
    officers_owing(unit, call_handler, [n % 3 for n in range(24)])
    assert len(client.get(TEAM).context["per_officer"]) == 20
    assert count_queries(client, TEAM) == one
    assert count_queries(client, f"{TEAM}?officers=all") == one
    assert one <= 11
