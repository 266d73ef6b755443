"""The task worker runs below the web server's CPU priority (TASK_WORKER_NICE), so a
patient's page is never slowed by an e-mail being rendered; and every launcher starts
that command, not django-tasks-db's plain db_worker."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from clinic.management.commands import task_worker
from tests.clinic.worker_signals import signals_restored

ROOT = Path(__file__).resolve().parents[2]
PRINT_NICENESS = (
    "import django; django.setup(); "
    "from clinic.management.commands.task_worker import lower_priority; "
    "import sys; print(lower_priority(int(sys.argv[1])))"
)
posix_only = pytest.mark.skipif(not hasattr(os, "getpriority"), reason="no CPU priorities")


def niceness_after(target, *, started_at=0):
    """lower_priority(target) in a child process started at niceness `started_at` (the
    test process itself must keep its priority)."""
    command = [sys.executable, "-c", PRINT_NICENESS, str(target)]
    if started_at:
        command = ["nice", "-n", str(started_at), *command]
    done = subprocess.run(  # noqa: S603 - fixed programs, test-owned arguments
        command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    return int(done.stdout)


@posix_only
def test_the_worker_lowers_its_own_priority():
    # From this process's niceness (0 unless the tests themselves run under nice).
    assert niceness_after(10) == max(10, os.getpriority(os.PRIO_PROCESS, 0))


@posix_only
def test_a_worker_started_lower_stays_there():
    assert niceness_after(10, started_at=15) == 15


def test_the_command_sets_the_priority_then_runs_db_worker(settings, monkeypatch, transactional_db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_WORKER_NICE = 7
    asked = []
    monkeypatch.setattr(task_worker, "lower_priority", asked.append)
    with signals_restored():
        call_command(
            "task_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
        )
    assert asked == [7]


@pytest.mark.parametrize(
    "path", ["scripts/with_worker.sh", "bench/server.py", "docs/deployment.md"]
)
def test_every_launcher_starts_the_niced_command(path):
    text = (ROOT / path).read_text()
    assert "task_worker" in text
    assert not re.search(r"manage\.py\"?,? \"?db_worker", text), path
