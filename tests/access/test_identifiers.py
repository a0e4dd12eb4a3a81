"""Changing the identifiers in a URL never reaches a record (issue 8, item 6): the answer is 404, never 200,
403 or a server error, and the page says nothing of the record.

tests/access/test_url_matrix.py already sends every persona to every URL with the shared objects' ids, so an
officer of another unit, a caseworker of another service, another partner agency and another victim are
each refused the shared case's records there. This module adds what the matrix cannot see, walking the same
resolver inventory and rules, so a URL added anywhere is covered at once:

- a twin of every persona who may use a URL (the same role in another unit, team, service, agency, Witness
  Care Unit or force; a call handler who did not record the case) asks for it with the shared objects' ids;
- every URL naming two records (a case and its hearing, message or commitment) is asked for with one of them
  taken from another case, where the persona may see both;
- ids that do not exist, huge ones, negative and non-numeric ones;
- a partner after the victim withdraws consent to share with it, at every URL the partner could use;
- the API's list endpoints, with every query parameter its OpenAPI description offers set to the shared
  records' ids, by everyone who may not see them."""

import json
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

from tests.access import objects_court, objects_portal
from tests.access.rules import PERSONAS, PORTAL_PERSONAS, SIGN_IN, From, Redirect, rule_for
from tests.access.test_url_matrix import ENDPOINTS, make_objects, request
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.portal.helpers import sign_in_to_portal
from victimcare.cases.services import record_key_decision
from victimcare.charter.rules import KeyDecision
from victimcare.organisations.models import Membership, Organisation
from victimcare.sharing.models import Decision, How, Purpose
from victimcare.sharing.services import record_consent

Role = Membership.Role
# What an identifier in a URL names. A URL argument not listed here and not in NOT_RECORDS fails
# test_every_identifier_is_known: say what it names, so that it is attacked.
NOT_RECORDS = {"wizard_id", "result", "step", "url", "app_label", "content_type_id", "object_id", "service_id",
               "team_id", "username"}
RECORD_PARAMS = lambda endpoint: [p for p in endpoint.params if p not in NOT_RECORDS]  # noqa: E731
WITH_RECORDS = [e for e in ENDPOINTS if not e.route.startswith("admin/") and RECORD_PARAMS(e)
                and rule_for(e.identifier) is not None]
DENIED = (404, SIGN_IN, Redirect("portal:start"), 401)
# Ids no record has; and ones too big for any integer column.
MISSING_IDS = ("987654321", "99999999999999999999999")
BAD_IDS = ("-1", "abc", "1.5", "0x10", "%00")


def _ids(endpoint, rule, objects, **replace) -> str:
    kwargs = {}
    for param in endpoint.params:
        value = replace.get(param, rule.kwargs.get(param))
        if value is None:
            from tests.access.rules import DEFAULT_KWARGS

            value = DEFAULT_KWARGS[param]
        kwargs[param] = objects[value.source].pk if isinstance(value, From) else value
    return endpoint.path_format % kwargs


def _source(endpoint, rule, param) -> str | None:
    from tests.access.rules import DEFAULT_KWARGS

    value = rule.kwargs.get(param, DEFAULT_KWARGS.get(param))
    return value.source if isinstance(value, From) else None


def _resolves(url: str) -> bool:
    try:
        resolve(url)
    except Resolver404:
        return False
    return True


def _member(username, organisation, role):
    user = UserFactory(username=username)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


@pytest.fixture
def objects(case, officer, personas):
    return make_objects(case, officer, personas)


@pytest.fixture
def twins(personas):
    """The same role as each persona, somewhere else: another force (a force's officers all run its multi-agency
    meetings, so a twin in the same force would rightly see them; tests/access/test_url_matrix.py already sends
    other_officer, of another unit of the same force, everywhere), another victims' service, another agency."""
    other_force = OrganisationFactory(code="dyfed-powys-police", kind=Organisation.Kind.FORCE)
    unit = OrganisationFactory(code="dyfed-cid", parent=other_force)
    team = OrganisationFactory(code="dyfed-npt", kind=Organisation.Kind.NEIGHBOURHOOD_TEAM, parent=other_force)
    witness_care = OrganisationFactory(code="dyfed-witness-care", kind=Organisation.Kind.WITNESS_CARE,
                                       parent=other_force)
    officer = _member("twin-officer", unit, Role.OFFICER)
    return {
        "officer": officer, "colleague": officer,
        "supervisor": _member("twin-supervisor", unit, Role.SUPERVISOR),
        "call_handler": _member("twin-call-handler", other_force, Role.CALL_HANDLER),
        "caseworker": personas["other_caseworker"], "partner": personas["other_partner"],
        "neighbourhood": _member("twin-neighbourhood", team, Role.NEIGHBOURHOOD),
        "witness_care": _member("twin-witness-care", witness_care, Role.WITNESS_CARE_OFFICER),
        "property_officer": _member("twin-property", other_force, Role.PROPERTY_OFFICER),
        "victim": "other_victim",
    }


@pytest.fixture
def second(objects, personas):
    """Records of the same kinds on another case of the same unit (the other victim's), for URLs naming two."""
    case = objects["other_victim_case"]
    made = {"case": case, "commitment": record_key_decision(case, KeyDecision.SUSPECT_ARRESTED,
                                                            actor=personas["colleague"])}
    made.update(objects_court.make(case, personas))
    portal = objects_portal.make(case, personas)
    made.update(victim_message=portal["victim_message"], complaint=portal["complaint"])
    return made


def _client(persona, personas, objects) -> Client:
    client = Client()
    if persona in PORTAL_PERSONAS:
        sign_in_to_portal(client, objects[f"{persona}_case"])
    elif persona != "anonymous":
        client.force_login(personas[persona] if isinstance(persona, str) else persona)
    return client


def _secrets(objects) -> list[str]:
    case = objects["case"]
    return [case.crime.reference, case.victim.family_name]


def _check(response, where, secrets, wrong, allowed=DENIED):
    status = response.status_code
    location = response.headers.get("Location", "")
    outcome = status
    if status == 302:
        try:
            outcome = Redirect(resolve(urlsplit(location).path).view_name)
        except Resolver404:
            outcome = Redirect(location)
    if outcome not in allowed:
        wrong.append(f"{where}: {status}{' to ' + location if location else ''}, expected 404")
        return
    body = response.content.decode(errors="replace")
    leaked = [secret for secret in secrets if secret in body]
    if leaked:
        wrong.append(f"{where}: the refusal shows {leaked}")


def _allowed(outcome) -> bool:
    """The persona gets past the door: it sees the record (403 included: it may see, not change)."""
    return outcome not in DENIED


def _succeeds(outcome) -> bool:
    """The persona uses the URL. (Changing an id for a persona refused by role, 403, proves nothing: the role
    check rightly comes first.)"""
    return _allowed(outcome) and outcome != 403


def _attempts(personas, objects, make_attempts):
    wrong, clients = [], {}
    for attempt in make_attempts():
        client_persona, rule, url, where, allowed = attempt
        key = client_persona if isinstance(client_persona, str) else client_persona.pk
        if key not in clients:  # signed in outside the savepoint, so the session outlives its rollback
            clients[key] = _client(client_persona, personas, objects)
        with transaction.atomic():
            response = request(clients[key], rule, url)
            _check(response, where, _secrets(objects), wrong, allowed)
            transaction.set_rollback(True)
    return wrong


def test_every_identifier_is_known():
    unknown = sorted({p for e in ENDPOINTS if not e.route.startswith("admin/") for p in e.params}
                     - NOT_RECORDS - {p for e in WITH_RECORDS for p in e.params})
    assert not unknown, f"URL arguments neither attacked nor said not to name a record: {unknown}"


@pytest.mark.parametrize("endpoint", WITH_RECORDS, ids=[e.identifier for e in WITH_RECORDS])
def test_another_units_record(endpoint, personas, objects, twins, second):
    """The twin of everyone who may use the URL, on the shared records: 404. Where the URL names two
    records, each in turn from another case, for the persona itself: 404."""
    rule = rule_for(endpoint.identifier)
    params = RECORD_PARAMS(endpoint)

    def attempts():
        for persona in PERSONAS:
            twin = twins.get(persona)
            if twin is not None and _allowed(rule.expected[persona]):
                # A role refused the URL for any record (403) may be refused so elsewhere too.
                allowed = (*DENIED, 403) if rule.expected[persona] == 403 else DENIED
                yield twin, rule, _ids(endpoint, rule, objects), f"{endpoint.identifier}: {persona}'s twin", allowed
        # One persona who uses the URL changes its ids (the view's lookup is the same for all).
        persona = next((p for p in PERSONAS if _succeeds(rule.expected[p])), None)
        if persona is None:
            return
        for param in params:
            source = _source(endpoint, rule, param)
            if len(params) > 1 and source in second:
                url = _ids(endpoint, rule, objects, **{param: str(second[source].pk)})
                yield persona, rule, url, f"{endpoint.identifier} ({url}): {persona}, {param} of another case", DENIED
            for bad in MISSING_IDS + BAD_IDS:
                url = _ids(endpoint, rule, objects, **{param: bad})
                if _resolves(url):  # else the resolver's own 404, nothing to try
                    yield persona, rule, url, f"{endpoint.identifier} ({url}): {persona}, {param}={bad!r}", DENIED

    wrong = _attempts(personas, objects, attempts)
    assert not wrong, "\n".join(wrong)


def test_a_partner_after_consent_is_withdrawn(personas, objects, partner_agency, officer):
    """Everything the partner could open with the shared case's ids is 404 the moment consent is withdrawn."""
    open_to_partner = [e for e in WITH_RECORDS if _succeeds(rule_for(e.identifier).expected["partner"])]
    assert any(e.identifier == "sharing:shared-case" for e in open_to_partner)
    # The victim withdraws both consents the partner's access rests on: sharing with it by name, and
    # discussing the case at the multi-agency meeting it attends (tests/access/objects_*.py).
    case = objects["case"]
    record_consent(victim=case.victim, case=case, purpose=Purpose.SHARE_WITH_ORGANISATION,
                   decision=Decision.WITHDRAWN, how=How.VERBAL, actor=officer, organisation=partner_agency)
    record_consent(victim=case.victim, case=case, purpose=Purpose.MULTI_AGENCY_MEETING, decision=Decision.WITHDRAWN,
                   how=How.VERBAL, actor=officer)

    def attempts():
        for endpoint in open_to_partner:
            if endpoint.identifier.startswith(("neighbourhood:", "multiagency:")):
                continue  # a partner sees a followed team's feed (no victim) and its own meetings' agenda as agreed
            rule = rule_for(endpoint.identifier)
            where = f"{endpoint.identifier}: partner, consent withdrawn"
            yield "partner", rule, _ids(endpoint, rule, objects), where, DENIED

    wrong = _attempts(personas, objects, attempts)
    assert not wrong, "\n".join(wrong)


def test_api_lists_filtered_by_someone_elses_ids(personas, objects, twins):
    """Every list endpoint, every query parameter set to the shared records' ids: nobody who may not see the
    case gets it back."""
    schema = json.loads(Client().get("/api/schema/", {"format": "json"}).content)
    ids = {str(objects[name].pk) for name in ("case", "crime", "commitment")}
    outsiders = [twins[p] for p in ("officer", "supervisor", "call_handler", "witness_care", "property_officer",
                                    "neighbourhood")] + [personas[p] for p in ("other_caseworker", "other_partner",
                                                                               "administrator", "analyst")]
    secrets = _secrets(objects)
    wrong, lists = [], 0
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if not get or "{" in path:
            continue
        lists += 1
        names = [p["name"] for p in get.get("parameters", []) if p.get("in") == "query"]
        for user in outsiders:
            client = _client(user, personas, objects)
            for name in names:
                for value in ids:
                    response = client.get(path, {name: value})
                    if response.status_code >= 500:
                        wrong.append(f"{path}?{name}={value} as {user}: {response.status_code}")
                    elif any(secret in response.content.decode() for secret in secrets):
                        wrong.append(f"{path}?{name}={value} as {user}: shows the case")
    assert lists >= 4
    assert not wrong, "\n".join(wrong)
