"""purge_intakes also prunes old task rows with django-tasks-db's prune_db_task_results:
sent e-mails after TASK_RESULTS_KEEP_DAYS, failed ones only after
TASK_FAILED_RESULTS_KEEP_DAYS (so the clinic manager still sees them), and never a task
that is waiting or running (clinic/task_retention.py)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from clinic.task_retention import task_results_prune

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.TASK_RESULTS_KEEP_DAYS = 7
    settings.TASK_FAILED_RESULTS_KEEP_DAYS = 90


def task_row(name, status, finished_days_ago=None):
    now = timezone.now()
    finished = None if finished_days_ago is None else now - datetime.timedelta(finished_days_ago)
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=f"clinic.tasks.{name}",
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        status=status,
        finished_at=finished,
    )


def kept_names():
    return set(DBTaskResult.objects.values_list("task_path", flat=True))


@pytest.fixture
def task_rows(database_tasks):
    task_row("sent_last_week_and_a_day", "SUCCESSFUL", finished_days_ago=8)
    task_row("sent_yesterday", "SUCCESSFUL", finished_days_ago=1)
    task_row("failed_a_month_ago", "FAILED", finished_days_ago=30)
    task_row("failed_last_year", "FAILED", finished_days_ago=100)
    task_row("waiting", "READY")
    task_row("sending", "RUNNING")


def test_the_daily_purge_prunes_old_finished_tasks_and_keeps_failures_for_the_manager(task_rows):
    out = io.StringIO()
    call_command("purge_intakes", stdout=out)
    assert kept_names() == {
        f"clinic.tasks.{name}"
        for name in ("sent_yesterday", "failed_a_month_ago", "waiting", "sending")
    }
    assert "failed ones are kept 90 days" in out.getvalue()


def test_a_dry_run_prunes_nothing(task_rows):
    call_command("purge_intakes", "--dry-run", stdout=io.StringIO())
    assert DBTaskResult.objects.count() == 6


def test_the_failed_retention_is_a_setting(task_rows, settings):
    settings.TASK_FAILED_RESULTS_KEEP_DAYS = 14
    assert task_results_prune(stdout=io.StringIO())
    assert "clinic.tasks.failed_a_month_ago" not in kept_names()
    assert "clinic.tasks.sent_yesterday" in kept_names()


def test_without_a_database_task_backend_there_is_nothing_to_prune(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert task_results_prune() is False
    out = io.StringIO()
    call_command("purge_intakes", stdout=out)
    assert "Task results" not in out.getvalue()
