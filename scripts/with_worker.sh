#!/bin/sh
# Runs the task worker (manage.py task_worker: db_worker at a lower CPU priority) in the background and the given command
# (the web server) in the foreground, so one command starts everything; when the
# server stops, for any reason, the worker is stopped too (it finishes the task it
# is running first). Used by `make run` and `make serve`.
#   scripts/with_worker.sh .venv/bin/python manage.py runserver 127.0.0.1:8000
set -eu
PYTHON="${PYTHON:-.venv/bin/python}"
# No autoreload: its child would outlive a stopped parent. Restart after changing tasks.
"$PYTHON" manage.py task_worker --no-reload --interval "${WORKER_INTERVAL:-1}" &
worker=$!
stop_worker() {
    kill -TERM "$worker" 2>/dev/null || true
    wait "$worker" 2>/dev/null || true
}
trap stop_worker EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
echo "Task worker started (pid $worker)."
status=0
"$@" || status=$?
exit "$status"
