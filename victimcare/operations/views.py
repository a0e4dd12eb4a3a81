"""Health checks for load balancers and orchestrators, and metrics for Prometheus.

None of them needs a session or shows anything about a person. /health/live/ says the process answers (restart it
if not); /health/ready/ says it can do its work: the database answers, every migration this code knows is applied,
and the task queue's table can be read (take it out of the load balancer if not). Each is a few bounded queries.
/metrics is for Prometheus only: a bearer token (METRICS_TOKEN) and/or an address allow-list
(METRICS_ALLOWED_ADDRESSES); with neither configured it does not exist (404).
"""

import hmac
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from victimcare.operations.metrics import scrape_registry
from victimcare.operations.proxy import address_in

logger = logging.getLogger(__name__)

OK = "ok"
# Once this process has seen every migration applied it stays so (a later migration comes with new code, which
# comes with a new process), so the migration graph is built once, not on every probe.
_migrations_applied = False


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": OK})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK


def _check_migrations() -> str:
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            return "unapplied migrations"
        _migrations_applied = True
    return OK


def _check_tasks() -> str:
    list(DBTaskResult.objects.order_by().values_list("pk")[:1])
    return OK


CHECKS = {"database": _check_database, "migrations": _check_migrations, "tasks": _check_tasks}


@never_cache
@require_safe
def ready(request):
    checks = {}
    for name, check in CHECKS.items():
        if checks and checks.get("database") != OK:
            checks[name] = "not checked"
            continue
        try:
            checks[name] = check()
        except DatabaseError:
            # The reason goes to the log, not to whoever asked: the answer is public.
            logger.exception("Health check %s failed", name)
            checks[name] = "unavailable"
    healthy = all(result == OK for result in checks.values())
    return JsonResponse({"status": OK if healthy else "unavailable", "checks": checks}, status=200 if healthy else 503)


def metrics_allowed(request) -> bool:
    token, networks = settings.METRICS_TOKEN, settings.METRICS_ALLOWED_ADDRESSES
    if token:
        scheme, _, given = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            return False
    return not networks or address_in(request.META.get("REMOTE_ADDR"), networks)


@never_cache
@require_safe
def metrics(request):
    if not settings.METRICS_TOKEN and not settings.METRICS_ALLOWED_ADDRESSES:
        raise Http404("No such page")
    if not metrics_allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(generate_latest(scrape_registry()), content_type=CONTENT_TYPE_LATEST)
