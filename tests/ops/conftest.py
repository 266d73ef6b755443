"""The fault tests' stack: a throwaway PostgreSQL and Redis, and gunicorn on production
settings in front of them. They run in the PostgreSQL leg of the test run
(DATABASE_URL=postgres://…), which is also where CI has the programs they need."""

import os
import time
from dataclasses import dataclass

import pytest

from tests.intake.answers import VALID_STEPS
from tests.ops import stack as ops


def _skip_or_fail():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "fault tests run in the PostgreSQL leg (DATABASE_URL=postgres://…); "
            "they start their own throwaway PostgreSQL, Redis and gunicorn"
        )
    missing = ops.missing_tools()
    if missing:
        message = f"fault tests need {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must have them)", pytrace=False)
        pytest.skip(message)


@dataclass
class Stack:
    postgres: ops.Postgres
    redis: ops.Redis
    app: ops.Gunicorn

    def client(self):
        return ops.Client(self.app.port)

    def ensure_up(self):
        """Restarts whatever an earlier (failed) test left stopped, and waits for a
        healthy /healthz. gunicorn itself is never restarted."""
        if not self.postgres.is_running():
            self.postgres.start()
        if not self.redis.is_running():
            self.redis.start()
        assert self.app.process.poll() is None, "gunicorn died:\n" + self.app.log_tail()
        deadline = time.monotonic() + 20
        while self.client().get("/healthz").status != 200:
            assert time.monotonic() < deadline, "/healthz not 200:\n" + self.app.log_tail()
            time.sleep(0.2)


@pytest.fixture(scope="session")
def fault_stack():
    _skip_or_fail()
    started = time.monotonic()
    postgres = ops.Postgres()
    redis = ops.Redis()
    app = None
    try:
        postgres.init()
        postgres.start()
        postgres.create_database()
        redis.start()
        app = ops.Gunicorn(database_url=postgres.url, redis_url=redis.url)
        app.prepare()
        app.start()
        stack = Stack(postgres, redis, app)
        stack.setup_seconds = time.monotonic() - started
        print(f"\nfault stack ready in {stack.setup_seconds:.1f} s", flush=True)
        yield stack
    finally:
        # Each step on its own, so one failure never leaves the others running.
        try:
            if app is not None:
                app.cleanup()
        finally:
            try:
                redis.cleanup()
            finally:
                postgres.cleanup()


@pytest.fixture
def stack(fault_stack):
    fault_stack.ensure_up()
    yield fault_stack
    if fault_stack.app.process.poll() is not None:
        pytest.fail("gunicorn exited during the test:\n" + fault_stack.app.log_tail())


@pytest.fixture(scope="session")
def sqlite_app(tmp_path_factory):
    """gunicorn on production settings over a SQLite file (the zero-set-up default),
    no Redis: runs in every leg of the test run. Yields (app, database path)."""
    if not (ops.VENV_BIN / "gunicorn").exists():
        pytest.skip("needs gunicorn in the project's virtualenv")
    db_path = tmp_path_factory.mktemp("sqlite-app") / "clinic.sqlite3"
    app = ops.Gunicorn(database_url=f"sqlite:///{db_path}", redis_url="", INTAKE_RATE_LIMIT="1000")
    try:
        app.prepare()
        app.start()
        yield app, db_path
    finally:
        app.cleanup()


def sqlite_fill_steps(client):
    """Answers every step (each GET gives the form's CSRF cookie); returns the key."""
    for slug, data in VALID_STEPS.items():
        assert client.get(f"/intake/{slug}/").status == 200
        response = client.post(f"/intake/{slug}/", data)
        assert response.status == 302, (slug, response.status)
    key = ops.submission_key_in(client.get("/intake/check/").text)
    assert key
    return key
