"""Error pages (DEBUG off, as the tests run): GOV.UK pages in English and Welsh that say nothing about what
failed or what exists: no exception text, no query, no traceback, no settings."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import include, path, reverse

from tests.security.test_headers import header_problems, inline_content

SECRET_DETAIL = "No Case matches the given query at /srv/victimcare/secret.py"


def boom(request):
    raise RuntimeError(SECRET_DETAIL)


# This module is also the URL configuration of the 500 test: the project's URLs and one that fails.
urlpatterns = [path("boom/", boom), path("", include(settings.ROOT_URLCONF))]


def test_debug_is_off_in_the_tests():
    assert not settings.DEBUG


@pytest.mark.parametrize(("language", "title"), [("en", "Page not found"), ("cy", "Heb ddod o hyd i'r dudalen")])
def test_not_found(client, officer, other_officer, case, language, title):
    """Another unit's case: a 404 page like any other, which neither names the case nor says why."""
    client.force_login(other_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("cases:detail", kwargs={"case_id": case.pk}))
    assert response.status_code == 404
    page = response.content.decode()
    assert f"<title>{title} " in page.replace("&#x27;", "'")
    assert case.victim.family_name not in page
    assert "matches the given query" not in page and "Traceback" not in page
    assert not header_problems(response)
    assert not inline_content(page)


@pytest.mark.urls(__name__)
def test_server_error_says_nothing_of_the_error():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert SECRET_DETAIL not in page and "RuntimeError" not in page and "Traceback" not in page
    assert settings.SECRET_KEY not in page
    assert not header_problems(response)


def test_csrf_failure_page(officer, case):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(reverse("cases:close", kwargs={"case_id": case.pk}), {})
    assert response.status_code == 403
    page = response.content.decode()
    assert "The form could not be sent" in page
    assert "govuk-header" in page or "govuk-generic-header" in page
    assert "CSRF" not in page


def test_permission_denied_page(client, call_handler, case):
    """The call handler may see the case but not change it: 403, a GOV.UK page."""
    client.force_login(call_handler)
    response = client.get(reverse("cases:close", kwargs={"case_id": case.pk}))
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.content.decode()


def test_bad_request_page(client):
    response = client.get("/", headers={"host": "not-an-allowed-host.example"})
    assert response.status_code == 400
    assert "Sorry, we could not understand that request" in response.content.decode()
