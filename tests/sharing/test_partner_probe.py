"""The issue's check, walked: a partner agency user probes case URLs and API endpoints it has not been
given, before consent, after consent and sharing, and after withdrawal; and other cases' URLs."""

import pytest
from django.urls import reverse

from tests.access.test_url_matrix import ENDPOINTS
from tests.sharing.conftest import give_and_share, withdraw
from tests.web.conftest import make_case
from victimcare.sharing.models import SharedItem

# Every GET URL about one case, in every app: the partner may only ever reach the shared-case page and
# the shared-case API, and only while sharing is in force.
CASE_URLS = [e for e in ENDPOINTS if e.params in (("case_id",), ("pk",)) and not e.route.startswith("admin/")
             and (e.params == ("case_id",) or e.route.startswith("api/cases/"))]
SHARED_URLS = {"sharing:shared-case", "api:shared-case-detail"}


def probe(client, case) -> dict[str, int]:
    answers = {}
    for endpoint in CASE_URLS:
        url = endpoint.path_format % {endpoint.params[0]: case.pk}
        answers[endpoint.identifier] = client.get(url).status_code
    answers["api:shared-case-detail"] = client.get(reverse("api:shared-case-detail", kwargs={"pk": case.pk})
                                                   ).status_code
    return answers


def only_404(answers, allowed=frozenset()) -> dict[str, int]:
    """What answered anything but 404 (a GET on a POST-only URL may say 405: that reveals nothing)."""
    return {name: status for name, status in answers.items() if status not in (404, 405) and name not in allowed}


@pytest.fixture
def probing(client, partner):
    client.force_login(partner)
    return client


def test_a_partner_probes_before_consent_after_sharing_and_after_withdrawal(
        probing, assessed_case, officer, partner_agency, unit, call_handler):
    case = assessed_case
    other = make_case(unit, officer, call_handler)
    probed = {e.identifier for e in CASE_URLS}
    assert {"cases:detail", "cases:support"} <= probed, "the police case page, and its section on sharing, are probed"

    # Before consent: nothing answers.
    assert only_404(probe(probing, case)) == {}
    assert probing.get(reverse("api:shared-case-list")).json()["results"] == []
    assert probing.get(reverse("api:case-list")).json()["results"] == []

    # After consent and sharing (incident summary and name): only the shared-case page and API answer,
    # with exactly those.
    give_and_share(case, officer, partner_agency, [SharedItem.INCIDENT_SUMMARY, SharedItem.VICTIM_NAME])
    answers = probe(probing, case)
    assert only_404(answers, allowed=SHARED_URLS) == {}
    assert answers["sharing:shared-case"] == 200 and answers["api:shared-case-detail"] == 200
    html = probing.get(reverse("sharing:shared-case", kwargs={"case_id": case.pk})).content.decode()
    assert "Ffion Morgan" in html and "On or near Commercial Street" in html
    assert "07700 900123" not in html and "Cannot sleep" not in html and "DASH score" not in html
    data = probing.get(reverse("api:shared-case-detail", kwargs={"pk": case.pk})).json()
    assert set(data) - {"id", "crime_reference", "shared_items", "shared_since", "disclosures"} == {
        "incident", "victim"}
    assert probing.get(reverse("api:case-list")).json()["results"] == [], "the police API shows nothing more"

    # Other cases' URLs: nothing answers.
    assert only_404(probe(probing, other)) == {}
    assert probing.get(f"/sharing/shared/{other.pk + 1000}/").status_code == 404

    # After withdrawal: 404 again, at once, and the lists are empty.
    withdraw(case, officer, partner_agency)
    assert only_404(probe(probing, case)) == {}
    assert probing.get(reverse("api:shared-case-list")).json()["results"] == []
    assert case.crime.reference not in probing.get(reverse("sharing:shared-cases")).content.decode()
