"""Structured request logs without health data.

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
import json
import logging
import re
import time
import uuid

from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

from clinic.redact import redact_secrets

request_id_var = contextvars.ContextVar("request_id", default="-")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_logger = logging.getLogger("clinic.request")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers."""

    FIELDS = ("method", "path", "status", "duration_ms")

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        for name in self.FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class RedactSecretsFilter(logging.Filter):
    """On every handler: the message and the traceback with guide tokens replaced
    (Django's "Not Found: /intake/guide/…" and "Internal Server Error: …" name the
    path; an exception message can too)."""

    _tracebacks = logging.Formatter()

    def filter(self, record):
        record.msg, record.args = redact_secrets(record.getMessage()), ()
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
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.monotonic()
        try:
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
        finally:
            request_id_var.reset(token)


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
