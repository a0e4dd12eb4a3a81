"""Every URL by every persona (after pretix's src/tests/control/test_permissions.py).

The project's URL resolver is walked at collection time, so a URL added anywhere (an app, the admin,
a third-party include) is in the matrix at once; `test_every_url_has_a_rule` fails until
tests/access/rules.py says who may use it.
"""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils.regex_helper import normalize

from tests.access import (
    objects_court,
    objects_dataprotection,
    objects_multiagency,
    objects_neighbourhood,
    objects_notifications,
    objects_portal,
    objects_property,
    objects_sharing,
    objects_support,
    objects_uploads,
)
from tests.access.rules import (
    DEFAULT_KWARGS,
    PERSONAS,
    PORTAL_PERSONAS,
    RULES,
    AdminAnswers,
    From,
    Redirect,
    admin_rule,
    rule_for,
)
from tests.portal.helpers import sign_in_to_portal
from victimcare.cases.services import record_key_decision
from victimcare.charter.rules import KeyDecision


@dataclass(frozen=True)
class Endpoint:
    identifier: str  # "namespace:name", or the full route for an unnamed pattern
    route: str  # as ResolverMatch.route gives it
    path_format: str  # "/cases/%(case_id)s/", from Django's own reversing of the regexes
    params: tuple[str, ...]


def _format(pattern) -> tuple[str, list[str]]:
    # normalize() is what Django's reverse() uses; the first form is the one with every argument.
    path_format, params = normalize(pattern.pattern.regex.pattern)[0]
    return path_format, params


def _qualified(namespace: str, name: str | None) -> str:
    return ":".join(part for part in (namespace, name) if part)


def walk(patterns, namespace: str = "", route: str = "", path_format: str = "/", params: tuple = ()):
    for pattern in patterns:
        piece, piece_params = _format(pattern)
        # ResolverMatch.route joins the pieces the same way, dropping a regex piece's leading "^".
        here = (route + str(pattern.pattern).removeprefix("^"), path_format + piece, params + tuple(piece_params))
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, _qualified(namespace, pattern.namespace), *here)
        elif isinstance(pattern, URLPattern):
            yield Endpoint(_qualified(namespace, pattern.name) if pattern.name else here[0], *here)


ENDPOINTS = list(walk(get_resolver().url_patterns))
IDENTIFIERS = {endpoint.identifier for endpoint in ENDPOINTS}


def test_the_walk_finds_every_part_of_the_project():
    prefixes = {endpoint.route.split("/", 1)[0] for endpoint in ENDPOINTS}
    assert {"", "sign-in", "sign-out", "i18n", "cases", "api", "admin"} <= prefixes
    assert {"home", "api:case-detail", "admin:index", "set_language"} <= IDENTIFIERS
    assert any(not endpoint.identifier.startswith("admin:") and endpoint.route.startswith("admin/")
               for endpoint in ENDPOINTS), "the admin's unnamed patterns are walked too"


def test_every_url_has_a_rule():
    missing = sorted(endpoint.identifier for endpoint in ENDPOINTS if rule_for(endpoint.identifier) is None)
    assert not missing, (
        "These URLs have no access rule. Add one to tests/access/rules.py saying what each persona gets:\n  "
        + "\n  ".join(missing)
    )


def test_rules_waiting_for_their_urls():
    """A rule for a URL that does not exist yet (or any more) is reported, not failed: screens are
    sometimes specified before they are built."""
    waiting = sorted(set(RULES) - IDENTIFIERS)
    if waiting:
        pytest.skip("Rules waiting for their URLs: " + ", ".join(waiting))


def test_every_admin_url_is_enumerated_and_ruled_by_the_admin_rule():
    admin = [e for e in ENDPOINTS if e.route.startswith("admin/")]
    assert len(admin) > 10
    for endpoint in admin:
        assert endpoint.identifier in RULES or admin_rule(endpoint.identifier) is not None, endpoint.identifier


@pytest.fixture
def objects(case, officer, personas):
    return make_objects(case, officer, personas)


def make_objects(case, officer, personas) -> dict:
    """The records the rules' URL arguments name (also used by tests/access/test_identifiers.py and
    tests/hostile/test_forms.py)."""
    commitment = record_key_decision(case, KeyDecision.SUSPECT_ARRESTED, actor=officer)
    made = {"case": case, "crime": case.crime, "commitment": commitment, "victim_case": case}
    for app in (objects_sharing, objects_support, objects_neighbourhood, objects_multiagency, objects_court,
                objects_property, objects_notifications, objects_portal, objects_dataprotection, objects_uploads):
        made.update(app.make(case, personas))
    return made


def url_for(endpoint: Endpoint, rule, objects) -> str:
    kwargs = {}
    for param in endpoint.params:
        value = rule.kwargs.get(param, DEFAULT_KWARGS.get(param))
        if value is None:
            pytest.fail(f"{endpoint.identifier}: say in its rule how to fill the URL argument {param!r}")
        kwargs[param] = objects[value.source].pk if isinstance(value, From) else value
    url = endpoint.path_format % kwargs
    match = resolve(url)
    assert match.route == endpoint.route, f"{url} resolved to {match.route}, not {endpoint.route}"
    if endpoint.identifier == match.view_name:
        assert url == reverse(match.view_name, kwargs=match.kwargs)
    return url


def check(response, expected, identifier: str, persona: str) -> None:
    where = f"{identifier} as {persona}"
    location = response.headers.get("Location", "")
    if isinstance(expected, Redirect):
        assert response.status_code == expected.status, f"{where}: {response.status_code}, expected {expected}"
        assert urlsplit(location).path == reverse(expected.to), f"{where}: redirected to {location}"
    elif isinstance(expected, AdminAnswers):
        assert response.status_code < 500, where
        assert urlsplit(location).path != reverse("admin:login"), f"{where}: sent to the admin sign-in page"
    else:
        assert response.status_code == expected, (
            f"{where}: {response.status_code}, expected {expected}" + (f" (to {location})" if location else "")
        )


def request(client, rule, url: str):
    if rule.method == "get":
        return client.get(url)
    if rule.json:
        return client.generic(rule.method.upper(), url, json.dumps(rule.data or {}), "application/json")
    return getattr(client, rule.method)(url, rule.data or {})


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[endpoint.identifier for endpoint in ENDPOINTS])
def test_url_matrix(personas, objects, endpoint):
    """Each persona in turn, on the same objects; whatever one persona's request changes is rolled back
    before the next, so each sees the objects as made. (The objects are made once per URL, not once per
    URL and persona: that was most of the suite's time.) Every persona is tried and every wrong answer
    reported together."""
    rule = rule_for(endpoint.identifier)
    if rule is None:
        pytest.fail(f"{endpoint.identifier} has no rule in tests/access/rules.py")
    wrong = []
    for persona in PERSONAS:
        with transaction.atomic():
            client = Client()
            if persona in PORTAL_PERSONAS:
                sign_in_to_portal(client, objects[f"{persona}_case"])
            elif persona != "anonymous":
                client.force_login(personas[persona])
            response = request(client, rule, url_for(endpoint, rule, objects))
            try:
                check(response, rule.expected[persona], endpoint.identifier, persona)
            except AssertionError as failure:
                wrong.append(str(failure))
            transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)
