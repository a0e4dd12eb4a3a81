"""Every form in the project, attacked: malformed, oversized and hostile input is refused with a clear
message naming the field, nothing is half-saved, and nothing a user typed comes back unescaped.

The forms are not listed by hand. For each app, every page in the access matrix's inventory
(tests/access/test_url_matrix.py walks the URL resolver) is requested as a persona its rule lets in, on the
matrix's own objects; every <form> on the page is read from the HTML (stdlib html.parser, tests/hostile/pages.py)
and sent:

- empty;
- with every text field (and hidden field) 100,000 characters long: each text field must be refused with an
  error next to it;
- with every text field holding script (`<script>`, an `onerror` attribute): wherever it is shown again,
  on the form or after it is saved, it must be escaped;
- with wrong types: letters in numbers and dates, 31 February, options that are not offered, and a NUL byte
  in every text field (PostgreSQL refuses them: they must never reach the database): each refused with an
  error next to the field;
- where a date must come after another (DATES_IN_ORDER: news and hearings after the charge, custody entries after
  the last), one before it: refused with an error.

Whatever is refused must leave the database exactly as it was (tests/hostile/pages.py `fingerprint`: a
digest of every row of every table but the logs of reads, sign-in attempts and sessions). No request may
answer with a server error. Each request runs in a savepoint rolled back after it, so each sees the objects as
made. The API's bad input is tested by schemathesis against its OpenAPI description (tests/api)."""

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from tests.access.rules import PORTAL_PERSONAS, From, rule_for
from tests.access.test_url_matrix import ENDPOINTS, make_objects, url_for
from tests.hostile.pages import Form, changed, fingerprint, parse
from tests.portal.helpers import sign_in_to_portal
from victimcare.cases.services import grade_response

HUGE = "A" * 100_000
SCRIPT = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
RAW_SCRIPT = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
NUL = "before\x00after"
# Django's own messages name no field: GOV.UK asks for "Enter your name", "Name must be 100 characters or fewer".
GENERIC = re.compile(r"This field is required|Ensure this value|Select a valid choice|Null characters are not allowed"
                     r"|Enter a valid|Enter a whole number|Enter a number|is not one of the available choices")

# Who requests a page: the first of these its rule lets in (200).
PREFERENCE = ("officer", "supervisor", "call_handler", "witness_care", "property_officer", "caseworker",
              "neighbourhood", "partner", "administrator", "analyst", "victim", "anonymous")
# Pages whose forms exist only in a state the matrix's objects are not in: who requests them, and with what.
STATES = {
    # The response pages are there while a report awaits attendance (the matrix's case was never graded).
    "response:": ("officer", {"case_id": From("graded_case")}),
}
# Forms not attacked here, and why. (Matched by the URL name of the form's action.)
NOT_ATTACKED = {
    "accounts:sign-out": "signs the persona out; it takes no input",
    "portal:sign-out": "signs the victim out; it takes no input",
    "set_language": "Django's own language switch: it takes a language code and a safe 'next' only",
    "portal:language": "Django's own language switch, as set_language",
}
# Dates that must come after another: URL name -> {date field: days before today that puts it before the date it
# must follow}. The matrix's case was charged two hours ago and its item seized when the case opened, today.
DATES_IN_ORDER: dict[str, dict[str, int]] = {
    "court:news-add": {"received_on": 30},  # news of a case is received after its charge
    "court:hearing-list": {"hearing_on": 30},  # a hearing is after the charge
    "court:hearing-move": {"hearing_on": 30},
    "property:move": {"on": 400},  # the chain of custody goes forward in time
}

# The Django admin's forms are the administrator's (Django's own); the API's bad input is schemathesis's.
APPS = sorted({e.identifier.split(":")[0] for e in ENDPOINTS if ":" in e.identifier
               and not e.route.startswith(("admin/", "api/"))})


@dataclass
class Found:
    persona: str
    page: str  # the URL of the page the form was on
    form: Form
    url: str  # where it posts
    name: str  # the URL name of where it posts


def _persona_for(identifier: str, rule) -> tuple[str | None, dict]:
    for prefix, (persona, kwargs) in STATES.items():
        if identifier.startswith(prefix):
            return persona, kwargs
    if rule.method != "get":
        return None, {}
    return next((p for p in PREFERENCE if rule.expected.get(p) == 200), None), {}


class Clients(dict):
    """One signed-in test client per persona, made when first needed."""

    def __init__(self, personas, objects):
        super().__init__()
        self.personas, self.objects = personas, objects

    def __missing__(self, persona):
        client = Client()
        if persona in PORTAL_PERSONAS:
            sign_in_to_portal(client, self.objects[f"{persona}_case"])
        elif persona != "anonymous":
            client.force_login(self.personas[persona])
        self[persona] = client
        return client


def _url(endpoint, rule, kwargs, objects, clients, persona) -> str:
    if endpoint.identifier.startswith("report:") and "wizard_id" in endpoint.params:
        # A report in progress in this persona's session.
        started = clients[persona].post(reverse("report:start"))
        wizard_id = resolve(urlsplit(started["Location"]).path).kwargs["wizard_id"]
        return reverse(endpoint.identifier, kwargs={"wizard_id": wizard_id})
    merged = type(rule)(rule.expected, method=rule.method, data=rule.data, json=rule.json,
                        kwargs={**rule.kwargs, **kwargs})
    return url_for(endpoint, merged, objects)


def find_forms(app: str, personas, objects, clients) -> tuple[list[Found], list[str]]:
    found, seen, problems = [], set(), []
    for endpoint in ENDPOINTS:
        if not endpoint.identifier.startswith(f"{app}:"):
            continue
        rule = rule_for(endpoint.identifier)
        if rule is None:  # the matrix fails it until it has one
            continue
        persona, kwargs = _persona_for(endpoint.identifier, rule)
        if persona is None:
            continue
        page_url = _url(endpoint, rule, kwargs, objects, clients, persona)
        response = clients[persona].get(page_url)
        if "html" not in response.get("Content-Type", ""):
            continue  # a PDF, a file
        if response.status_code != 200:
            problems.append(f"{endpoint.identifier}: {page_url} as {persona} answered {response.status_code}")
            continue
        for form in parse(response.content.decode()).forms:
            url = urljoin(page_url, form.action or page_url)
            try:
                name = resolve(urlsplit(url).path).view_name
            except Resolver404:
                problems.append(f"{endpoint.identifier}: a form posts to {url}, which is no URL of the project")
                continue
            key = (name, form.method, tuple(sorted(form.fields)))
            if form.method != "post" or name in NOT_ATTACKED or key in seen:
                continue
            seen.add(key)
            found.append(Found(persona, page_url, form, url, name))
    return found, problems


# --- Values --------------------------------------------------------------------------------------------
TEXT_KINDS = ("text", "textarea", "email", "tel", "search", "password", "url")
CHOICE_KINDS = ("radio", "checkbox", "select")


def _is_date_part(field) -> bool:
    return field.name.endswith(("_0", "_1", "_2", "_day", "_month", "_year"))


def _is_number(field) -> bool:
    return field.kind == "number" or field.inputmode == "numeric" or _is_date_part(field)


def _is_boolean(field) -> bool:
    """A single checkbox: any value it is sent means yes, so there is no wrong value to refuse."""
    return field.kind == "checkbox" and len(field.values) == 1


def _is_text(field) -> bool:
    return field.kind in TEXT_KINDS and not _is_number(field)


def _date_part(field, day: dt.date) -> int:
    suffix = field.name.rsplit("_", 1)[1]
    return {"0": day.day, "day": day.day, "1": day.month, "month": day.month}.get(suffix, day.year)


def baseline(form: Form) -> dict[str, list[str]]:
    """Values a person might plausibly send: what the page shows, else the first option, else something."""
    today = timezone.localdate()
    data = {}
    for field in form.fields.values():
        if field.kind in CHOICE_KINDS:
            options = [v for v in field.values if v]
            value = field.value or (options[0] if options else "")
        elif field.value:
            value = field.value
        elif _is_date_part(field):
            value = str(_date_part(field, today))
        elif field.kind == "email":
            value = "someone@example.com"
        elif field.kind == "tel":
            value = "07700 900123"
        elif _is_number(field):
            value = "1"
        elif field.kind == "hidden" or field.kind == "file":
            continue
        else:
            value = "Something ordinary"
        data[field.name] = [value]
    return data


def _with(form: Form, value_for) -> dict[str, list[str]]:
    data = baseline(form)
    for field in form.fields.values():
        value = value_for(field)
        if value is not None:
            data[field.name] = [value]
    return data


def _wrong(field):
    """A value of the wrong type: letters in a number, 31 February, an option not offered, a NUL byte in text."""
    if _is_date_part(field):
        return {"0": "31", "day": "31", "1": "2", "month": "2"}.get(field.name.rsplit("_", 1)[1], "twenty")
    if _is_number(field):
        return "twelve"
    if field.kind in CHOICE_KINDS:
        return "not-an-option"
    if _is_text(field):
        return NUL
    return None


def variants(form: Form) -> dict[str, tuple[dict, list]]:
    """name -> (data to post, the visible fields each of which must show an error)."""
    # A password is checked as a whole (a wrong one is one error for the form, never "this field is wrong").
    texts = [f for f in form.visible() if _is_text(f) and f.kind != "password"]
    checked = [f for f in form.visible() if (_is_number(f) and not _is_date_part(f)) or _is_text(f)
               or (f.kind in CHOICE_KINDS and not _is_boolean(f))]
    made = {"empty": ({}, [])}
    if texts or any(f.kind == "hidden" for f in form.fields.values()):
        # Hidden fields too: a page's own values (a submission key, an id) sent back oversized.
        made["huge"] = (_with(form, lambda f: HUGE if _is_text(f) or f.kind == "hidden" else None), texts)
        made["script"] = (_with(form, lambda f: SCRIPT if _is_text(f) else None), [])
    if checked:
        made["wrong types"] = (_with(form, _wrong), checked)
    return made


def dates_out_of_order(form: Form, dates: dict[str, int]) -> dict:
    data = baseline(form)
    for name, days in dates.items():
        day = timezone.localdate() - dt.timedelta(days=days)
        assert f"{name}_0" in form.fields, f"no date field {name} in the form"
        data.update({f"{name}_0": [str(day.day)], f"{name}_1": [str(day.month)], f"{name}_2": [str(day.year)]})
    return data


# --- Checks --------------------------------------------------------------------------------------------
def _unescaped(body: str) -> list[str]:
    return [raw for raw in RAW_SCRIPT if raw in body]


def _errors_missing(page, fields) -> list[str]:
    """The fields with no error shown next to them or linked from the error summary."""
    shown = page.error_messages | {f"{target}-error" for target in page.summary_links}
    missing = []
    for field in fields:
        ids = {field.id, field.id.rsplit("_", 1)[0]} if field.id else set()
        if not any(f"{i}-error" in shown for i in ids if i):
            missing.append(field.name)
    return sorted(set(missing))


def attack(found: Found, clients, before: dict) -> list[str]:
    """`before`: the database's fingerprint as the objects were made (each request is rolled back)."""
    client = clients[found.persona]
    wrong = []
    attempts = variants(found.form)
    if found.name in DATES_IN_ORDER:
        attempts["dates out of order"] = (dates_out_of_order(found.form, DATES_IN_ORDER[found.name]), [])
    for variant, (data, must_name) in attempts.items():
        where = f"{found.name} ({found.url}, form on {found.page}, as {found.persona}), {variant}"
        with transaction.atomic():
            response = client.post(found.url, data)
            status = response.status_code
            if status >= 500:
                wrong.append(f"{where}: server error {status}")
            elif status == 200:
                body = response.content.decode()
                page = parse(body)
                saved = changed(before, fingerprint())
                if saved:
                    wrong.append(f"{where}: refused, yet saved to {saved}")
                # An empty form may be one with nothing required: it must still save nothing.
                if variant not in ("script", "empty") and not page.summary_links:
                    wrong.append(f"{where}: refused with no error summary naming a field")
                generic = [text.strip() for text in page.summary_texts if GENERIC.search(text)]
                if generic:
                    wrong.append(f"{where}: errors that do not name their field: {generic}")
                missing = _errors_missing(page, must_name)
                if missing:
                    wrong.append(f"{where}: no error next to {missing}")
                if _unescaped(body):
                    wrong.append(f"{where}: shown unescaped: {_unescaped(body)}")
            elif status in (301, 302, 303):
                if variant == "dates out of order" or (variant in ("huge", "wrong types") and must_name):
                    wrong.append(f"{where}: accepted ({status} to {response['Location']})")
                if variant == "script":
                    for url in (urljoin(found.url, response["Location"]), found.page):
                        shown = client.get(url)
                        if shown.status_code >= 500 or _unescaped(shown.content.decode()):
                            wrong.append(f"{where}: saved, then {url} answered {shown.status_code} with "
                                         f"{_unescaped(shown.content.decode())} unescaped")
            elif status not in (400, 403, 404, 405, 429):
                wrong.append(f"{where}: unexpected {status}")
            elif saved := changed(before, fingerprint()):
                wrong.append(f"{where}: {status}, yet saved to {saved}")
            transaction.set_rollback(True)
    return wrong


@pytest.fixture
def objects(case, officer, personas):
    return make_objects(case, officer, personas)


@pytest.fixture
def graded_case(objects, call_handler):
    case = objects["other_victim_case"]
    grade_response(case, 2, actor=call_handler, rationale="Caller frightened, suspect nearby")
    objects["graded_case"] = case
    return case


@pytest.mark.parametrize("app", APPS)
def test_every_form_refuses_hostile_input(app, personas, objects, graded_case):
    clients = Clients(personas, objects)
    found, problems = find_forms(app, personas, objects, clients)
    wrong = list(problems)
    for name in DATES_IN_ORDER:
        if name.startswith(f"{app}:") and name not in {each.name for each in found}:
            wrong.append(f"{name}: in DATES_IN_ORDER, but no form posting to it was found")
    before = fingerprint()
    for each in found:
        wrong.extend(attack(each, clients, before))
    assert not wrong, "\n".join(wrong)
