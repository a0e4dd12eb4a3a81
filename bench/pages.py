"""Server time and queries of the pages people wait for, in this process through django.test.Client (the whole
middleware stack, the view and the template; no network, no web server), DEBUG off.

Each page is a list of visits (a signed-in client and a path) taken in turn: lists as each of several users, case
pages and the portal home of many different cases. The first visits warm the process up (imports, templates) and
are not counted; the cases they show are not shown again in the counted ones when there are enough to pick from.
Django must be set up (run.py does it) before anything here is called.
"""

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from itertools import cycle, islice

from common import DEMO_ANALYST, DEMO_OFFICERS, DEMO_PARTNERS, DEMO_SUPERVISOR, percentile


@dataclass
class Visit:
    client: object
    path: str
    headers: dict = field(default_factory=dict)
    before: Callable[[], None] | None = None  # untimed, e.g. putting the portal session's case in place


@dataclass
class PageTimes:
    name: str
    path: str
    visits: int  # distinct visits cycled through (users or cases)
    milliseconds: list[float]
    queries: list[int]
    failures: list[str]

    def as_dict(self) -> dict:
        ms = self.milliseconds
        return {
            "page": self.name, "path": self.path, "requests": len(ms), "distinct": self.visits,
            "p50_ms": round(percentile(ms, 0.5), 1), "p95_ms": round(percentile(ms, 0.95), 1),
            "p99_ms": round(percentile(ms, 0.99), 1), "max_ms": round(max(ms), 1),
            "queries_min": min(self.queries), "queries_max": max(self.queries), "failures": self.failures[:5],
        }


def staff_client(username: str):
    """A client signed in as USERNAME past both steps: as django-otp leaves a session after a right code."""
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = get_user_model().objects.get(username=username)
    client = Client(raise_request_exception=False)
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="Benchmark authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def existing(usernames: list[str]) -> list[str]:
    from django.contrib.auth import get_user_model

    found = set(get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True))
    return [name for name in usernames if name in found]


def sample_cases(count: int, visible_to: str | None = None) -> list[int]:
    from django.contrib.auth import get_user_model

    from victimcare.cases import access
    from victimcare.cases.models import Case

    cases = Case.objects.all()
    if visible_to:
        cases = access.visible_cases(get_user_model().objects.get(username=visible_to))
    return list(cases.order_by("?").values_list("pk", flat=True)[:count])


def api_token() -> str:
    """A cases:read token for a system account working as an officer in the first demo officer's unit."""
    from django.core.management import call_command

    from victimcare.organisations.models import Membership

    unit = Membership.objects.filter(user__username=DEMO_OFFICERS[0], role=Membership.Role.OFFICER).first()
    out = StringIO()
    call_command("create_api_token", "Benchmark", "bench-api", organisation=unit.organisation.code,
                 role=Membership.Role.OFFICER, scopes=["cases:read"], stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def portal_visits(case_ids: list[int]) -> list[Visit]:
    from django.test import Client
    from django.utils import timezone

    from victimcare.portal.views import CASE_KEY, SEEN_KEY

    client = Client(raise_request_exception=False)

    def signed_in_to(case_id):
        def sign_in():
            session = client.session
            session[CASE_KEY] = case_id
            session[SEEN_KEY] = timezone.now().timestamp()
            session.save()
        return sign_in

    return [Visit(client, "/portal/your-case/", before=signed_in_to(pk)) for pk in case_ids]


def case_section_paths(case_id: int) -> dict[str, str]:
    """Every section of the case's page (victimcare/cases/sections.py), the summary first: name -> address."""
    from django.urls import reverse

    from victimcare.cases.sections import SECTIONS

    return {section.name: reverse(f"cases:{section.name}", kwargs={"case_id": case_id}) for section in SECTIONS}


def page_plans(cases_wanted: int) -> dict[str, list[Visit]]:
    officers = existing(DEMO_OFFICERS)
    clients = {name: staff_client(name) for name in existing([*officers, DEMO_SUPERVISOR, *DEMO_PARTNERS,
                                                              DEMO_ANALYST])}
    per_officer = -(-cases_wanted // len(officers))
    case_visits = [(clients[name], case_section_paths(pk))
                   for name in officers for pk in sample_cases(per_officer, visible_to=name)]
    random.Random(0).shuffle(case_visits)
    sections = case_visits[0][1] if case_visits else {}
    token = api_token()
    from django.test import Client

    api_client = Client(raise_request_exception=False)
    return {
        "officer case list": [Visit(clients[name], "/cases/") for name in officers],
        "officer my cases": [Visit(clients[name], "/work/my-cases/") for name in officers],
        **{"case page" if name == "detail" else f"case {name}": [Visit(client, paths[name])
                                                                for client, paths in case_visits]
           for name in sections},
        "supervisor overdue view": [Visit(clients[DEMO_SUPERVISOR], "/work/team/")],
        "partner shared cases": [Visit(clients[name], "/sharing/shared/") for name in existing(DEMO_PARTNERS)],
        "portal home": portal_visits(sample_cases(cases_wanted)),
        "commissioner dashboard": [Visit(clients[DEMO_ANALYST], "/monitoring/")],
        "api case list": [Visit(api_client, "/api/cases/", headers={"HTTP_AUTHORIZATION": f"Token {token}"})],
    }


def time_page(name: str, visits: list[Visit], requests: int, warm_up: int) -> PageTimes:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    turns = cycle(visits)
    milliseconds, queries, failures = [], [], []
    for counted, visit in enumerate(islice(turns, warm_up + requests)):
        if visit.before:
            visit.before()
        connection.queries_log.clear()  # it keeps the last 9,000: once full, a capture would count nothing
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = visit.client.get(visit.path, **visit.headers)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            failures.append(f"{visit.path}: {response.status_code}")
        if counted >= warm_up:
            milliseconds.append(elapsed)
            queries.append(len(captured.captured_queries))
    return PageTimes(name, re.sub(r"\d+", "<id>", visits[0].path), len(visits), milliseconds, queries, failures)


def measure_pages(requests: int, warm_up: int = 10) -> list[PageTimes]:
    plans = page_plans(cases_wanted=requests + warm_up)
    return [time_page(name, visits, requests, warm_up) for name, visits in plans.items()]
