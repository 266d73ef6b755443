"""GET /health/ against real outages: gunicorn on production settings in front of a
throwaway PostgreSQL and Redis (the fault tests' stack); each is stopped in turn."""

import json
import time

from tests.ops.test_faults import wait_for


def health(client):
    response = client.get("/health/", timeout=15)
    return response, json.loads(response.text)


def test_health_is_200_with_everything_up(stack):
    response, body = health(stack.client())
    assert response.status == 200, response.text
    assert body["status"] == "ok"
    assert set(body["checks"]) >= {"database", "cache", "storage", "migrations"}
    assert "no-store" in response.headers["Cache-Control"]
    assert not response.headers.get_all("Set-Cookie")


def test_health_names_the_database_when_postgresql_is_stopped(stack):
    client = stack.client()
    stack.postgres.stop()
    try:
        started = time.monotonic()
        response, body = health(client)
        assert response.status == 503, response.text
        assert "database" in body["down"] and body["checks"]["cache"] == "ok"
        assert time.monotonic() - started < 10
        # /healthz, the cheap liveness probe, agrees.
        assert client.get("/healthz").status == 503
    finally:
        stack.postgres.start()
    wait_for(client, "/health/", 200, timeout=20)


def test_health_names_the_cache_when_redis_is_stopped(stack):
    client = stack.client()
    stack.redis.stop()
    try:
        response, body = health(client)
        assert response.status == 503, response.text
        assert body["down"] == ["cache"]
        # The site itself keeps serving without Redis (docs/deployment.md, section 8).
        assert client.get("/healthz").status == 200
    finally:
        stack.redis.start()
    wait_for(client, "/health/", 200, timeout=20)
