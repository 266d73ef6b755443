"""Old task rows are pruned by django-tasks-db's own `prune_db_task_results`, run from the
daily `purge_intakes`: finished e-mails after TASK_RESULTS_KEEP_DAYS, failed ones only after
TASK_FAILED_RESULTS_KEEP_DAYS, so the clinic manager still finds them under "E-mails that
could not be sent" (docs/deployment.md, section 3b). Waiting and running tasks are never
touched: the package prunes finished results only."""

from django.conf import settings
from django.core.management import call_command
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend


def task_results_prune(*, dry_run=False, stdout=None, verbosity=1):
    """Prunes old finished task results of every queue; returns False when the task
    backend keeps no rows (the immediate backend in tests and the bench), so there is
    nothing to prune."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return False
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=settings.TASK_RESULTS_KEEP_DAYS,
        failed_min_age_days=settings.TASK_FAILED_RESULTS_KEEP_DAYS,
        dry_run=dry_run,
        verbosity=verbosity,
        stdout=stdout,
    )
    return True
