"""The case list: who sees what, the columns, the filters, pagination, logging and query counts."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CrimeFactory, LocalAuthorityFactory, LsoaFactory, VictimFactory
from tests.web.conftest import count_queries, in_welsh, make_case, make_overdue
from victimcare.cases.models import CaseAccessLog
from victimcare.cases.services import close_case

LIST = reverse("cases:list")


def listed(response) -> set[str]:
    return {case.crime.reference for case in response.context["page"].object_list}


@pytest.fixture
def cases(unit, other_unit, officer, other_officer, call_handler):
    """Four cases in the officer's unit and one in another unit."""
    caerphilly = LsoaFactory(code="W01001300", name="Caerphilly 001A",
                             local_authority=LocalAuthorityFactory(code="W06000018", name_en="Caerphilly",
                                                                   name_cy="Caerffili"))
    plain = make_case(unit, officer, call_handler, victim=VictimFactory(family_name="Pritchard"),
                      crime=CrimeFactory(reference="GW/2025/100001", category="burglary", offence="burglary-home"))
    enhanced = make_case(unit, officer, call_handler, victim=VictimFactory(family_name="Bevan"),
                         crime=CrimeFactory(reference="GW/2025/100002", is_hate_crime=True, lsoa=caerphilly))
    overdue = make_case(unit, None, call_handler, victim=VictimFactory(family_name="Llewellyn"),
                        crime=CrimeFactory(reference="GW/2025/100003"))
    make_overdue(overdue, officer)
    make_overdue(overdue, officer)
    closed = make_case(unit, officer, call_handler, victim=VictimFactory(family_name="Vaughan"),
                       crime=CrimeFactory(reference="GW/2025/100004"))
    close_case(closed, actor=officer)
    elsewhere = make_case(other_unit, other_officer, other_officer, victim=VictimFactory(family_name="Outsider"),
                          crime=CrimeFactory(reference="GW/2025/900001"))
    return {"plain": plain, "enhanced": enhanced, "overdue": overdue, "closed": closed, "elsewhere": elsewhere}


def test_an_officer_sees_their_units_cases_only(client, officer, cases):
    client.force_login(officer)
    response = client.get(LIST)
    assert response.status_code == 200
    assert listed(response) == {"GW/2025/100001", "GW/2025/100002", "GW/2025/100003", "GW/2025/100004"}
    assert "GW/2025/900001" not in response.content.decode()
    assert "Outsider" not in response.content.decode()


def test_the_other_unit_sees_only_its_own(client, other_officer, cases):
    client.force_login(other_officer)
    assert listed(client.get(LIST)) == {"GW/2025/900001"}


def test_a_call_handler_sees_the_cases_they_recorded(client, call_handler, cases):
    client.force_login(call_handler)
    assert listed(client.get(LIST)) == {"GW/2025/100001", "GW/2025/100002", "GW/2025/100003", "GW/2025/100004"}


def test_an_administrator_sees_no_cases(client, administrator, cases):
    client.force_login(administrator)
    response = client.get(LIST)
    assert listed(response) == set()
    assert "There are no cases you can see." in response.content.decode()


def test_columns(client, officer, cases):
    client.force_login(officer)
    html = client.get(LIST).content.decode()
    case = cases["overdue"]
    assert f'href="{reverse("cases:detail", kwargs={"case_id": case.pk})}"' in html
    for text in ("Crime reference", "Victim", "Category", "Local authority", "Officer", "Opened",
                 "Enhanced rights", "Overdue", "Status", case.victim.full_name, "Burglary", "Caerphilly",
                 "Olwen Price", "Not assigned", "Enhanced", "Closed"):
        assert text in html, text
    page = {c.crime.reference: c for c in client.get(LIST).context["page"].object_list}
    assert page["GW/2025/100003"].overdue_count == 2
    assert page["GW/2025/100001"].overdue_count == 0
    assert '<strong class="govuk-tag govuk-tag--red">2</strong>' in html


@pytest.mark.parametrize("query, expected", [
    ("status=open", {"GW/2025/100001", "GW/2025/100002", "GW/2025/100003"}),
    ("status=closed", {"GW/2025/100004"}),
    ("category=burglary", {"GW/2025/100001"}),
    ("local_authority=W06000018", {"GW/2025/100002"}),
    ("enhanced=yes", {"GW/2025/100002"}),
    ("enhanced=no", {"GW/2025/100001", "GW/2025/100003", "GW/2025/100004"}),
    ("overdue=yes", {"GW/2025/100003"}),
    ("overdue=no", {"GW/2025/100001", "GW/2025/100002", "GW/2025/100004"}),
    ("q=100002", {"GW/2025/100002"}),
    ("q=gw/2025/100001", {"GW/2025/100001"}),
    ("q=llewellyn", {"GW/2025/100003"}),
    ("q=Outsider", set()),
    ("q=GW/2025/900001", set()),
    ("status=open&overdue=no&category=violent-crime", {"GW/2025/100002"}),
])
def test_filters(client, officer, cases, query, expected):
    client.force_login(officer)
    response = client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    assert listed(response) == expected


def test_no_match_says_so(client, officer, cases):
    client.force_login(officer)
    html = client.get(f"{LIST}?q=nobody").content.decode()
    assert "No cases match these filters." in html
    assert "Clear filters" in html


@pytest.mark.parametrize("query, field", [
    ("status=bogus", "Status"),
    ("category=not-a-category", "Category"),
    ("local_authority=W99999999", "Local authority"),
    ("enhanced=maybe", "Enhanced rights"),
    ("overdue=2", "Has overdue commitments"),
    ("q=" + "x" * 101, "Crime reference or victim surname"),
])
def test_a_bad_filter_is_ignored_with_a_message_naming_it(client, officer, cases, query, field):
    client.force_login(officer)
    response = client.get(f"{LIST}?{query}&category=burglary" if "category" not in query else f"{LIST}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{field} filter ignored" in html
    expected = {"GW/2025/100001"} if "category" not in query else {
        "GW/2025/100001", "GW/2025/100002", "GW/2025/100003", "GW/2025/100004"}
    assert listed(response) == expected, "the other filters still apply"


def test_bad_page_numbers_do_not_crash(client, officer, cases):
    client.force_login(officer)
    assert client.get(f"{LIST}?page=abc").status_code == 200
    assert client.get(f"{LIST}?page=999").status_code == 200


def test_pagination_25_a_page_keeps_the_filters(client, unit, officer, call_handler):
    opened = timezone.now() - dt.timedelta(days=1)
    for _n in range(27):
        make_case(unit, officer, call_handler, at=opened)
    client.force_login(officer)
    first = client.get(f"{LIST}?status=open")
    assert len(first.context["page"].object_list) == 25
    html = first.content.decode()
    assert "27 cases" in html
    assert 'class="govuk-pagination"' in html
    assert 'href="?status=open&amp;page=2" rel="next"' in html
    second = client.get(f"{LIST}?status=open&page=2")
    assert len(second.context["page"].object_list) == 2
    assert not set(listed(first)) & set(listed(second))


def test_listing_logs_a_read_of_each_case_shown(client, officer, cases):
    client.force_login(officer)
    client.get(f"{LIST}?status=open")
    logged = CaseAccessLog.objects.filter(user=officer, action=CaseAccessLog.Action.VIEWED, what="case list")
    assert set(logged.values_list("case__crime__reference", flat=True)) == {
        "GW/2025/100001", "GW/2025/100002", "GW/2025/100003"}
    assert not CaseAccessLog.objects.filter(case=cases["elsewhere"], user=officer).exists()


def test_query_count_does_not_grow_with_the_number_of_cases(client, unit, officer, call_handler,
                                                            django_assert_max_num_queries):
    client.force_login(officer)
    case = make_case(unit, officer, call_handler)
    make_overdue(case, officer)
    one = count_queries(client, LIST)
    for _n in range(19):
        make_overdue(make_case(unit, officer, call_handler), officer)
    twenty = count_queries(client, LIST)
    print(f"case list: {one} queries for 1 case, {twenty} for 20")
    assert twenty == one, f"{one} queries for 1 case, {twenty} for 20"
    with django_assert_max_num_queries(one):
        client.get(LIST)


def test_case_list_in_welsh(client, officer, cases):
    client.force_login(officer)
    html = in_welsh(client).get(LIST).content.decode()
    for welsh in ("Achosion", "Cyfeirnod trosedd", "Dioddefwr", "Hawliau uwch", "Hidlo achosion", "Ar agor",
                  "Bwrgleriaeth", "Caerffili", "Allgofnodi", "4 achos"):
        assert welsh in html, welsh
    for english in ("Crime reference", "Filter cases", "Enhanced rights", "Sign out", "Burglary", "4 cases"):
        assert english not in html, english


def test_a_bad_filter_in_welsh(client, officer, cases):
    client.force_login(officer)
    html = in_welsh(client).get(f"{LIST}?status=bogus").content.decode()
    assert "Anwybyddwyd yr hidlydd \u2018Statws\u2019" in html


def test_past_the_count_cap_the_list_says_more_than_and_asks_for_a_filter(client, officer, unit, call_handler,
                                                                           monkeypatch):
    from victimcare.frontend import pages

    for _ in range(4):
        make_case(unit, officer, call_handler)
    client.force_login(officer)
    monkeypatch.setattr(pages, "COUNT_CAP", 3)
    html = client.get(reverse("cases:list")).content.decode()
    assert "More than 3 cases: use the filters" in html
    monkeypatch.setattr(pages, "COUNT_CAP", 4)
    html = client.get(reverse("cases:list")).content.decode()
    assert "4 cases" in html and "More than" not in html
