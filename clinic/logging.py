"""Structured request logs without health data.

- JSON lines from python-json-logger (a kept library: a logging.Formatter, so Django's
  LOGGING, gunicorn and every existing filter work unchanged; structlog would replace
  the whole logging pipeline for no gain here). Every `extra=` field is kept.

- Every request gets an id (the proxy's X-Request-ID if it looks like one, else a
  new one), returned in the response and attached to every log line.
- The request log has the method, the path without its query string (searches
  live there) and with any guide token replaced (clinic.redact), the status and
  the time taken. Never a form value.
- Every handler redacts guide tokens from each message and traceback
  (RedactSecretsFilter), whichever logger wrote it (django.request logs paths).
- Error reports (log and e-mail to ADMINS) never show POST data, query values,
  cookies or local variables, and name the guide route with its token replaced.
"""

import contextvars
import logging
import re
import time
import uuid

from django.core.signals import request_finished
from django.dispatch import receiver
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter
from pythonjsonlogger import json as jsonlogger
from pythonjsonlogger.core import RESERVED_ATTRS

from clinic.redact import redact_secrets

request_id_var = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_logger = logging.getLogger("clinic.request")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


def _type_only(value):
    """How a value JSON cannot hold is written: dates as ISO text, else its type."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return f"<{type(value).__name__}>"


class JsonFormatter(jsonlogger.JsonFormatter):
    """One JSON object per line, for log shippers: python-json-logger's formatter, so
    every field a caller passes in `extra=` is kept (the hand-written one kept four).
    The fixed keys: time, level, logger, request_id, message; a traceback is under
    "exception", with secrets replaced like the message (RedactSecretsFilter)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s")
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        kwargs.setdefault(
            "rename_fields",
            {"asctime": "time", "levelname": "level", "name": "logger", "exc_info": "exception"},
        )
        kwargs.setdefault("json_ensure_ascii", False)
        # Django's django.request records carry the request itself, whose repr has the
        # query string: never written. Other objects appear by type only, never by repr.
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request"])
        kwargs.setdefault("json_default", _type_only)
        super().__init__(*args, **kwargs)

    def formatException(self, ei):  # noqa: N802 - logging's name
        return redact_secrets(super().formatException(ei))


# What every LogRecord has; anything else on a record came from `extra=`.
_RECORD_ATTRS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
}


class RedactSecretsFilter(logging.Filter):
    """On every handler: the message and the traceback with guide tokens replaced
    (Django's "Not Found: /intake/guide/…" and "Internal Server Error: …" name the
    path; an exception message can too)."""

    _tracebacks = logging.Formatter()

    def filter(self, record):
        record.msg, record.args = redact_secrets(record.getMessage()), ()
        for name, value in list(vars(record).items()):
            if name not in _RECORD_ATTRS and isinstance(value, str):
                setattr(record, name, redact_secrets(value))  # an `extra=` field
        if record.exc_info and not record.exc_text:
            record.exc_text = self._tracebacks.formatException(record.exc_info)
        record.exc_text = redact_secrets(record.exc_text)
        return True


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        # Not reset when this returns: Django logs an error response ("Not Found: …")
        # after the middleware, so the id stays until the response is finished
        # (request_finished, below).
        request_id_var.set(request_id)
        request.request_id = request_id
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        request_logger.info(
            "%s %s %s",
            request.method,
            redact_secrets(request.path),
            response.status_code,
            extra={
                "method": request.method,
                "path": redact_secrets(request.path),
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )
        return response


@receiver(request_finished, dispatch_uid="clinic-request-id-end")
def _request_id_end(**kwargs):
    request_id_var.set("-")


class NoFormDataReporterFilter(SafeExceptionReporterFilter):
    """Error reports for a health app: every POST value and cookie is hidden,
    not only the ones a view remembered to mark sensitive."""

    def get_post_parameters(self, request):
        if request is None:
            return {}
        return dict.fromkeys(request.POST, self.cleansed_substitute)

    def get_safe_cookies(self, request):
        return dict.fromkeys(request.COOKIES, self.cleansed_substitute)

    def get_traceback_frame_variables(self, request, tb_frame):
        # Local variables can hold answers (a cleaned form, a draft): never show them.
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]

    # Query strings (searches) and referrers (a page's full address) are hidden;
    # every other value has guide tokens replaced (PATH_INFO, RAW_URI…).
    HIDDEN_META = {"QUERY_STRING", "HTTP_REFERER", "REQUEST_URI", "RAW_URI"}

    def get_safe_request_meta(self, request):
        meta = super().get_safe_request_meta(request)
        return {
            name: self.cleansed_substitute if name in self.HIDDEN_META else redact_secrets(value)
            for name, value in meta.items()
        }


class RedactingExceptionReporter(ExceptionReporter):
    """Error reports (the e-mail to ADMINS) with the URL's path only, guide tokens
    replaced, and query values hidden. The finished text passes through the same
    redaction, so a path shown anywhere in Django's template is covered."""

    def _get_raw_insecure_uri(self):
        return f"{self.request.scheme}://{self.request._get_raw_host()}{self.request.path}"

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            substitute = self.filter.cleansed_substitute
            data["request_GET_items"] = [(name, substitute) for name in self.request.GET]
        return data

    def get_traceback_text(self):
        return redact_secrets(super().get_traceback_text())

    def get_traceback_html(self):
        return redact_secrets(super().get_traceback_html())
