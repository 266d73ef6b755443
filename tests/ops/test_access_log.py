"""gunicorn's own logs, as written by a real gunicorn run on the production
configuration, hold no guide token and no query string (issue 13, finding 2)."""

from tests.ops import stack as ops
from tests.ops.conftest import sqlite_fill_steps


def test_access_log_names_the_guide_route_without_its_token(sqlite_app):
    app, _ = sqlite_app
    patient = ops.Client(app.port)
    key = sqlite_fill_steps(patient)
    guide = patient.post("/intake/check/", {"submission_key": key, "website": ""}).location
    token = guide.split("/")[3]
    assert len(token) == 64
    assert patient.get(guide).status == 200
    assert patient.get(guide + "print/").status == 200
    assert patient.get(guide + "open/page/compare/").status == 302
    assert patient.get("/learn/search/?q=isotretinoin+secret").status == 200

    log = app.log_path.read_text(errors="replace")
    access = [line for line in log.splitlines() if " GET /intake/guide/" in line]
    assert len(access) >= 3, log[-3000:]  # the access log did record the visits
    assert all("/intake/guide/[redacted]/" in line for line in access), access
    assert " GET /learn/search/ " in log
    assert token not in log and token[:16] not in log
    assert "secret" not in log
