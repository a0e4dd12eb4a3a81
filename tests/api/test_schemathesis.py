"""Schemathesis against the OpenAPI description: every operation, with generated valid and invalid input, run
in-process against the Django app, authenticated with a token holding every scope for a system that sees
cases. Each response must be no server error, have a documented status code and content type, and conform
to the schema; invalid input must be refused (4xx) and valid input accepted.

Bounded and repeatable: derandomised, a few examples per operation, no example database; everything runs
in the test's transaction, rolled back at the end, on SQLite and PostgreSQL alike."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.generation.modes import GenerationMode

from tests.api.helpers import system_like, token_for
from tests.api.test_schema import ENDPOINTS
from victimcare.cases.services import close_case, record_key_decision
from victimcare.charter.rules import KeyDecision

MAX_EXAMPLES = 25


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, keeping the test's database connection (and so its transaction)
    across requests, as Django's test client does: without this, each request's end would close it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(make_case, officer, colleague, case):
    """Cases the system can see: open and closed, with commitments and timeline entries."""
    record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=officer)
    closed = make_case(officer=colleague)
    record_key_decision(closed, KeyDecision.NO_FURTHER_ACTION, actor=colleague)
    close_case(closed, actor=colleague)
    return {"case": case, "closed": closed}


@pytest.fixture
def token(officer, api_data):
    return token_for(system_like(officer))


@pytest.fixture
def api_schema(db, wsgi_app, api_data):
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)


def _real_ids(api_data) -> dict[str, list[int]]:
    """Ids that exist, by the path they fill: generated ids rarely do, so these are drawn too."""
    case, closed = api_data["case"], api_data["closed"]
    commitments = list(case.commitments.values_list("pk", flat=True)) + list(
        closed.commitments.values_list("pk", flat=True))
    return {"/api/crimes/{id}/": [case.crime_id, closed.crime_id], "/api/commitments/{id}/": commitments,
            "/api/shared-cases/{id}/": [case.pk]}


OPERATIONS = [(path, method) for path, methods in ENDPOINTS.items() for method in methods]


@pytest.mark.parametrize("mode", list(GenerationMode), ids=str)
@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[f"{m.upper()} {p}" for p, m in OPERATIONS])
def test_the_api_keeps_to_its_description(api_schema, api_data, token, path, method, mode):
    operation = api_schema[path][method.upper()]
    strategy = operation.as_strategy(generation_mode=mode)
    if "{id}" in path:
        ids = _real_ids(api_data).get(path, [api_data["case"].pk, api_data["closed"].pk])
        strategy = st.one_of(strategy, *(operation.as_strategy(generation_mode=mode, path_parameters={"id": pk})
                                         for pk in ids))

    @given(case=strategy)
    @settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
    def keeps_to_it(case):
        case.call_and_validate(headers={"Authorization": f"Token {token}"})

    keeps_to_it()
