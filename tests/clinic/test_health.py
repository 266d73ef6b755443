"""GET /health/: django-health-check's readiness for the proxy and monitoring.
200 with everything up, 503 naming what is down; only from the proxy's addresses or
with the token; never cached; the token never reaches a log. The real outages (a
stopped PostgreSQL, a stopped Redis) are in tests/ops/test_health_faults.py."""

import datetime
import logging

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from clinic import health

pytestmark = pytest.mark.django_db

TOKEN = "health-token-for-tests-0123456789abcdef"  # noqa: S105 - a test value


@pytest.fixture(autouse=True)
def _health(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.HEALTH_ALLOWED_ADDRESSES = ["127.0.0.1"]
    settings.HEALTH_TOKEN = TOKEN
    monkeypatch.setattr(health.Migrations, "_applied_at", 0.0)


def test_everything_up_answers_200_with_each_check_and_is_never_cached(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "status": "ok",
        "checks": {
            "database": "ok",
            "cache": "ok",
            "storage": "ok",
            "migrations": "ok",
            "task_queue": "ok",
        },
    }
    assert "no-store" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_other_addresses_are_refused_without_the_token(client):
    response = client.get("/health/", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 403
    assert "database" not in response.content.decode()


def test_a_forwarded_address_does_not_count(client, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    response = client.get("/health/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.status_code == 403


def test_behind_the_proxy_the_clients_address_counts_not_the_proxys(client, settings):
    # nginx on the same host: every request connects from 127.0.0.1, and the proxy puts
    # the real client's address in X-Forwarded-For. Only a local client gets in.
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    outside = client.get("/health/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert outside.status_code == 403
    forged = client.get(
        "/health/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1, 203.0.113.5"
    )
    assert forged.status_code == 403
    local = client.get("/health/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert local.status_code == 200
    # A monitor on the host that asks gunicorn directly sends no forwarded header.
    assert client.get("/health/", REMOTE_ADDR="127.0.0.1").status_code == 200
    token = client.get(
        "/health/",
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        HTTP_AUTHORIZATION=f"Bearer {TOKEN}",
    )
    assert token.status_code == 200


def test_the_token_lets_a_monitor_in_from_anywhere(client):
    response = client.get(
        "/health/", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION=f"Bearer {TOKEN}"
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "header", [f"Bearer {TOKEN}x", f"Basic {TOKEN}", "Bearer ", TOKEN, f"Bearer {TOKEN[:-1]}"]
)
def test_a_wrong_token_is_refused(client, header):
    response = client.get("/health/", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION=header)
    assert response.status_code == 403


def test_no_token_set_means_addresses_only(client, settings):
    settings.HEALTH_TOKEN = ""
    response = client.get("/health/", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION="Bearer ")
    assert response.status_code == 403


def test_a_token_in_the_query_string_is_not_accepted(client):
    response = client.get(f"/health/?token={TOKEN}", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 403


def test_the_token_never_reaches_a_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/health/", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    client.get("/health/", REMOTE_ADDR="203.0.113.7", HTTP_AUTHORIZATION=f"Bearer {TOKEN}x")
    assert caplog.records  # the request log wrote something
    for record in caplog.records:
        assert TOKEN not in record.getMessage()
        assert TOKEN not in str(record.__dict__)


def test_unapplied_migrations_answer_503_naming_them(client, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("x", False)])
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "down" and body["down"] == ["migrations"]
    assert body["checks"]["database"] == "ok"


def test_a_dead_cache_answers_503_naming_it(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["down"] == ["cache"]
    assert "127.0.0.1:1" not in response.content.decode()  # no internals in the answer


@pytest.mark.parametrize("scheduled", [False, True])
def test_a_task_waiting_too_long_means_the_task_queue_is_down(settings, scheduled):
    """django-tasks-db: a task ready for longer than HEALTH_TASK_MAX_WAIT_SECONDS means
    no worker is taking tasks. A retry scheduled for later is not waiting. (The check
    itself, in this thread: the view runs it in a worker thread with a connection of
    its own, which cannot see this test's uncommitted row.)"""
    from django_tasks_db.models import DBTaskResult, get_date_max
    from health_check.exceptions import ServiceUnavailable

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTH_TASK_MAX_WAIT_SECONDS = 60
    now = timezone.now()
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="clinic.tasks.send_email",
        backend_name="default",
        run_after=now + datetime.timedelta(minutes=10) if scheduled else get_date_max(),
    )
    health.TaskQueue().run()  # just enqueued: fine
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=now - datetime.timedelta(minutes=5))
    if scheduled:
        health.TaskQueue().run()  # waiting for its time, not for a worker
        past = now - datetime.timedelta(minutes=2)
        DBTaskResult.objects.filter(pk=task.pk).update(run_after=past)
    with pytest.raises(ServiceUnavailable, match="waiting too long"):
        health.TaskQueue().run()


def test_a_down_task_queue_is_named(client, monkeypatch):
    from health_check.exceptions import ServiceUnavailable

    def down(self):
        raise ServiceUnavailable("tasks waiting too long")

    monkeypatch.setattr(health.TaskQueue, "run", down)
    response = client.get("/health/")
    assert response.status_code == 503 and response.json()["down"] == ["task_queue"]


def test_without_a_task_queue_there_is_no_such_check(client, settings):
    del settings.TASKS
    assert "task_queue" not in client.get("/health/").json()["checks"]
