"""The OpenAPI description: generated without warnings, valid, and listing every endpoint."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

ENDPOINTS = {
    "/api/crimes/": ["get"],
    "/api/crimes/{id}/": ["get"],
    "/api/cases/": ["get"],
    "/api/cases/{id}/": ["get"],
    "/api/cases/{id}/timeline/": ["get"],
    "/api/cases/{id}/decisions/": ["post"],
    "/api/commitments/": ["get"],
    "/api/commitments/{id}/": ["get"],
    "/api/shared-cases/": ["get"],
    "/api/shared-cases/{id}/": ["get"],
}


@pytest.fixture(scope="module")
def schema():
    out = StringIO()
    # --fail-on-warn turns any warning drf-spectacular emits into an error; --validate checks the
    # result against the OpenAPI 3 JSON schema.
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=StringIO())
    return yaml.safe_load(out.getvalue())


def test_schema_lists_each_endpoint_and_nothing_else(schema):
    assert {path: sorted(operations) for path, operations in schema["paths"].items()} == ENDPOINTS


def test_list_filters_are_described(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/commitments/"]["get"]["parameters"]}

    assert {"status", "kind", "standard", "overdue", "case", "page"} <= parameters


def test_decision_responses_are_described(schema):
    responses = schema["paths"]["/api/cases/{id}/decisions/"]["post"]["responses"]

    assert set(responses) == {"201", "400", "401", "403", "404", "409", "429"}
    decision = schema["components"]["schemas"]["KeyDecision"]["properties"]["decision"]
    assert "charged" in schema["components"]["schemas"][decision["$ref"].rsplit("/", 1)[1]]["enum"]


def test_token_and_session_authentication_are_described(schema):
    assert set(schema["components"]["securitySchemes"]) == {"tokenAuth", "cookieAuth"}
    token = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")
    for scope in ("cases:read", "decisions:write", "shared-cases:read"):
        assert scope in token["description"]


@pytest.mark.parametrize(("path", "method"), [(path, method) for path, methods in ENDPOINTS.items()
                                              for method in methods])
def test_every_operation_describes_the_errors_any_endpoint_may_give(schema, path, method):
    responses = schema["paths"][path][method]["responses"]

    assert {"401", "403", "404", "429"} <= set(responses)
    for status in ("401", "403", "404", "429"):
        assert responses[status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    paged = any(parameter["name"] == "page" for parameter in schema["paths"][path][method].get("parameters", []))
    assert ("400" in responses) == (paged or method == "post")


def test_page_numbers_start_at_1(schema):
    page = next(p for p in schema["paths"]["/api/cases/"]["get"]["parameters"] if p["name"] == "page")

    assert page["schema"] == {"type": "integer", "minimum": 1}


def test_schema_and_docs_are_served(client, db):
    schema_response = client.get(reverse("api:schema"))
    docs_response = client.get(reverse("api:docs"))

    assert schema_response.status_code == 200
    assert b"/api/cases/{id}/timeline/" in schema_response.content
    assert docs_response.status_code == 200
    docs = docs_response.content.decode()
    for path in ("/api/cases/{id}/decisions/", "/api/cases/{id}/timeline/", "/api/commitments/", "/api/crimes/"):
        assert f"<code>{path}</code>" in docs
    assert "The case is closed." in docs  # a response description from the schema
    assert 'id="object-Commitment"' in docs
