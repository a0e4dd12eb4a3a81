"""gunicorn settings for Victim Care's web servers (docs/deployment.md). Every value can be overridden from the
environment (GUNICORN_*), or on the command line: gunicorn -c deploy/gunicorn.conf.py victimcare.wsgi."""

import os
import shutil
from pathlib import Path

wsgi_app = "victimcare.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")  # the proxy reaches this; nothing else should
# Sync workers: each request holds one worker, so this is how many requests one server answers at once.
# (2 x cores) + 1 is gunicorn's rule of thumb; the database connections needed are workers x servers.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # a request taking longer is killed (and logged)
graceful_timeout = 30
keepalive = 5
# Restart each worker now and then, staggered, so a slow leak never grows.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200
# The proxy's X-Forwarded-Proto is believed only from these addresses (Django's SECURE_PROXY_SSL_HEADER decides
# what Django believes; this is gunicorn's own wsgi.url_scheme).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# No access log: gunicorn's line carries the query string, which may hold personal data. Victim Care writes its own
# line per request (victimcare.operations.middleware: route, status, time, user id, request id).
accesslog = None
errorlog = "-"
# gunicorn's control socket in the service's runtime folder (systemd's RuntimeDirectory=) rather than a home folder.
if os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = os.path.join(os.environ["RUNTIME_DIRECTORY"].split(":")[0], "gunicorn.ctl")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    """Empty the metrics folder before the first worker starts: counts left by an earlier run would be added in."""
    if _metrics_dir:
        path = Path(_metrics_dir)
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True, mode=0o700)


def child_exit(server, worker):
    """A worker that has gone: its live gauges are dropped (its counters stay, as Prometheus expects)."""
    if _metrics_dir:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
