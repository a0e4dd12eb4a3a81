"""Every read and change of a victim's personal data is in the access log (issue 8, item 3), proved over the
whole URL matrix (tests/access/test_url_matrix.py) rather than page by page.

For every URL and every persona its rule lets in, the request is made on the matrix's objects; whenever the
response shows the shared case's victim (their name, email address or phone number), or a POST to the URL
succeeds, at least one access-log entry naming that case or that victim must have been written by the request.
A new page that shows a victim, or a new form that changes a case, fails here until it logs. The few URLs that
succeed without touching a victim's personal data are listed in NOT_PERSONAL_DATA, each with its reason."""

import pytest
from django.db import transaction
from django.db.models import Q
from django.test import Client

from tests.access.rules import PORTAL_PERSONAS, AdminAnswers, Redirect
from tests.access.test_url_matrix import ENDPOINTS, objects, rule_for, url_for  # noqa: F401 (a fixture)
from tests.access.test_url_matrix import request as make_request
from tests.portal.helpers import sign_in_to_portal
from victimcare.cases.models import CaseAccessLog

SIGN_INS = ("accounts:sign-in", "admin:login", "portal:start", "home")  # a redirect there is no success
# Successful POSTs that change no victim's personal data (signing in and out, the language, acknowledgements
# of a notice that carries no personal data...): the reason is the documentation.
NOT_PERSONAL_DATA: dict[str, str] = {
    "set_language": "the language of the pages",
}
NOT_PERSONAL_DATA_PREFIXES: dict[str, str] = {
    "accounts:": "staff members' own accounts (sign-in, two-factor, sessions): no victim's data",
}


def shows_the_victim(body: str, victim) -> bool:
    return any(marker and marker in body for marker in (victim.full_name, victim.email, victim.phone))


def permitted(rule) -> list[str]:
    """The personas the rule lets in: a page (200) for GET, success (a page or a redirect) for a POST."""
    def allowed(outcome) -> bool:
        if isinstance(outcome, AdminAnswers):
            return False  # the Django admin: tests/cases/test_audit_chain.py keeps personal data out of it
        if rule.method == "get":
            return outcome == 200
        return (isinstance(outcome, Redirect) and outcome.to not in SIGN_INS) or outcome in (200, 201, 204)
    return [persona for persona, outcome in rule.expected.items() if allowed(outcome)]


def _entries(case) -> int:
    return CaseAccessLog.objects.filter(Q(case=case) | Q(victim_id=case.victim_id)).count()


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[endpoint.identifier for endpoint in ENDPOINTS])
def test_every_read_and_change_of_a_victim_is_logged(db, request, endpoint):
    rule = rule_for(endpoint.identifier)
    if (rule is None or endpoint.identifier in NOT_PERSONAL_DATA or not permitted(rule)
            or endpoint.identifier.startswith(tuple(NOT_PERSONAL_DATA_PREFIXES))):
        pytest.skip("no persona may use it, or it touches no personal data")
    made = request.getfixturevalue("objects")
    personas = request.getfixturevalue("personas")
    unlogged = []
    for persona in permitted(rule):
        with transaction.atomic():
            client = Client()
            case = made[f"{persona}_case"] if persona in PORTAL_PERSONAS else made["case"]
            if persona in PORTAL_PERSONAS:
                sign_in_to_portal(client, case)
            elif persona != "anonymous":
                client.force_login(personas[persona])
            before = _entries(case)
            response = make_request(client, rule, url_for(endpoint, rule, made))
            body = response.content.decode(errors="replace") if response.status_code == 200 else ""
            needs_entry = shows_the_victim(body, case.victim) or (rule.method != "get" and response.status_code < 400)
            if needs_entry and _entries(case) == before:
                unlogged.append(f"{persona} ({response.status_code})")
            transaction.set_rollback(True)
    assert not unlogged, (
        f"{endpoint.identifier}: the request shows or changes the victim's personal data but writes no access-log "
        f"entry naming the case or the victim, as: {', '.join(unlogged)}"
    )
