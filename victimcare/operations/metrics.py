"""Metrics for Prometheus: request times and counts (kept by the request middleware) and gauges read from the
database when Prometheus scrapes (task queue depth, overdue commitments, the outbox).

With several gunicorn workers each worker counts its own requests; set PROMETHEUS_MULTIPROC_DIR (an empty directory,
emptied before the server starts) and prometheus_client keeps the counts in files there, and /metrics adds up every
worker's. deploy/gunicorn.conf.py empties it on start and marks each dead worker (`child_exit`).
"""

import logging
import os

from django.db import DatabaseError
from django.db.models import Count, Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, multiprocess
from prometheus_client.core import GaugeMetricFamily

from victimcare.charter.models import Commitment
from victimcare.charter.standards import STANDARDS
from victimcare.notifications.models import Message

logger = logging.getLogger(__name__)

REQUEST_SECONDS = Histogram(
    "victimcare_http_request_duration_seconds",
    "Time to answer a request, by route name and method.",
    ["route", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
REQUESTS = Counter(
    "victimcare_http_requests",
    "Requests answered, by route name, method and status code.",
    ["route", "method", "status"],
)


def observe_request(route: str, method: str, status: int, seconds: float) -> None:
    REQUEST_SECONDS.labels(route, method).observe(seconds)
    REQUESTS.labels(route, method, str(status)).inc()


class DatabaseCollector:
    """Gauges computed at scrape time, each one bounded query (an indexed count grouped by a few values)."""

    def describe(self):
        return []

    def collect(self):
        up = GaugeMetricFamily("victimcare_database_up",
                               "1 if the gauges below could be read from the database at this scrape, else 0.")
        try:
            families = list(self._from_database())
        except DatabaseError:
            logger.exception("Metrics: the database could not be read")
            families = []
        up.add_metric([], 1 if families else 0)
        yield up
        yield from families

    def _from_database(self):
        tasks = GaugeMetricFamily("victimcare_task_queue_depth",
                                  "Background tasks waiting (ready) or being run (running), by queue.",
                                  labels=["queue", "status"])
        waiting = DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        for row in waiting.order_by().values("queue_name", "status").annotate(n=Count("pk")):
            tasks.add_metric([row["queue_name"], row["status"].lower()], row["n"])
        yield tasks

        overdue = GaugeMetricFamily("victimcare_commitments_overdue",
                                    "Open commitments past their due time, by charter standard.", labels=["standard"])
        counts = dict(Commitment.objects.overdue(timezone.now()).order_by().values_list("standard")
                      .annotate(n=Count("pk")))
        for standard in STANDARDS:
            overdue.add_metric([str(standard.number)], counts.get(standard.number, 0))
        yield overdue

        outbox = Message.objects.filter(status=Message.Status.QUEUED).order_by().aggregate(
            waiting=Count("pk"), failing=Count("pk", filter=~Q(last_error="")))
        held = Message.objects.filter(status=Message.Status.HELD).order_by().count()
        messages = GaugeMetricFamily("victimcare_outbox_messages",
                                     "Messages not sent: waiting (queued, including failing ones), failing (queued, "
                                     "last attempt failed, to be retried), held (needs someone to act).",
                                     labels=["state"])
        messages.add_metric(["waiting"], outbox["waiting"])
        messages.add_metric(["failing"], outbox["failing"])
        messages.add_metric(["held"], held)
        yield messages


class _ThisProcess:
    """The default registry's metrics (this process's requests, the process and Python collectors)."""

    def collect(self):
        return REGISTRY.collect()


def scrape_registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(DatabaseCollector())
    return registry

