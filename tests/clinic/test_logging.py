"""Request logs carry an id and no query strings or form values; error reports
hide every POST value, cookie and local variable."""

import json
import logging

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
