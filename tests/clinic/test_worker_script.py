"""`make run` and `make serve` start the task worker beside the server through
scripts/with_worker.sh; the worker sends what is queued and stops with the server.
Runs the real script, worker and database (a SQLite file) in subprocesses."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = str(ROOT / "scripts" / "with_worker.sh")

# Stands in for the server: waits until the worker has sent the queued e-mail.
WAIT_FOR_SEND = """
import time, django
django.setup()
from django_tasks_db.models import DBTaskResult
for _ in range(300):
    if DBTaskResult.objects.filter(status="SUCCESSFUL").exists():
        raise SystemExit(0)
    time.sleep(0.1)
raise SystemExit(1)
"""

QUEUE = """
import django
django.setup()
from clinic.tasks import queue_email
queue_email(to="dr@clinic.test", subject="Started", body="By make run", kind="check")
"""


def test_make_run_names_the_script():
    makefile = (ROOT / "Makefile").read_text()
    run = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.M)[1]
    serve = re.search(r"^serve:.*\n((?:\t.*\n)+)", makefile, re.M)[1]
    assert "scripts/with_worker.sh" in run and "runserver" in run
    assert "scripts/with_worker.sh" in serve and "gunicorn" in serve


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell script")
def test_the_worker_runs_beside_the_server_and_stops_with_it(tmp_path):
    env = {
        **os.environ,
        "ENV_FILE": "",
        "DJANGO_SETTINGS_MODULE": "clinic.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "EMAIL_URL": "consolemail://",
        "PYTHON": sys.executable,
        "WORKER_INTERVAL": "0.2",
    }

    def run(*args, **kwargs):
        return subprocess.run(  # noqa: S603 - fixed programs, test-owned arguments
            args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=240, **kwargs
        )

    assert run(sys.executable, "manage.py", "migrate", "--noinput").returncode == 0
    assert run(sys.executable, "-c", QUEUE).returncode == 0
    done = run(SCRIPT, sys.executable, "-c", WAIT_FOR_SEND)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Subject: Started" in done.stdout  # the console mail backend, in the worker
    worker_pid = int(re.search(r"Task worker started \(pid (\d+)\)", done.stdout)[1])
    with pytest.raises(ProcessLookupError):
        os.kill(worker_pid, 0)  # stopped with the server


def test_a_failing_server_still_stops_the_worker_and_keeps_its_status(tmp_path):
    env = {**os.environ, "ENV_FILE": "", "PYTHON": sys.executable}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'none.sqlite3'}"
    done = subprocess.run(  # noqa: S603 - fixed programs, test-owned arguments
        [SCRIPT, sys.executable, "-c", "raise SystemExit(3)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 3
    worker_pid = int(re.search(r"Task worker started \(pid (\d+)\)", done.stdout)[1])
    with pytest.raises(ProcessLookupError):
        os.kill(worker_pid, 0)
