"""The production logs as a real gunicorn writes them (LOG_FORMAT=json): one JSON
object per app line with the request id, the same id in gunicorn's access line and
the response header; the proxy's X-Request-ID kept when well-formed, replaced when
not; no token and no query string anywhere."""

import http.client
import json
import re
import time

import pytest

from tests.ops import stack as ops


@pytest.fixture(scope="module")
def json_app(tmp_path_factory):
    if not (ops.VENV_BIN / "gunicorn").exists():
        pytest.skip("needs gunicorn in the project's virtualenv")
    db_path = tmp_path_factory.mktemp("json-logs") / "clinic.sqlite3"
    app = ops.Gunicorn(database_url=f"sqlite:///{db_path}", redis_url="", LOG_FORMAT="json")
    try:
        app.prepare()
        app.start()
        yield app
    finally:
        app.cleanup()


def request_with_id(app, path, request_id):
    headers = {"Host": f"127.0.0.1:{app.port}", "X-Forwarded-Proto": "https"}
    if request_id is not None:
        headers["X-Request-ID"] = request_id
    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
    finally:
        conn.close()
    return response


def wait_for_line(app, pattern, timeout=5):
    """gunicorn writes its access line after the response: wait for it."""
    deadline = time.monotonic() + timeout
    while True:
        text = app.log_path.read_text(errors="replace")
        found = re.search(pattern, text, re.MULTILINE)
        if found:
            return found[0]
        assert time.monotonic() < deadline, f"no line like {pattern!r}:\n{text[-2000:]}"
        time.sleep(0.1)


def app_lines(app):
    """The JSON lines of the log (gunicorn's own lines are text)."""
    found = []
    for line in app.log_path.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            found.append(json.loads(line))
    return found


def test_the_proxy_request_id_is_in_the_header_the_app_line_and_the_access_line(json_app):
    rid = "nginx-0f3c9a7d2b1e4c5f"
    response = request_with_id(json_app, "/learn/search/?q=isotretinoin+secret", rid)
    assert response.status == 200
    assert response.headers["X-Request-ID"] == rid
    lines = [entry for entry in app_lines(json_app) if entry.get("request_id") == rid]
    (request_line,) = [entry for entry in lines if entry["logger"] == "clinic.request"]
    assert request_line["path"] == "/learn/search/" and request_line["status"] == 200
    assert request_line["method"] == "GET" and request_line["duration_ms"] >= 0
    assert {"time", "level", "message"} <= set(request_line)
    wait_for_line(json_app, rf"\] 200 GET /learn/search/ .* rid={rid}$")
    log = json_app.log_path.read_text(errors="replace")
    assert "secret" not in log and "isotretinoin" not in log


@pytest.mark.parametrize("offered", [None, "short", "has space in it", "<script>alert(1)</script>"])
def test_a_missing_or_malformed_request_id_is_replaced_by_a_new_one(json_app, offered):
    response = request_with_id(json_app, "/healthz", offered)
    rid = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", rid)
    assert any(entry.get("request_id") == rid for entry in app_lines(json_app))
    if offered:
        assert offered not in json_app.log_path.read_text(errors="replace")


def test_a_warning_during_a_request_carries_its_id_and_extra_fields_but_no_token(json_app):
    token = "b" * 64
    rid = "proxy-warn-1234567890"
    response = request_with_id(json_app, f"/intake/guide/{token}/no-such-page/?q=private", rid)
    assert response.status == 404
    lines = [entry for entry in app_lines(json_app) if entry.get("request_id") == rid]
    warning = [entry for entry in lines if entry["logger"] == "django.request"]
    assert warning and warning[0]["status_code"] == 404, lines
    assert warning[0]["message"] == "Not Found: /intake/guide/[redacted]/no-such-page/"
    assert "request" not in warning[0]
    log = json_app.log_path.read_text(errors="replace")
    assert token not in log and "private" not in log
