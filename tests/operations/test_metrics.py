"""/metrics: Prometheus text that parses, gauges equal to what the database holds, and only for Prometheus."""

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client.parser import text_string_to_metric_families

from victimcare.charter.models import Commitment
from victimcare.charter.rules import CommitmentDue, CommitmentKind
from victimcare.charter.services import meet_commitment, open_commitment
from victimcare.notifications.models import Message

TOKEN = "a-long-random-scrape-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_ADDRESSES = []

    def get() -> dict[tuple[str, tuple], float]:
        response = client.get(reverse("operations:metrics"), headers=AUTH)
        assert response.status_code == 200, response.status_code
        assert response["Content-Type"].startswith("text/plain; version=")
        return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
                for family in text_string_to_metric_families(response.content.decode())
                for sample in family.samples}

    return get


def overdue(samples, standard: int) -> float:
    return samples[("victimcare_commitments_overdue", (("standard", str(standard)),))]


@pytest.mark.django_db
def test_overdue_commitments_by_standard_match_the_database(scrape, case, officer):
    kind = CommitmentKind.INFORM_DECISION
    before = scrape()
    past = timezone.now() - dt.timedelta(hours=1)
    made = [open_commitment(case, CommitmentDue(kind, past)) for _ in range(4)]
    open_commitment(case, CommitmentDue(kind, timezone.now() + dt.timedelta(days=1)))  # not yet due
    meet_commitment(made[3], actor=officer)  # met: no longer overdue
    after = scrape()
    assert overdue(after, kind.standard) - overdue(before, kind.standard) == 3
    for standard in range(1, 11):
        assert overdue(after, standard) == Commitment.objects.overdue().filter(standard=standard).count()


@pytest.mark.django_db
def test_queue_depth_and_outbox_match_the_database(scrape, case):
    def task(status, queue="default"):
        DBTaskResult.objects.create(status=status, queue_name=queue, args_kwargs={}, task_path="x.y",
                                    backend_name="default", run_after=timezone.now())

    for status in [TaskResultStatus.READY] * 3 + [TaskResultStatus.RUNNING, TaskResultStatus.SUCCESSFUL]:
        task(status)
    task(TaskResultStatus.READY, queue="letters")

    def message(**fields):
        Message.objects.create(kind="test", victim=case.victim, channel="email", body="x", **fields)

    waiting = Message.objects.filter(status="queued").count()
    message()
    message(attempts=2, last_error="SMTPServerDisconnected")
    message(status=Message.Status.HELD, held_reason="no address")
    message(status=Message.Status.SENT, sent_at=timezone.now())
    samples = scrape()
    depth = "victimcare_task_queue_depth"
    assert samples[(depth, (("queue", "default"), ("status", "ready")))] == 3
    assert samples[(depth, (("queue", "default"), ("status", "running")))] == 1
    assert samples[(depth, (("queue", "letters"), ("status", "ready")))] == 1
    assert samples[("victimcare_outbox_messages", (("state", "waiting"),))] == waiting + 2
    assert samples[("victimcare_outbox_messages", (("state", "failing"),))] == 1
    assert samples[("victimcare_outbox_messages", (("state", "held"),))] == Message.objects.filter(
        status="held").count()


@pytest.mark.django_db
def test_request_times_and_counts_by_route_name_and_status(scrape, client):
    def count(samples):
        return samples.get(("victimcare_http_requests_total", (("method", "GET"), ("route", "operations:health-live"),
                                                               ("status", "200"))), 0)

    before = scrape()
    client.get(reverse("operations:health-live"))
    client.get(reverse("operations:health-live"))
    after = scrape()
    assert count(after) - count(before) == 2
    key = ("victimcare_http_request_duration_seconds_count", (("method", "GET"), ("route", "operations:health-live")))
    assert after[key] - before.get(key, 0) == 2


@pytest.mark.django_db
def test_scrape_queries_are_bounded(scrape, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        scrape()


@pytest.mark.django_db
def test_metrics_without_token_or_allow_list_do_not_exist(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_ADDRESSES = []
    assert client.get(reverse("operations:metrics"), headers=AUTH).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer "])
def test_metrics_refused_without_the_token(client, settings, authorization):
    settings.METRICS_TOKEN = TOKEN
    headers = {"Authorization": authorization} if authorization else {}
    response = client.get(reverse("operations:metrics"), headers=headers)
    assert response.status_code == 403
    assert b"victimcare_" not in response.content


@pytest.mark.django_db
def test_metrics_allow_list_by_address(client, settings):
    from ipaddress import ip_network

    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_ADDRESSES = [ip_network("10.0.0.0/24")]
    url = reverse("operations:metrics")
    assert client.get(url, REMOTE_ADDR="10.0.0.7").status_code == 200
    assert client.get(url, REMOTE_ADDR="10.0.1.7").status_code == 403
    # A forwarded address is not the scraper's: the allow-list reads the connection's own address.
    assert client.get(url, REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.7").status_code == 403
    # Both configured: both needed.
    settings.METRICS_TOKEN = TOKEN
    assert client.get(url, REMOTE_ADDR="10.0.0.7").status_code == 403
    assert client.get(url, REMOTE_ADDR="10.0.0.7", headers=AUTH).status_code == 200
    assert client.get(url, REMOTE_ADDR="10.0.1.7", headers=AUTH).status_code == 403


@pytest.mark.django_db
def test_a_signed_in_user_gets_nothing_more(client, settings, administrator):
    settings.METRICS_TOKEN = TOKEN
    client.force_login(administrator)
    assert client.get(reverse("operations:metrics")).status_code == 403


CHILD = textwrap.dedent("""
    import os, sys
    import django
    os.environ["DJANGO_SETTINGS_MODULE"] = "victimcare.test_settings"
    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment
    setup_test_environment()
    client = Client()
    if sys.argv[1] == "serve":
        for _ in range(int(sys.argv[2])):
            assert client.get("/health/live/").status_code == 200
    else:
        response = client.get("/metrics", headers={"Authorization": "Bearer %s"})
        sys.stdout.write(response.content.decode())
""") % TOKEN


def test_multiprocess_mode_adds_up_every_workers_requests(tmp_path):
    """Two processes (as two gunicorn workers) answer requests; a third scrapes and sees both workers' counts."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "METRICS_TOKEN": TOKEN,
           "DATABASE_URL": f"sqlite:///{tmp_path / 'no-tables.sqlite3'}"}
    for requests in (2, 3):
        subprocess.run([sys.executable, "-c", CHILD, "serve", str(requests)],  # noqa: S603 - our own script
                       env=env, check=True, timeout=120)
    exposition = subprocess.run([sys.executable, "-c", CHILD, "scrape"],  # noqa: S603 - our own script
                                env=env, check=True, timeout=120, capture_output=True, text=True).stdout
    samples = {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
               for family in text_string_to_metric_families(exposition) for sample in family.samples}
    assert samples[("victimcare_http_requests_total", (("method", "GET"), ("route", "operations:health-live"),
                                                       ("status", "200")))] == 5


def test_metrics_and_health_are_not_redirected_to_https(client, settings):
    """Prometheus and load balancers reach each web server over plain HTTP inside the network."""
    settings.SECURE_SSL_REDIRECT = True
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_ADDRESSES = []
    assert client.get(reverse("operations:health-live")).status_code == 200
    assert client.get(reverse("operations:metrics")).status_code == 404  # answered here, not redirected
    assert client.get(reverse("cases:list")).status_code == 301
