"""What a receiving organisation sees: exactly the items shared in force with it, on the web and in the
API, every read logged, and 404 for anything else."""

import pytest
from django.urls import reverse

from tests.sharing.conftest import give_and_share, withdraw
from tests.web.conftest import make_case
from victimcare.cases.models import CaseAccessLog
from victimcare.sharing.models import SharedItem

ALL_ITEMS = list(SharedItem.values)


def page(client, user, case):
    client.force_login(user)
    return client.get(reverse("sharing:shared-case", kwargs={"case_id": case.pk}))


def api(client, user, case=None):
    client.force_login(user)
    if case is None:
        return client.get(reverse("api:shared-case-list"))
    return client.get(reverse("api:shared-case-detail", kwargs={"pk": case.pk}))


def test_only_the_items_shared_are_shown(client, assessed_case, officer, partner, partner_agency):
    give_and_share(assessed_case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME])
    response = page(client, partner, assessed_case)
    html = response.content.decode()
    assert response.status_code == 200
    assert assessed_case.crime.reference in html
    assert "On or near Commercial Street" in html and "Ffion Morgan" in html
    assert "Please check in with her." in html
    for hidden in ("07700 900123", "ffion@example.org", "1 Stow Hill", "Cannot sleep", "Plain language",
                   "Risk level", "DASH score", "Latest decision"):
        assert hidden not in html, hidden


def test_everything_shared_is_shown(client, assessed_case, officer, partner, partner_agency):
    give_and_share(assessed_case, officer, partner_agency, ALL_ITEMS)
    html = page(client, partner, assessed_case).content.decode()
    for shown in ("Ffion Morgan", "07700 900123", "ffion@example.org", "1 Stow Hill", "High", "15", "Cannot sleep",
                  "Phone call, Letter", "Weekdays 9 to 3", "Suspect arrested"):
        assert shown in html, shown


def test_the_incident_summary_alone_never_names_the_victim(client, assessed_case, officer, partner,
                                                          partner_agency):
    give_and_share(assessed_case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY], summary="")
    html = page(client, partner, assessed_case).content.decode()
    assert "Ffion" not in html and "Morgan" not in html and "07700" not in html


def test_not_shared_is_404_and_withdrawal_is_404_at_once(client, case, officer, partner, other_partner,
                                                          partner_agency, caseworker, neighbourhood, supervisor):
    assert page(client, partner, case).status_code == 404
    give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY])
    assert page(client, partner, case).status_code == 200
    for outsider in (other_partner, caseworker, neighbourhood, officer, supervisor):
        assert page(client, outsider, case).status_code == 404, outsider
    withdraw(case, officer, partner_agency)
    assert page(client, partner, case).status_code == 404


def test_reads_are_logged(client, case, officer, partner, partner_agency):
    give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY])
    page(client, partner, case)
    client.get(reverse("sharing:shared-cases"))
    api(client, partner, case)
    logged = list(CaseAccessLog.objects.filter(case=case, user=partner).values_list("what", "channel"))
    assert ("shared case", "web") in logged
    assert ("shared cases list", "web") in logged
    assert (f"GET /api/shared-cases/{case.pk}/", "api") in logged


def test_the_list_shows_what_and_since_when(client, case, officer, partner, partner_agency, unit, call_handler):
    give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY, SharedItem.NEEDS])
    not_shared = make_case(unit, officer, call_handler)
    client.force_login(partner)
    html = client.get(reverse("sharing:shared-cases")).content.decode()
    assert case.crime.reference in html and "Support needs" in html
    assert not_shared.crime.reference not in html
    assert case.victim.family_name not in html
    withdraw(case, officer, partner_agency)
    html = client.get(reverse("sharing:shared-cases")).content.decode()
    assert case.crime.reference not in html
    assert "Nothing is shared with your organisation at the moment." in html


def test_the_api_gives_exactly_the_shared_fields(client, assessed_case, officer, partner, partner_agency):
    give_and_share(assessed_case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME])
    data = api(client, partner, assessed_case).json()
    assert set(data) == {"id", "crime_reference", "shared_items", "shared_since", "disclosures", "incident", "victim"}
    assert data["shared_items"] == ["incident_summary", "victim_name"]
    assert data["victim"] == {"name": "Ffion Morgan", "date_of_birth": data["victim"]["date_of_birth"]}
    assert data["incident"]["location"] == "On or near Commercial Street"
    assert data["disclosures"][0]["summary"] == "Please check in with her."
    listed = api(client, partner).json()
    assert [row["id"] for row in listed["results"]] == [assessed_case.pk]
    assert set(listed["results"][0]) == {"id", "crime_reference", "shared_items", "shared_since"}


def test_the_api_gives_everything_when_everything_is_shared(client, assessed_case, officer, partner,
                                                            partner_agency):
    give_and_share(assessed_case, officer, partner_agency, ALL_ITEMS)
    data = api(client, partner, assessed_case).json()
    assert data["risk_assessment"] == {"risk_level": "high", "dash_score": 15}
    assert data["contact"]["phone"] == "07700 900123"
    assert data["needs"]["safe_times"] == "Weekdays 9 to 3"
    assert data["case_progress"]["status"] == "open" and data["case_progress"]["last_decision"]


def test_the_api_answers_404_for_anything_not_shared(client, case, officer, partner, other_partner,
                                                    partner_agency):
    assert api(client, partner, case).status_code == 404
    give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY])
    assert api(client, other_partner, case).status_code == 404
    assert api(client, other_partner).json()["results"] == []
    assert api(client, officer).json()["results"] == [], "police users get an empty list"
    client.force_login(partner)
    assert client.get("/api/shared-cases/not-a-number/").status_code == 404
    assert client.get(reverse("api:case-detail", kwargs={"pk": case.pk})).status_code == 404
    assert client.get(reverse("api:case-list")).json()["results"] == []
    withdraw(case, officer, partner_agency)
    assert api(client, partner, case).status_code == 404


def test_token_authentication_works_for_partners(client, case, officer, partner, partner_agency):
    from tests.api.helpers import system_like, token_for

    give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY])
    token = token_for(system_like(partner), ["shared-cases:read"])
    response = client.get(reverse("api:shared-case-detail", kwargs={"pk": case.pk}),
                          HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert client.get(reverse("api:shared-case-list")).status_code == 401


@pytest.mark.parametrize("many", [1, 12])
def test_query_counts_do_not_grow(client, unit, officer, call_handler, partner, partner_agency, many,
                                  django_assert_max_num_queries):
    cases = [make_case(unit, officer, call_handler) for _ in range(many)]
    for case in cases:
        give_and_share(case, officer, partner_agency, ALL_ITEMS)
    client.force_login(partner)
    client.get(reverse("sharing:shared-cases"))  # warm the session
    with django_assert_max_num_queries(8):  # the page of case ids and their count, then those cases' sharing
        assert client.get(reverse("sharing:shared-cases")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("sharing:shared-case", kwargs={"case_id": cases[-1].pk})).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("api:shared-case-list")).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("api:shared-case-detail", kwargs={"pk": cases[-1].pk})).status_code == 200


def test_the_incident_summary_gives_the_place_at_street_level_only(client, assessed_case, officer, partner,
                                                                   partner_agency):
    crime = assessed_case.crime
    crime.location_description = "Flat 2, 14 Commercial Street, NP20 1AA"
    crime.save(update_fields=["location_description"])
    give_and_share(assessed_case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY])
    html = page(client, partner, assessed_case).content.decode()
    assert "Commercial Street" in html
    assert "Flat 2" not in html and "14 Commercial" not in html and "NP20 1AA" not in html
    assert api(client, partner, assessed_case).json()["incident"]["location"] == "Commercial Street"


def test_the_shared_case_list_comes_a_page_at_a_time(client, unit, officer, call_handler, partner, partner_agency,
                                                     monkeypatch):
    from victimcare.sharing import views

    monkeypatch.setattr(views, "SHARED_CASES_PER_PAGE", 2)
    cases = [make_case(unit, officer, call_handler) for _ in range(3)]
    for case in cases:
        give_and_share(case, officer, partner_agency, ALL_ITEMS)
    client.force_login(partner)
    first = client.get(reverse("sharing:shared-cases")).content.decode()
    second = client.get(reverse("sharing:shared-cases") + "?page=2").content.decode()
    newest_first = [case.crime.reference for case in reversed(cases)]
    assert all(reference in first for reference in newest_first[:2]) and newest_first[2] not in first
    assert newest_first[2] in second and newest_first[0] not in second
    assert 'class="govuk-pagination"' in first
