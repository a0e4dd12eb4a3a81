"""Helpers for the staff-screen tests: cases in the personas' units, with overdue commitments."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import CrimeFactory, VictimFactory, WardFactory
from victimcare.cases.services import open_case, record_key_decision
from victimcare.charter.rules import KeyDecision


def make_case(unit, officer, recorded_by, *, victim=None, at=None, crime=None, **circumstances):
    return open_case(
        victim=victim or VictimFactory(),
        crime=crime or CrimeFactory(),
        unit=unit,
        officer=officer,
        recorded_by=recorded_by,
        at=at,
        **circumstances,
    )


def make_overdue(case, actor, decision=KeyDecision.SUSPECT_ARRESTED, days_ago=20):
    """A decision taken long ago, never told to the victim: its commitment is overdue."""
    return record_key_decision(case, decision, actor=actor, at=timezone.now() - dt.timedelta(days=days_ago))


@pytest.fixture
def overdue_case(unit, officer, call_handler):
    """A case with a ward, domestic abuse (enhanced rights) and one overdue inform-decision commitment."""
    crime = CrimeFactory(ward=WardFactory(), is_domestic_abuse=True)
    case = make_case(unit, officer, call_handler, crime=crime, at=timezone.now() - dt.timedelta(days=30))
    make_overdue(case, officer)
    return case


def in_welsh(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    return client


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)
