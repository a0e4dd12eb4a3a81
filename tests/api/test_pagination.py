"""Pages of a long list: the count stops at a cap ("count_is_capped"), and the pages go on past it, each saying
whether another follows; a page past the last is a 404. The cap and the page size are made small here."""

import pytest
from django.urls import reverse

from victimcare.api import pagination

CAP, SIZE, CASES = 3, 2, 7


def ids(response):
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def seven_cases(make_case):
    return [make_case() for _ in range(CASES)]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CAP", CAP)
    monkeypatch.setattr("victimcare.frontend.pages.COUNT_CAP", CAP)
    monkeypatch.setattr(pagination.PageNumberPagination, "page_size", SIZE)


def test_past_the_cap_the_count_is_capped_and_every_page_can_still_be_read(api, officer, seven_cases, small_pages):
    client = api.as_user(officer)
    url = reverse("api:case-list")
    newest_first = [case.pk for case in sorted(seven_cases, key=lambda c: (c.opened_at, c.pk), reverse=True)]

    pages, number = [], 1
    while True:
        response = client.get(url, {"page": number})
        assert response.status_code == 200
        body = response.json()
        assert (body["count"], body["count_is_capped"]) == (CAP, True)
        pages.append(ids(response))
        if body["next"] is None:
            break
        assert f"page={number + 1}" in body["next"]
        number += 1
    assert pages == [newest_first[i:i + SIZE] for i in range(0, CASES, SIZE)]
    assert number == 4, "pages 3 and 4 lie past the cap of 3 rows"

    past_the_last = client.get(url, {"page": number + 1})
    assert past_the_last.status_code == 404
    assert past_the_last.json() == {"detail": "Invalid page."}


def test_under_the_cap_the_count_is_exact(api, officer, seven_cases, monkeypatch):
    monkeypatch.setattr(pagination.PageNumberPagination, "page_size", SIZE)
    body = api.as_user(officer).get(reverse("api:case-list")).json()
    assert (body["count"], body["count_is_capped"]) == (CASES, False)
    assert len(body["results"]) == SIZE
    assert "page=2" in body["next"]


def test_a_page_past_the_cap_needs_a_whole_number(api, officer, seven_cases, small_pages):
    response = api.as_user(officer).get(reverse("api:case-list"), {"page": "x"})
    assert response.status_code == 400
    assert "page" in response.json()
