"""The shared-cases API is described in the OpenAPI schema: each part present only when shared."""

from io import StringIO

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema():
    out = StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out, stderr=StringIO())
    return yaml.safe_load(out.getvalue())


def test_the_shared_case_parts_are_optional(schema):
    detail = schema["paths"]["/api/shared-cases/{id}/"]["get"]
    assert set(detail["responses"]) == {"200", "401", "403", "404", "429"}
    assert detail["parameters"][0]["schema"]["type"] == "integer"
    shared = schema["components"]["schemas"]["SharedCase"]
    parts = {"incident", "victim", "contact", "risk_assessment", "needs", "case_progress"}
    assert parts <= set(shared["properties"])
    assert not parts & set(shared.get("required", [])), "a part not shared is absent"
    assert {"id", "crime_reference", "shared_items", "shared_since"} <= set(shared["required"])
