"""Queries per request are bounded and do not grow with the rows shown: each list is read with 1 row
and with 20, and must cost the same, within a fixed maximum."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.api.helpers import system_like
from tests.api.helpers import token_client as client_for
from victimcare.cases.models import TimelineEvent
from victimcare.cases.services import assign_officer, record_key_decision
from victimcare.charter.rules import KeyDecision

# The address's recent bad tokens (1), the token with its account (1), its last use (1, at most once a minute),
# the account's roles (1), page count (1), the page (1), the access log insert (1).
MAX_LIST_QUERIES = 7
# The bad tokens, the token, its last use, roles, the case, the access log insert.
MAX_CASE_QUERIES = 6
# ...and the page count and page of events.
MAX_TIMELINE_QUERIES = 8


@pytest.fixture
def token_client(officer):
    return client_for(system_like(officer))


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def add_cases(make_case, officer, colleague, count):
    for number in range(count):
        case = make_case(officer=officer if number % 2 else colleague)
        record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=officer)


@pytest.mark.parametrize(
    ("name", "expected_rows", "maximum"),
    [
        ("api:case-list", lambda n: n, MAX_LIST_QUERIES),
        ("api:crime-list", lambda n: n, MAX_LIST_QUERIES - 1),  # crimes are not logged
        ("api:commitment-list", lambda n: n, MAX_LIST_QUERIES),
    ],
)
def test_lists_cost_the_same_for_1_row_and_20(
    token_client, make_case, officer, colleague, name, expected_rows, maximum, django_assert_max_num_queries
):
    url = reverse(name)
    add_cases(make_case, officer, colleague, 1)
    assert token_client.get(url).json()["count"] == expected_rows(1)
    with django_assert_max_num_queries(maximum):
        one = queries_for(token_client, url)

    add_cases(make_case, officer, colleague, 19)
    assert token_client.get(url).json()["count"] == expected_rows(20)
    with django_assert_max_num_queries(maximum):
        twenty = queries_for(token_client, url)

    assert one == twenty


def test_case_detail_is_bounded(token_client, case, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_CASE_QUERIES):
        token_client.get(reverse("api:case-detail", args=[case.pk]))


def test_timeline_costs_the_same_for_few_events_and_many(
    token_client, case, officer, colleague, django_assert_max_num_queries
):
    url = reverse("api:case-timeline", args=[case.pk])
    token_client.get(url)  # the token's last use is written at most once a minute: not part of the comparison
    with django_assert_max_num_queries(MAX_TIMELINE_QUERIES):
        few = queries_for(token_client, url)

    for number in range(20):
        assign_officer(case, officer if number % 2 else colleague, actor=officer)
        TimelineEvent.objects.create(
            crime=case.crime, case=None, kind=TimelineEvent.Kind.OUTCOME,
            occurred_at=timezone.now() - dt.timedelta(hours=number),
        )
    assert token_client.get(url).json()["count"] > 40
    with django_assert_max_num_queries(MAX_TIMELINE_QUERIES):
        many = queries_for(token_client, url)

    assert few == many


def test_recording_a_decision_is_bounded(token_client, case, django_assert_max_num_queries):
    # The bad tokens, the token, its last use, roles, the case, the read log; then the decision's own writes
    # (timeline, change log, commitment, its timeline entry) and the savepoints of the nested transactions (12);
    # then the Commissioner's figures for the new commitment: the case's place in them, the commitment's last fact,
    # one upsert for each of the four kinds of cell and the new fact (7; 8 on PostgreSQL, which first takes
    # the cells' advisory lock).
    with django_assert_max_num_queries(22):
        response = token_client.post(
            reverse("api:case-decisions", args=[case.pk]), {"decision": "charged"}, format="json"
        )
    assert response.status_code == 201
