"""Request logs carry an id and no query strings or form values; error reports
hide every POST value, cookie and local variable."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.test import RequestFactory

from clinic.logging import JsonFormatter, NoFormDataReporterFilter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_every_response_has_a_request_id(client):
    response = client.get("/", HTTP_X_REQUEST_ID="proxy-abc-12345")
    assert response["X-Request-ID"] == "proxy-abc-12345"
    generated = client.get("/", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert len(generated) == 32 and " " not in generated


def test_request_log_has_path_but_no_query_string_or_form_values(client, caplog):
    caplog.set_level(logging.INFO, logger="clinic.request")
    client.get("/learn/search/", {"q": "my private search"})
    client.post("/intake/about-you/", {"first_name": "Secretname", "email": "x@y.org"})
    records = [r for r in caplog.records if r.name == "clinic.request"]
    assert [(r.method, r.path) for r in records] == [
        ("GET", "/learn/search/"),
        ("POST", "/intake/about-you/"),
    ]
    text = caplog.text
    assert "private" not in text and "Secretname" not in text and "x@y.org" not in text


def test_json_formatter_writes_one_object_per_line():
    record = logging.LogRecord("clinic.request", logging.INFO, __file__, 1, "GET / 200", (), None)
    record.method, record.path, record.status, record.duration_ms = "GET", "/", 200, 1.5
    RequestIdFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["path"] == "/" and entry["status"] == 200 and entry["level"] == "INFO"
    assert "request_id" in entry


def test_error_reports_hide_form_values_cookies_and_locals():
    request = RequestFactory().post("/intake/health/", {"other_medicines": "warfarin"})
    request.COOKIES["sessionid"] = "abc"
    reporter = NoFormDataReporterFilter()
    assert "warfarin" not in str(reporter.get_post_parameters(request))
    assert "abc" not in str(reporter.get_safe_cookies(request))

    def frame_with_answers():
        import sys

        answers = {"isotretinoin": "taking_now"}  # noqa: F841 - read through the frame
        return sys._getframe()

    variables = reporter.get_traceback_frame_variables(request, frame_with_answers())
    assert "taking_now" not in str(variables)


@pytest.fixture
def log_output():
    """What the configured console handler really writes (its filters and
    formatter), whichever logger wrote it, as a string."""
    import io

    handler = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


def test_guide_visits_leave_no_token_in_the_log_or_error_mails(
    client, clinic_content, log_output, settings, mailoutbox, monkeypatch
):
    from intake import selectors
    from tests.intake.answers import fill_all_steps, submission_key

    settings.ADMINS = [("Admin", "admin@clinic.test")]
    fill_all_steps(client)
    guide = client.post(
        "/intake/check/", {"submission_key": submission_key(client), "website": ""}
    )["Location"]
    token = guide.split("/")[3]
    assert len(token) == 64
    mailoutbox.clear()
    assert client.get(guide).status_code == 200
    assert client.get(guide + "print/").status_code == 200
    assert client.get(guide + "open/page/compare/").status_code == 302
    assert client.get(guide + "no/such/page/?q=x").status_code == 404  # "Not Found: …"

    def broken(token):
        raise RuntimeError(f"failed for /intake/guide/{token}/")

    monkeypatch.setattr(selectors, "guide_for_token", broken)
    client.raise_request_exception = False
    assert client.get(guide).status_code == 500  # logged and mailed to ADMINS

    written = log_output.getvalue()
    assert written.count("/intake/guide/[redacted]/") >= 5, written  # it did log
    assert "Not Found: /intake/guide/[redacted]/" in written
    assert "Internal Server Error: /intake/guide/[redacted]/" in written
    assert "Traceback" in written and "RuntimeError" in written
    assert token not in written
    assert token[:16] not in written
    [report] = mailoutbox
    assert "intake/guide/[redacted]/" in report.subject + report.body
    assert token[:16] not in report.subject + report.body


def test_error_reports_hide_query_values_and_referrers():
    import sys

    from clinic.logging import RedactingExceptionReporter

    request = RequestFactory().get(
        "/learn/search/", {"q": "isotretinoin"}, HTTP_REFERER="https://x.test/?q=isotretinoin"
    )
    try:
        raise ValueError("boom")
    except ValueError:
        report = RedactingExceptionReporter(request, *sys.exc_info(), is_email=True)
        text = report.get_traceback_text()
    assert "isotretinoin" not in text
    assert "http://testserver/learn/search/\n" in text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/intake/guide/abc123/", "/intake/guide/[redacted]/"),
        ("GET /intake/guide/abc123/print/ 200", "GET /intake/guide/[redacted]/print/ 200"),
        ("'path': 'intake/guide/abc123/x/'", "'path': 'intake/guide/[redacted]/x/'"),
        ("/x/intake/guide/abc123?q=1", "/x/intake/guide/[redacted]?q=1"),
        ("/intake/guide/", "/intake/guide/"),
        ("/learn/search/", "/learn/search/"),
    ],
)
def test_redact_secrets_replaces_the_guide_token(text, expected):
    from clinic.redact import redact_secrets

    assert redact_secrets(text) == expected


def _json_lines(emit):
    """What the production console handler (its filters, the JSON formatter) writes
    while `emit(logger)` runs, parsed line by line."""
    import io

    from clinic.logging import RedactSecretsFilter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.addFilter(RedactSecretsFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("tests.json")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_json_lines_keep_every_extra_field():
    (entry,) = _json_lines(
        lambda log: log.warning(
            "mail failed for %s", "AS-1234567", extra={"reference": "AS-1234567", "attempt": 2}
        )
    )
    assert entry["message"] == "mail failed for AS-1234567"
    assert entry["reference"] == "AS-1234567" and entry["attempt"] == 2
    assert set(entry) >= {"time", "level", "logger", "request_id", "message"}


def test_json_lines_redact_tokens_in_extras_and_tracebacks_and_never_write_a_request():
    token = "a" * 64

    def emit(log):
        try:
            raise ValueError(f"bad /intake/guide/{token}/")
        except ValueError:
            log.exception(
                "Not Found: /intake/guide/%s/",
                token,
                extra={
                    "path": f"/intake/guide/{token}/",
                    "request": RequestFactory().get(f"/intake/guide/{token}/?q=isotretinoin"),
                    "status_code": 404,
                },
            )

    (entry,) = _json_lines(emit)
    text = json.dumps(entry)
    assert token not in text and "isotretinoin" not in text
    assert entry["path"] == "/intake/guide/[redacted]/" and entry["status_code"] == 404
    assert "request" not in entry
    assert "ValueError" in entry["exception"]


def test_objects_are_written_by_type_not_by_repr():
    class Answers:
        def __repr__(self):
            return "warfarin"

    (entry,) = _json_lines(lambda log: log.info("x", extra={"answers": Answers()}))
    assert entry["answers"] == "<Answers>"


def test_djangos_not_found_line_carries_the_request_id(client):
    """Django logs an error response after the middleware has returned: the id holds
    until the response is finished, and not after."""
    seen = []

    class Keep(logging.Handler):
        def emit(self, record):
            seen.append((record.name, record.request_id))

    handler = Keep()
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="proxy-id-123456789")
        assert response.status_code == 404
        logger.warning("after the response")
    finally:
        logger.removeHandler(handler)
    assert seen == [("django.request", "proxy-id-123456789"), ("django.request", "-")]


def test_runservers_own_access_lines_never_reach_the_console():
    # Its lines hold whole URLs (guide tokens, searches). With no handler at all, Python's
    # last-resort handler printed the warning ones (every 4xx and 5xx) to stderr. In a
    # process of its own: pytest puts its capture handlers on every logger.
    code = (
        "import logging, django; django.setup(); logging.getLogger('django.server')"
        ".warning('GET /intake/guide/tok3nSecret/open/ 404')"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter, our own code
        [sys.executable, "-c", code],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "clinic.settings.dev", "ENV_FILE": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "tok3nSecret" not in done.stderr + done.stdout
