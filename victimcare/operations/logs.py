"""Structured logs: one JSON object a line (LOG_FORMAT=json, the default when DEBUG is off) or plain text, and the
request id on every line written while a request is handled.

The request id comes from the proxy's X-Request-ID header when it sends a sensible one, otherwise it is made
here; victimcare.operations.middleware sets it in a context variable for the length of the request and echoes it in
the response, so a line in these logs can be matched with the proxy's access log and with what a user reports.
"""

import contextvars
import datetime as dt
import json
import logging

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

# Attributes every LogRecord has; anything else on a record was passed as `extra=` and is written as a field.
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {"message", "asctime", "request_id"}
_PLAIN = (str, int, float, bool, type(None))


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (or "") on every record, for both formats."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request_id, any `extra=` fields, and
    the exception with its traceback when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or request_id.get(),
        }
        for key, value in record.__dict__.items():
            # Plain values only: Django's request logger passes the request itself, whose text holds the query
            # string (which may hold personal data).
            if key not in _STANDARD and not key.startswith("_") and isinstance(value, _PLAIN):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def logging_config(log_format: str, level: str) -> dict:
    """The LOGGING setting: everything to standard error (systemd's journal or the container's log collects it)."""
    if log_format not in {"json", "text"}:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {log_format!r}")
    formatter = {"()": JsonFormatter} if log_format == "json" else {"format": TEXT_FORMAT}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "default", "filters": ["request_id"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # fpdf2's font subsetting logs every glyph at INFO.
            "fontTools": {"level": "WARNING"},
            # runserver's own access line carries the query string, which may hold personal data; the request line
            # from victimcare.operations.middleware replaces it.
            "django.server": {"level": "WARNING"},
        },
    }
