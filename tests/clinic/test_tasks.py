"""The task queue with its real database backend and worker (clinic/tasks.py): the
worker sends, a mail server failure is tried again after the back-off, the last
failure is recorded for the manager, and an intake is never lost to a mail server.

These tests commit (transaction=True), as the worker needs: it reads what the
request committed. Run them on SQLite and PostgreSQL (DATABASE_URL=postgres://…)."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clinic.tasks import queue_email
from intake.models import Intake
from tests.clinic.worker_signals import signals_restored
from tests.intake.answers import VALID_STEPS, fill_all_steps, submission_key

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class FailingSMTP(EmailBackend):
    """A mail server that drops the connection for the first `failures` sends, then
    takes messages as the in-memory backend does."""

    failures = 0

    def send_messages(self, messages):
        if FailingSMTP.failures:
            FailingSMTP.failures -= 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed: zoe@example.org")
        return super().send_messages(messages)


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_BACKEND
    settings.EMAIL_BACKEND = "tests.clinic.test_tasks.FailingSMTP"
    FailingSMTP.failures = 0
    mail.outbox = []
    return settings


@pytest.fixture
def run_worker():
    """Runs `manage.py db_worker --batch`: every ready task, then it exits. The
    command sets its own signal handlers; the test run's are put back."""

    def run():
        with signals_restored():
            call_command(
                "db_worker", batch=True, interval=0, startup_delay=False, reload=False, verbosity=0
            )

    return run


def submit(client):
    return client.post("/intake/check/", {"submission_key": submission_key(client), "website": ""})


def time_passes():
    """The back-off has run out: every waiting task is due now."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


def queue_one(**overrides):
    fields = {"to": "dr@clinic.test", "subject": "Hello", "body": "Body", "kind": "test"}
    with transaction.atomic():
        queue_email(**{**fields, **overrides})


def test_the_worker_sends_what_was_queued(database_queue, run_worker):
    queue_one(reference="REF-1")
    [result] = DBTaskResult.objects.all()
    assert result.status == "READY" and mail.outbox == []  # queued, not sent in the request
    run_worker()
    result.refresh_from_db()
    assert result.status == "SUCCESSFUL"
    assert [m.to for m in mail.outbox] == [["dr@clinic.test"]]
    assert mail.outbox[0].subject == "Hello"


def test_a_rolled_back_transaction_queues_nothing(database_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to="dr@clinic.test", subject="s", body="b", kind="test")
        raise RuntimeError
    assert not DBTaskResult.objects.exists()


def test_a_mail_server_failure_is_tried_again_after_the_back_off(database_queue, run_worker):
    FailingSMTP.failures = 1
    queue_one()
    before = timezone.now()
    run_worker()
    first, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert first.status == "SUCCESSFUL"
    assert first.return_value == {
        "sent": False,
        "attempt": 1,
        "error": "SMTPServerDisconnected",
        "retry_in": 60,
    }
    assert retry.status == "READY" and retry.args_kwargs["kwargs"]["attempt"] == 2
    wait = retry.run_after - before
    assert datetime.timedelta(seconds=59) < wait < datetime.timedelta(seconds=70)
    run_worker()  # not due yet: nothing is sent
    assert mail.outbox == [] and DBTaskResult.objects.get(pk=retry.pk).status == "READY"
    time_passes()
    run_worker()
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    assert len(mail.outbox) == 1


def test_the_last_failure_is_recorded_without_the_address(database_queue, run_worker):
    database_queue.EMAIL_RETRY_DELAYS_SECONDS = [1, 1]
    FailingSMTP.failures = 10
    queue_one(reference="REF-9")
    for _ in range(3):
        run_worker()
        time_passes()
    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [r.status for r in results] == ["SUCCESSFUL", "SUCCESSFUL", "FAILED"]
    failed = results[-1]
    assert failed.exception_class_path == "clinic.tasks.EmailNotSent"
    assert "test e-mail REF-9: not sent after 3 attempts (SMTPServerDisconnected)" in (
        failed.traceback
    )
    assert "zoe@example.org" not in failed.traceback and "dr@clinic.test" not in failed.traceback
    assert mail.outbox == []
    assert not DBTaskResult.objects.filter(status="READY").exists()  # it stops


def test_a_secret_email_forgets_its_link_once_tried(database_queue, run_worker):
    queue_one(body="Your link: https://c.test/accounts/invitation/SECRET/", secret=True)
    run_worker()
    [result] = DBTaskResult.objects.all()
    assert "SECRET" in mail.outbox[0].body
    assert "SECRET" not in str(result.args_kwargs) and "dr@clinic.test" not in str(
        result.args_kwargs
    )
    assert result.args_kwargs["kwargs"]["kind"] == "test"


def test_the_mail_server_down_never_loses_an_intake(
    client, clinic_content, database_queue, run_worker
):
    """The submit only queues the e-mail: with the mail server failing, the intake is
    saved, the patient reaches the guide, and the e-mail goes once the server is back."""
    FailingSMTP.failures = 1
    fill_all_steps(client)
    response = submit(client)
    assert response.status_code == 302 and response["Location"].startswith("/intake/guide/")
    intake = Intake.objects.get()
    assert intake.confirmation_sent_at is None
    assert "We are emailing it to you" in client.get(response["Location"]).content.decode()
    run_worker()  # the confirmation fails; the staff task schedules the digest
    assert Intake.objects.filter(pk=intake.pk).exists()
    assert Intake.objects.get().confirmation_sent_at is None
    time_passes()
    run_worker()
    intake.refresh_from_db()
    assert intake.confirmation_sent_at is not None
    [confirmation] = [m for m in mail.outbox if m.to == [VALID_STEPS["about-you"]["email"]]]
    assert response["Location"] in confirmation.body
    assert "We also emailed it to you." in client.get(response["Location"]).content.decode()


def test_a_queue_that_cannot_be_reached_never_undoes_the_submit(
    client, clinic_content, database_queue, monkeypatch
):
    def queue_down(*args, **kwargs):
        raise ConnectionError("task table unavailable")

    monkeypatch.setattr(DBTaskResult.objects, "create", queue_down)
    fill_all_steps(client)
    response = submit(client)
    assert response.status_code == 302 and response["Location"].startswith("/intake/guide/")
    assert Intake.objects.count() == 1


def test_a_submit_queues_one_task_for_the_staff_and_the_confirmation(
    client, clinic_content, database_queue, run_worker
):
    fill_all_steps(client)
    submit(client)
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "intake.tasks.intake_submitted"
    ]
    run_worker()
    assert Intake.objects.get().confirmation_sent_at is not None
    assert [m.to for m in mail.outbox] == [[VALID_STEPS["about-you"]["email"]]]
    assert (
        DBTaskResult.objects.get(task_path="intake.tasks.intake_submitted").status == "SUCCESSFUL"
    )


def test_a_failing_part_of_the_follow_up_does_not_stop_the_other(
    client, clinic_content, database_queue, run_worker, monkeypatch, caplog
):
    from types import SimpleNamespace

    from intake import tasks as intake_tasks

    def staff_down(**kwargs):
        raise RuntimeError("digest table locked")

    monkeypatch.setattr(intake_tasks, "notify_staff_of_intake", SimpleNamespace(call=staff_down))
    fill_all_steps(client)
    submit(client)
    run_worker()
    assert Intake.objects.get().confirmation_sent_at is not None  # still sent
    result = DBTaskResult.objects.get(task_path="intake.tasks.intake_submitted")
    assert result.status == "FAILED"
    assert "staff: RuntimeError" in result.traceback
    assert "digest table locked" not in result.traceback  # details only in the log


def test_with_no_retries_a_failed_confirmation_can_be_sent_again(
    client, clinic_content, database_queue, run_worker
):
    """EMAIL_RETRY_DELAYS_SECONDS empty: the first attempt is the last. Its failure is a
    failed confirmation task, which "Send again" covers, and the staff part still ran."""
    from clinic.task_admin import EMAIL_TASKS

    database_queue.EMAIL_RETRY_DELAYS_SECONDS = []
    FailingSMTP.failures = 1
    fill_all_steps(client)
    submit(client)
    run_worker()
    follow_up = DBTaskResult.objects.get(task_path="intake.tasks.intake_submitted")
    assert follow_up.status == "SUCCESSFUL"
    confirmation = DBTaskResult.objects.get(task_path="intake.tasks.send_intake_confirmation")
    assert confirmation.status == "FAILED" and confirmation.task_path in EMAIL_TASKS
    assert "not sent after 1 attempts" in confirmation.traceback
    assert Intake.objects.get().confirmation_sent_at is None
