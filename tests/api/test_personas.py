"""Who sees which case through the API. The `case` fixture is in the officer's unit, owned by the
officer and recorded by the call handler."""

import pytest
from django.urls import reverse

from victimcare.cases.models import CaseAccessLog
from victimcare.cases.services import record_key_decision
from victimcare.charter.rules import KeyDecision

SEES_THE_CASE = ["officer", "colleague", "supervisor", "call_handler"]
DOES_NOT_SEE_THE_CASE = ["other_officer", "administrator"]


def ids(response):
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("persona", SEES_THE_CASE)
def test_those_who_may_see_the_case_get_it(api, personas, case, persona):
    response = api.as_user(personas[persona]).get(reverse("api:case-detail", args=[case.pk]))

    assert response.status_code == 200
    assert response.json()["id"] == case.pk


@pytest.mark.parametrize("persona", SEES_THE_CASE)
def test_those_who_may_see_the_case_find_it_in_every_list(api, personas, case, persona):
    commitment = record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=personas["officer"])
    client = api.as_user(personas[persona])

    assert ids(client.get(reverse("api:case-list"))) == [case.pk]
    assert ids(client.get(reverse("api:crime-list"))) == [case.crime_id]
    assert ids(client.get(reverse("api:commitment-list"))) == [commitment.pk]
    assert client.get(reverse("api:crime-detail", args=[case.crime_id])).status_code == 200
    assert client.get(reverse("api:commitment-detail", args=[commitment.pk])).status_code == 200
    assert client.get(reverse("api:case-timeline", args=[case.pk])).status_code == 200


@pytest.mark.parametrize("persona", DOES_NOT_SEE_THE_CASE)
def test_outsiders_get_404_and_empty_lists(api, personas, case, persona):
    commitment = record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=personas["officer"])
    client = api.as_user(personas[persona])

    for name, pk in [
        ("api:case-detail", case.pk),
        ("api:case-timeline", case.pk),
        ("api:crime-detail", case.crime_id),
        ("api:commitment-detail", commitment.pk),
    ]:
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 404, name
    for name in ["api:case-list", "api:crime-list", "api:commitment-list"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert response.json()["results"] == [], name
    assert not CaseAccessLog.objects.filter(user=personas[persona]).exists()


def test_a_404_for_a_hidden_case_looks_like_one_for_no_case(api, other_officer, case):
    client = api.as_user(other_officer)

    hidden = client.get(reverse("api:case-detail", args=[case.pk]))
    missing = client.get(reverse("api:case-detail", args=[case.pk + 1000]))

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()


def test_filtering_by_a_hidden_case_answers_like_a_missing_one(api, other_officer, case):
    client = api.as_user(other_officer)

    hidden = client.get(reverse("api:commitment-list"), {"case": case.pk})
    missing = client.get(reverse("api:commitment-list"), {"case": case.pk + 1000})

    assert hidden.status_code == missing.status_code == 200
    assert hidden.json() == missing.json()


def test_supervisor_sees_the_cases_of_their_units_only(api, supervisor, case, make_case, other_unit):
    in_their_unit = make_case()
    make_case(unit=other_unit)

    response = api.as_user(supervisor).get(reverse("api:case-list"))

    assert sorted(ids(response)) == sorted([case.pk, in_their_unit.pk])


def test_officer_sees_the_cases_of_their_unit_only(api, officer, case, make_case, other_unit):
    elsewhere = make_case(unit=other_unit)

    response = api.as_user(officer).get(reverse("api:case-list"))

    assert ids(response) == [case.pk]
    assert api.get(reverse("api:case-detail", args=[elsewhere.pk])).status_code == 404


def test_call_handler_sees_only_the_cases_they_recorded(api, call_handler, officer, case, make_case, other_unit):
    recorded_elsewhere = make_case(unit=other_unit)
    not_theirs = make_case(recorded_by=officer)

    client = api.as_user(call_handler)

    assert sorted(ids(client.get(reverse("api:case-list")))) == sorted([case.pk, recorded_elsewhere.pk])
    assert client.get(reverse("api:case-detail", args=[not_theirs.pk])).status_code == 404


def test_administrator_sees_no_cases(api, administrator, case):
    client = api.as_user(administrator)

    assert client.get(reverse("api:case-list")).json()["count"] == 0
    assert client.get(reverse("api:case-detail", args=[case.pk])).status_code == 404


@pytest.mark.parametrize("persona", SEES_THE_CASE)
def test_every_read_of_a_case_is_logged_with_channel_api(api, personas, case, persona):
    user = personas[persona]
    commitment = record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=personas["officer"])
    client = api.as_user(user)
    reads = [
        reverse("api:case-detail", args=[case.pk]),
        reverse("api:case-timeline", args=[case.pk]),
        reverse("api:case-list"),
        reverse("api:commitment-list"),
        reverse("api:commitment-detail", args=[commitment.pk]),
    ]

    for url in reads:
        assert client.get(url).status_code == 200

    logged = CaseAccessLog.objects.filter(user=user, action=CaseAccessLog.Action.VIEWED).order_by("id")
    assert [(row.case_id, row.action, row.channel, row.what) for row in logged] == [
        (case.pk, CaseAccessLog.Action.VIEWED, CaseAccessLog.Channel.API, f"GET {url}") for url in reads
    ]


def test_a_list_logs_each_case_it_shows_and_no_other(api, officer, case, make_case, other_unit):
    shown = make_case()
    not_shown = make_case(unit=other_unit)

    api.as_user(officer).get(reverse("api:case-list"))

    logged = set(CaseAccessLog.objects.filter(user=officer).values_list("case_id", flat=True))
    assert logged == {case.pk, shown.pk}
    assert not_shown.pk not in logged


def test_crimes_are_not_logged_as_case_reads(api, officer, case):
    api.as_user(officer).get(reverse("api:crime-list"))
    api.get(reverse("api:crime-detail", args=[case.crime_id]))

    assert not CaseAccessLog.objects.filter(user=officer).exists()


def test_the_access_log_keeps_only_the_parameters_the_endpoint_knows(api, officer, case):
    """The log can never be changed, so a query string's free text (a name, say) must not reach it."""
    api.as_user(officer).get(reverse("api:case-list"), {"status": "open", "page": "1", "note": "Smith"})
    api.get(reverse("api:case-detail", args=[case.pk]), {"victim_name": "Smith"})

    logged = set(CaseAccessLog.objects.filter(channel=CaseAccessLog.Channel.API).values_list("what", flat=True))

    assert logged == {"GET /api/cases/?page=1&status=open", f"GET /api/cases/{case.pk}/"}
