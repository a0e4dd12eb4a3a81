"""Every page of the project, as someone allowed to see it, carries the security headers and the Content Security
Policy, and its HTML has nothing that policy would refuse: no inline <script> or <style>, no on*= event handler,
no style= attribute, no javascript: address. The pages are those of tests/access/test_url_matrix.py's inventory
(the URL resolver walked) that some persona gets with a 200 on GET, each requested as the first such persona."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import Resolver404, reverse

from tests.access import test_url_matrix
from tests.access.rules import PERSONAS, PORTAL_PERSONAS, rule_for
from tests.access.test_url_matrix import ENDPOINTS, url_for
from tests.portal.helpers import sign_in_to_portal

POLICY = {"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self'", "font-src 'self'",
          "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'"}
# An uploaded file (victimcare.uploads.views.serve) is not a page: it gets a policy that lets nothing run or load.
SERVED_FILE_POLICY = {"sandbox", "default-src 'none'"}
# Script elements that hold data, never run (and so are not governed by script-src).
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
# The URL matrix's fixture, used here under its own name: the case and what each app makes for the personas.
objects = test_url_matrix.objects
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


class InlineFinder(HTMLParser):
    """What in a page the Content Security Policy would refuse."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script_without_src = False
        self._script_text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            elif name == "style":
                self.found.append(f"<{tag} style={value!r}>")
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "style":
            self.found.append("<style> element")
        if tag == "script" and "src" not in attributes and attributes.get("type") not in DATA_SCRIPT_TYPES:
            self._script_without_src = True
            self._script_text = ""

    def handle_data(self, data):
        if self._script_without_src:
            self._script_text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script_without_src:
            self.found.append(f"inline <script>{self._script_text.strip()[:60]}</script>")
            self._script_without_src = False


def inline_content(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def _is_served_file(response) -> bool:
    try:
        return response.resolver_match.view_name == "uploads:serve"
    except (AttributeError, Resolver404):
        return False


def header_problems(response) -> list[str]:
    policy = {directive.strip() for directive in response.headers.get("Content-Security-Policy", "").split(";")}
    wanted = SERVED_FILE_POLICY if _is_served_file(response) else POLICY
    problems = [] if policy == wanted else [f"Content-Security-Policy: {sorted(policy ^ wanted)} differ"]
    expected = {
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }
    problems += [f"{name}: {response.headers.get(name)!r}" for name, value in expected.items()
                 if response.headers.get(name) != value]
    if "camera=()" not in response.headers.get("Permissions-Policy", ""):
        problems.append(f"Permissions-Policy: {response.headers.get('Permissions-Policy')!r}")
    return problems


def pages_and_who_sees_them():
    for endpoint in ENDPOINTS:
        rule = rule_for(endpoint.identifier)
        if rule is None or rule.method != "get":
            continue
        persona = next((persona for persona in PERSONAS if rule.expected[persona] == 200), None)
        if persona:
            yield endpoint, rule, persona


PAGES = list(pages_and_who_sees_them())


def test_the_walk_covers_staff_portal_api_and_admin_pages():
    identifiers = {endpoint.identifier for endpoint, _, _ in PAGES}
    assert {"cases:list", "cases:detail", "portal:home", "api:case-list", "api:docs", "admin:index",
            "monitoring:overview"} <= identifiers
    # The case page's sections, each its own template.
    assert {"cases:contact", "cases:support", "cases:court", "cases:documents", "cases:timeline"} <= identifiers
    assert len(PAGES) > 100


def test_inline_content_is_found():
    """The finder can fail: each thing the policy refuses is reported."""
    page = ('<body onload="x()"><script>alert(1)</script><script src="/static/a.js"></script>'
            '<script type="application/json">{"a": 1}</script><p style="color: red">'
            '<a href="JavaScript:void(0)">x</a><style>p {}</style></body>')
    assert inline_content(page) == [
        "<body onload=...>", "inline <script>alert(1)</script>", "<p style='color: red'>",
        "<a href='JavaScript:void(0)'>", "<style> element",
    ]


def test_every_page_has_the_headers_and_no_inline_script_or_style(personas, request):
    objects = request.getfixturevalue("objects")
    clients: dict[str, Client] = {}
    wrong = []
    for endpoint, rule, persona in PAGES:
        if persona not in clients:
            clients[persona] = Client()
            if persona in PORTAL_PERSONAS:
                sign_in_to_portal(clients[persona], objects[f"{persona}_case"])
            elif persona != "anonymous":
                clients[persona].force_login(personas[persona])
        url = url_for(endpoint, rule, objects)
        # As a browser asks: the API answers with its browsable HTML pages too.
        response = clients[persona].get(url, headers={"accept": "text/html,*/*;q=0.8"})
        where = f"{endpoint.identifier} ({url}) as {persona}"
        if response.status_code != 200:
            wrong.append(f"{where}: {response.status_code}")
            continue
        wrong.extend(f"{where}: {problem}" for problem in header_problems(response))
        if response["Content-Type"].startswith("text/html"):
            wrong.extend(f"{where}: {found}" for found in inline_content(response.content.decode()))
    assert not wrong, f"{len(wrong)} problems:\n" + "\n".join(wrong)


@pytest.mark.parametrize("url", ["/no-such-page/", "/static/build/application.css"])
def test_pages_that_are_not_views_have_the_headers(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    if response.status_code == 404:
        assert not header_problems(response)
        assert not inline_content(response.content.decode())


def test_the_sign_in_page_is_never_framed(client):
    response = client.get(reverse("accounts:sign-in"))
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
