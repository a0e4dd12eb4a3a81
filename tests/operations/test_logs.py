"""Structured logs: one JSON object a line, the request id on every line of a request, and no personal data."""

import io
import json
import logging
import logging.config

import pytest
from django.urls import reverse

from victimcare.operations.logs import JsonFormatter, RequestIdFilter, logging_config, request_id


class Lines:
    def __init__(self, stream):
        self.stream = stream

    def __call__(self):
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]

    def clear(self):
        self.stream.seek(0)
        self.stream.truncate()


@pytest.fixture
def log_lines():
    """What the configured JSON handler writes, for the loggers a request touches."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield Lines(stream)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def requests_logged(lines):
    return [line for line in lines if line["logger"] == "victimcare.requests"]


@pytest.mark.django_db
def test_one_json_line_per_request_with_the_route_not_the_path(client, officer, case, log_lines):
    client.force_login(officer)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    [line] = requests_logged(log_lines())
    assert line["method"] == "GET"
    assert line["route"] == "cases/<int:case_id>/"
    assert line["view"] == "cases:detail"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user_id"] == officer.pk
    assert line["level"] == "INFO"
    assert line["time"].endswith("+00:00")
    assert len(line["request_id"]) == 32
    assert response["X-Request-ID"] == line["request_id"]
    assert line["message"] == f"GET cases/<int:case_id>/ 200 {line['duration_ms']}ms"


@pytest.mark.django_db
def test_the_proxys_request_id_is_kept_and_on_every_line_of_the_request(client, officer, case, log_lines):
    client.force_login(officer)
    log_lines.clear()  # signing in is outside any request
    client.get(reverse("cases:detail", args=[case.pk + 1000]),
               headers={"X-Request-ID": "a1b2c3d4-0000-4000-8000-000000000001"})
    lines = log_lines()
    assert len(lines) > 1  # Django's own line for the 404 too
    assert {line["request_id"] for line in lines} == {"a1b2c3d4-0000-4000-8000-000000000001"}
    assert request_id.get() == ""  # and it ends with the request


@pytest.mark.django_db
def test_a_request_id_that_is_not_an_id_is_replaced(client, log_lines):
    response = client.get(reverse("operations:health-live"), headers={"X-Request-ID": 'x" injected\nline'})
    assert response["X-Request-ID"] != 'x" injected\nline'
    assert len(response["X-Request-ID"]) == 32
    [line] = requests_logged(log_lines())
    assert line["level"] == "DEBUG"  # health checks are quiet
    assert line["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_no_personal_data_reaches_the_log(client, officer, case, log_lines):
    """A search by a victim's name (query string) and a posted form with their details: neither the name, nor the
    query string, nor a form field appears in any line; the user is an id, not a name."""
    client.force_login(officer)
    client.get(reverse("cases:list") + "?q=Bronwen+Llewellyn&dob=1970-01-02")
    client.post(reverse("accounts:sign-in"), {"username": "bronwen.llewellyn", "password": "Secret-Pass-123"})
    client.get("/no-such-page/?surname=Llewellyn")
    text = json.dumps(log_lines())
    for personal in ("Bronwen", "Llewellyn", "llewellyn", "1970-01-02", "Secret-Pass", "q=", "surname",
                     officer.first_name, officer.last_name, officer.username):
        assert personal not in text, personal
    assert {line["route"] for line in requests_logged(log_lines())} >= {"cases/", None}


@pytest.mark.django_db
def test_an_unmatched_path_is_logged_without_its_path(client, log_lines):
    client.get("/cases/999999/no-such-thing/")
    [line] = requests_logged(log_lines())
    assert line["view"] == "unmatched" and line["route"] is None and line["status"] == 404


def test_an_exception_is_one_line_with_its_traceback():
    formatter = JsonFormatter()
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("victimcare.x", logging.ERROR, __file__, 1, "failed %s", ("here",), True)
        import sys

        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    text = formatter.format(record)
    assert "\n" not in text
    entry = json.loads(text)
    assert entry["message"] == "failed here" and "ValueError: boom" in entry["exception"]


def test_log_format_is_checked():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        logging_config("xml", "INFO")
    text = logging_config("text", "INFO")
    assert "request_id" in text["formatters"]["default"]["format"]
