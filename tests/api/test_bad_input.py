"""Query strings and paths that are not valid: a 400 naming the parameter, or the API's JSON 404, never a
silent "no filter", an HTML page or a server error (what schemathesis found, kept as plain tests)."""

import pytest
from django.urls import reverse

from tests.api.helpers import system_like, token_client
from victimcare.cases.models import CaseAccessLog


@pytest.fixture
def client(officer, case):
    return token_client(system_like(officer))


@pytest.mark.parametrize(
    ("name", "query", "field"),
    [
        ("api:case-list", "enhanced_rights=3.4e%2B307", "enhanced_rights"),
        ("api:case-list", "enhanced_rights=yes", "enhanced_rights"),
        ("api:case-list", "enhanced_rights=", "enhanced_rights"),
        ("api:case-list", "status=", "status"),
        ("api:case-list", "crime=abc", "crime"),
        ("api:commitment-list", "overdue=maybe", "overdue"),
        ("api:commitment-list", "overdue=", "overdue"),
        ("api:crime-list", "category=", "category"),
        ("api:case-list", "page=", "page"),
        ("api:case-list", "page=abc", "page"),
        ("api:case-list", "page=0", "page"),
        ("api:case-list", "page=-3", "page"),
        ("api:case-list", "page=last", "page"),
        ("api:shared-case-list", "page=%C2%B2", "page"),
    ],
)
def test_a_query_parameter_that_is_not_valid_is_a_400_naming_it(client, name, query, field):
    response = client.get(f"{reverse(name)}?{query}")

    assert response.status_code == 400, response.content
    assert list(response.json()) == [field]
    assert not CaseAccessLog.objects.filter(user__is_system_account=True).exists()


@pytest.mark.parametrize("query", ["enhanced_rights=true", "enhanced_rights=False", "page=1"])
def test_good_values_still_work(client, query):
    assert client.get(f"{reverse('api:case-list')}?{query}").status_code == 200


def test_a_page_past_the_last_is_a_404(client):
    response = client.get(f"{reverse('api:case-list')}?page=99")

    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid page."}


@pytest.mark.parametrize("path", ["/api/cases/1.5/", "/api/crimes/6.9e-210/", "/api/cases/1.5/decisions/",
                                  "/api/cases/a/b/", "/api/nothing-here/"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_path_the_api_does_not_have_is_its_json_404(client, path, method):
    response = getattr(client, method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "No such endpoint or object."}


def test_without_the_slash_django_still_redirects_first(client):
    assert client.get("/api/cases").status_code == 301
