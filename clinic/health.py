"""The readiness check for the proxy and monitoring: GET /health/.

django-health-check runs each check (the database, the cache, file storage, every
migration applied, and the task queue when one is configured) and this module answers
200 with everything up, or 503 naming what is down, as JSON. Never cached, never a
cookie, nothing about a patient. `/healthz` stays the cheap liveness probe (one
SELECT 1, clinic/views.py).

Reachable only from the proxy's addresses (HEALTH_ALLOWED_ADDRESSES: the peer that
connects, REMOTE_ADDR, never a forwarded header) or with the token (HEALTH_TOKEN) in
`Authorization: Bearer …`, compared in constant time. A token is never read from the
query string, which would put it in access logs; the request log writes no headers.
"""

import dataclasses
import datetime
import hmac
import logging
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from health_check import checks
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from clinic.client_ip import client_ip

logger = logging.getLogger(__name__)

# Migrations found all applied are not looked for again for this long: loading the
# migration graph costs tens of milliseconds, and a process's code cannot change.
MIGRATIONS_RECHECK_SECONDS = 300


def _close_thread_connection():
    """Sync checks run in a worker thread, which opens a connection of its own: close it
    rather than leave one per thread (never one inside a transaction, as in a test)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        connection.close()


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration of this code is applied to the database."""

    alias: str = DEFAULT_DB_ALIAS
    _applied_at = 0.0  # class-wide: one look per process per MIGRATIONS_RECHECK_SECONDS

    def run(self):
        if time.monotonic() - Migrations._applied_at < MIGRATIONS_RECHECK_SECONDS:
            return
        connection = connections[self.alias]
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        finally:
            _close_thread_connection()
        if plan:
            raise ServiceUnavailable(f"{len(plan)} migration(s) not applied")
        Migrations._applied_at = time.monotonic()


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The task queue (django-tasks) answers, and, with the database backend, no
    task has waited longer than HEALTH_TASK_MAX_WAIT_SECONDS (a stopped worker)."""

    alias: str = "default"

    def run(self):
        from django_tasks import task_backends

        backend = task_backends[self.alias]
        if not type(backend).__module__.startswith("django_tasks_db"):
            return
        from django.db.models import Q
        from django.utils import timezone
        from django_tasks_db.models import DBTaskResult, get_date_max

        cutoff = timezone.now() - datetime.timedelta(seconds=settings.HEALTH_TASK_MAX_WAIT_SECONDS)
        # Ready since it was enqueued (no run_after), or since its run_after passed.
        stale = Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff)
        try:
            waiting = DBTaskResult.objects.ready().filter(stale, backend_name=self.alias).exists()
        finally:
            _close_thread_connection()
        if waiting:
            raise ServiceUnavailable("tasks waiting too long (is a worker running?)")


def configured_checks():
    """(name, check) for every part this deployment has."""
    found = [
        ("database", checks.Database()),
        ("cache", checks.Cache(alias="default")),
        ("storage", checks.Storage(alias="default")),
        ("migrations", Migrations()),
    ]
    if getattr(settings, "TASKS", None):
        found.append(("task_queue", TaskQueue()))
    return found


def _from_allowed_address(request):
    """The connecting address is allowed, and so is the client's when the request came
    through the proxy. Behind a proxy every request connects from the proxy's address,
    so that alone would let anyone in; the client's address is the one the proxy put
    in CLIENT_IP_HEADER (clinic.client_ip). A forwarded header alone never lets
    anyone in: the connecting address must be allowed too."""
    addresses = settings.HEALTH_ALLOWED_ADDRESSES
    if request.META.get("REMOTE_ADDR") not in addresses:
        return False
    header = settings.CLIENT_IP_HEADER
    return not (header and request.META.get(header)) or client_ip(request) in addresses


def allowed(request):
    """From one of the allowed addresses, or carrying the token."""
    if _from_allowed_address(request):
        return True
    token = settings.HEALTH_TOKEN
    if not token:
        return False
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        offered.strip().encode(), token.encode()
    )


class ReadinessView(HealthCheckView):
    """django-health-check's runner with the clinic's checks and answer: JSON only,
    503 (not the library's 500) when anything is down, and only the check's name and
    "down" in the answer (the reason goes to the log, for whoever runs the servers)."""

    async def get(self, request, *args, **kwargs):
        named = configured_checks()
        with self.get_executor() as executor:
            results = [await check.get_result(executor) for _, check in named]
        states = {
            name: "down" if result.error else "ok"
            for (name, _), result in zip(named, results, strict=True)
        }
        down = [name for name, state in states.items() if state == "down"]
        for name, result in zip((n for n, _ in named), results, strict=True):
            if result.error:
                logger.warning("health: %s down: %s", name, result.error)
        body = {"status": "down" if down else "ok", "checks": states}
        if down:
            body["down"] = down
        return JsonResponse(body, status=503 if down else 200)


_readiness = ReadinessView.as_view()


async def health(request):
    if not allowed(request):
        response = HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    else:
        response = await _readiness(request)
    add_never_cache_headers(response)
    return response
