"""Health checks: no sign-in, no session, no personal data, a few bounded queries, 503 when something is wrong."""

import json

import pytest
from django.db import DatabaseError
from django.urls import reverse

from victimcare.operations import views


def test_live_answers_without_the_database(client):
    # No django_db mark: any query would fail the test.
    response = client.get(reverse("operations:health-live"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert "Set-Cookie" not in response.headers


@pytest.mark.django_db
def test_ready_checks_the_database_migrations_and_task_table(client, django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr(views, "_migrations_applied", False)
    # SELECT 1, whether the migrations table exists and what it holds, one row of the task table.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("operations:health-ready"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok", "tasks": "ok"}}
    # Once applied, the migrations are not read again by this process.
    with django_assert_max_num_queries(2):
        assert client.get(reverse("operations:health-ready")).status_code == 200


@pytest.mark.django_db
def test_ready_is_503_with_unapplied_migrations(client, monkeypatch):
    monkeypatch.setattr(views, "_migrations_applied", False)
    monkeypatch.setattr("django.db.migrations.executor.MigrationExecutor.migration_plan",
                        lambda self, targets: [("a migration", False)])
    response = client.get(reverse("operations:health-ready"))
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "unapplied migrations", "tasks": "ok"}


@pytest.mark.django_db
def test_ready_is_503_when_the_database_fails_and_says_no_more(client, monkeypatch, caplog):
    def refuse():
        raise DatabaseError('connection to server at "db.internal" (10.1.2.3) failed: password authentication')

    monkeypatch.setitem(views.CHECKS, "database", refuse)
    response = client.get(reverse("operations:health-ready"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {
        "database": "unavailable", "migrations": "not checked", "tasks": "not checked"}}
    assert b"db.internal" not in response.content  # the reason is in the log only
    assert "db.internal" in caplog.text


@pytest.mark.django_db
def test_ready_is_503_when_the_task_table_cannot_be_read(client, monkeypatch):
    def refuse():
        raise DatabaseError("relation django_tasks_database_dbtaskresult does not exist")

    monkeypatch.setitem(views.CHECKS, "tasks", refuse)
    response = client.get(reverse("operations:health-ready"))
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["tasks"] == "unavailable"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["operations:health-live", "operations:health-ready"])
def test_health_is_the_same_for_a_signed_in_analyst(client, analyst, name):
    """The analyst's figures-only middleware lets the health checks through (and they show nothing personal)."""
    client.force_login(analyst)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "analyst" not in response.content.decode().lower()


def test_health_refuses_to_change_anything(client):
    assert client.post(reverse("operations:health-live")).status_code == 405
