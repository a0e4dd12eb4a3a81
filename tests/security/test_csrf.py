"""CSRF protection everywhere it applies: no view is exempt but the API's (DRF exempts its views from Django's
middleware and checks the token itself for session-authenticated requests; a token-authenticated system sends
no cookie to forge), and a form posted without the token is refused, on the staff screens, in the portal and
through the API with a staff session."""

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authentication import SessionAuthentication
from rest_framework.views import APIView

from tests.portal.helpers import sign_in_to_portal


def views(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def is_api_view(callback) -> bool:
    return isinstance(getattr(callback, "cls", None), type) and issubclass(callback.cls, APIView)


# Exempt views that are not DRF's, each with the reason it is safe (and a test below that it changes nothing).
JUSTIFIED_EXEMPTIONS = {
    # The API's catch-all: a JSON 404 to any method at an address no endpoint has; it reads and changes nothing.
    "api/^(?P<rest>.*/)$",
}


def test_no_view_is_csrf_exempt_but_the_apis():
    found = list(views(get_resolver().url_patterns))
    assert len(found) > 100
    exempt = [route for route, callback in found if getattr(callback, "csrf_exempt", False)
              and not is_api_view(callback) and route not in JUSTIFIED_EXEMPTIONS]
    assert not exempt, f"csrf_exempt views: {exempt}"
    assert any(is_api_view(callback) for _, callback in found)


def test_the_apis_catch_all_answers_404_to_a_post(officer):
    client = csrf_client()
    client.force_login(officer)
    response = client.post("/api/no-such-endpoint/", {"a": 1})
    assert response.status_code == 404


def test_the_apis_session_authentication_checks_the_csrf_token():
    """Every API view authenticates either by token (no cookie, so nothing to forge) or by a session through
    DRF's SessionAuthentication with its CSRF check intact."""
    for route, callback in views(get_resolver().url_patterns):
        if not is_api_view(callback):
            continue
        for authentication in callback.cls().get_authenticators():
            kind = type(authentication)
            if issubclass(kind, SessionAuthentication):
                assert kind.enforce_csrf is SessionAuthentication.enforce_csrf, f"{route}: {kind} skips CSRF"
            else:
                assert "Token" in kind.__name__, f"{route}: {kind} is neither a token nor a session"


def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def csrf_token(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return str(response.context["csrf_token"])


def test_a_staff_form_without_the_token_is_refused(officer, case):
    client = csrf_client()
    client.force_login(officer)
    url = reverse("cases:record-decision", kwargs={"case_id": case.pk})
    data = {"decision": "charged", "told": "He has been charged."}
    assert client.post(url, data).status_code == 403
    token = csrf_token(client, url)
    assert client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code != 403


def test_a_portal_form_without_the_token_is_refused(case):
    client = csrf_client()
    sign_in_to_portal(client, case)
    url = reverse("portal:message")
    data = {"text": "Has anyone been arrested yet?"}
    assert client.post(url, data).status_code == 403
    token = csrf_token(client, url)
    assert client.post(url, {**data, "csrfmiddlewaretoken": token}).status_code != 403


def test_the_portal_sign_in_form_without_the_token_is_refused(case):
    client = csrf_client()
    assert client.post(reverse("portal:start"), {"reference": case.crime.reference}).status_code == 403


def test_an_api_post_with_a_session_and_no_token_is_refused(officer, case):
    client = csrf_client()
    client.force_login(officer)
    url = reverse("api:case-decisions", kwargs={"pk": case.pk})
    refused = client.post(url, {"decision": "charged", "note": ""}, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    token = csrf_token(client, reverse("cases:list"))
    accepted = client.post(url, {"decision": "charged", "note": ""}, content_type="application/json",
                           headers={"X-CSRFToken": token})
    assert accepted.status_code == 201, accepted.content
