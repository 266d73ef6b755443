"""`manage.py task_worker`: django-tasks-db's `db_worker`, run at a lower CPU priority.

The worker renders and sends e-mails on the same machine as the web server. Patients
waiting on a page come first: with the niceness of TASK_WORKER_NICE (settings) the
kernel gives the web workers the CPU whenever both want it, and the worker takes what
is left (an e-mail still goes out within seconds of a busy minute ending). `make run`,
`make serve`, the systemd unit (docs/deployment.md) and `make bench` all start this
command, so the priority is set in one place. Every option is db_worker's.
"""

import os

from django.conf import settings
from django_tasks_db.management.commands import db_worker


def lower_priority(niceness):
    """Raises this process's niceness to `niceness` (never lowers it: a worker started
    under `nice` stays there). Returns the niceness it runs at, or None where the
    platform has no priorities to set (Windows)."""
    if not hasattr(os, "getpriority"):
        return None
    current = os.getpriority(os.PRIO_PROCESS, 0)
    if niceness > current:
        os.setpriority(os.PRIO_PROCESS, 0, niceness)
    return os.getpriority(os.PRIO_PROCESS, 0)


class Command(db_worker.Command):
    help = "Runs the task worker (db_worker) at the niceness of TASK_WORKER_NICE."

    def handle(self, *args, **options):
        lower_priority(settings.TASK_WORKER_NICE)
        return super().handle(*args, **options)
