"""One log line and two metrics per request, and the request id on every log line written while it is handled.

The line names the route pattern (`cases/<int:case_id>/`), never the path or its query string, and the user by id,
never by name: paths and query strings can carry personal data (a search for a victim's name), and the log goes to
more people and places than the database does. Health checks are logged at DEBUG (a load balancer asks every few
seconds); they are still counted in the metrics.
"""

import logging
import re
import time
import uuid

from django.utils.functional import empty

from victimcare.operations.logs import request_id
from victimcare.operations.metrics import observe_request

logger = logging.getLogger("victimcare.requests")

# A proxy's id is used when it looks like one (a UUID, or the like); anything else is replaced, so a client cannot
# write arbitrary text into the logs through the header.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
QUIET_ROUTES = frozenset({"operations:health-live", "operations:health-ready"})


def _user_id(request) -> int | None:
    """The signed-in user's id if something in this request already loaded the user (no query just for the log)."""
    user = getattr(request, "user", None)
    user = getattr(user, "_wrapped", user)
    if user is None or user is empty or not user.is_authenticated:
        return None
    return user.pk


def forget_request_id(**kwargs) -> None:
    """On request_finished (connected in apps.py): lines written between requests carry no request id."""
    request_id.set("")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        # Kept until the response is closed (forget_request_id), not just until this returns: Django logs a 4xx or
        # 5xx answer after the middleware, and a streamed response is sent after it too.
        request_id.set(rid)
        started = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - started
        response["X-Request-ID"] = rid
        self._record(request, response, seconds)
        return response

    def _record(self, request, response, seconds: float) -> None:
        match = getattr(request, "resolver_match", None)
        route = match.route if match else None
        view = (match.view_name or match.route) if match else "unmatched"
        method = request.method if request.method in _METHODS else "other"
        status = response.status_code
        observe_request(view, method, status, seconds)
        duration_ms = round(seconds * 1000, 1)
        level = logging.DEBUG if view in QUIET_ROUTES else logging.INFO
        logger.log(level, "%s %s %s %sms", method, route or "-", status, duration_ms, extra={
            "method": method, "route": route, "view": view, "status": status, "duration_ms": duration_ms,
            "user_id": _user_id(request),
        })
