"""E-mail through Django's tasks framework, with retries (docs/deployment.md, "The worker").

django-tasks is the backport of Django 6's `django.tasks`: on Django 6 the import
below becomes `from django.tasks import task` and nothing else changes. The database
backend (django-tasks-db) keeps the queue in the app's own database and the
`db_worker` command runs it, so no new service is needed.

The framework has no retries of its own, so a send that fails enqueues the same task
again with `run_after` (EMAIL_RETRY_DELAYS_SECONDS) and the next attempt number; after
the last delay the task fails with `EmailNotSent`, which the admin's "Task results"
list shows. Logs and the stored failure name the kind of e-mail, a reference and the
error's type: never an address, a body or a link.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


class EmailNotSent(Exception):
    """The last attempt failed too: the task is recorded as failed."""


def retry_delay(attempt):
    """How long to wait after failed attempt `attempt` (1-based), or None after the last."""
    delays = settings.EMAIL_RETRY_DELAYS_SECONDS
    if attempt > len(delays):
        return None
    return datetime.timedelta(seconds=delays[attempt - 1])


def email_deliver(*, message, kind, reference, attempt, retry_task, retry_kwargs):
    """Sends `message` once. On failure, enqueues `retry_task(**retry_kwargs,
    attempt=attempt + 1)` after the back-off and returns a summary for the task
    result; after the last attempt raises EmailNotSent. Returns None when sent."""
    try:
        if not message.send():
            raise EmailNotSent("the mail backend accepted no message")
    except Exception as error:  # noqa: BLE001 - SMTP errors, refusals and timeouts alike
        failure = type(error).__name__
        delay = retry_delay(attempt)
        if delay is None:
            logger.error(
                "%s e-mail %s: not sent after %d attempts (%s)", kind, reference, attempt, failure
            )
            # `from None`: the stored traceback must not carry the SMTP error's text,
            # which can name the recipient.
            raise EmailNotSent(
                f"{kind} e-mail {reference}: not sent after {attempt} attempts ({failure})"
            ) from None
        logger.warning(
            "%s e-mail %s: attempt %d not sent (%s); trying again in %ds",
            kind,
            reference,
            attempt,
            failure,
            delay.total_seconds(),
        )
        next_task = retry_task
        if retry_task.get_backend().supports_defer:
            next_task = retry_task.using(run_after=timezone.now() + delay)
        next_task.enqueue(**retry_kwargs, attempt=attempt + 1)
        return {"sent": False, "attempt": attempt, "error": failure, "retry_in": delay.seconds}
    return None


@task(takes_context=True)
def send_email(context, *, to, subject, body, kind, reference="", secret=False, attempt=1):
    """One e-mail, tried again with back-off until it goes or the attempts run out. A
    `secret` one (it holds a sign-in or resume link) has its address and body wiped
    from this task's row once this attempt is over, so the link does not outlive the
    send in the database; a retry carries its own copy."""
    message = EmailMessage(
        subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    try:
        retry = email_deliver(
            message=message,
            kind=kind,
            reference=reference,
            attempt=attempt,
            retry_task=send_email,
            retry_kwargs={
                "to": to,
                "subject": subject,
                "body": body,
                "kind": kind,
                "reference": reference,
                "secret": secret,
            },
        )
    finally:
        if secret:
            _forget_message(context.task_result.id, kind=kind, reference=reference, attempt=attempt)
    return retry or {"sent": True, "attempt": attempt}


def _forget_message(result_id, **kept):
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=result_id).update(
        args_kwargs={"args": [], "kwargs": {**kept, "secret": True, "forgotten": True}}
    )


def after_commit(enqueue, **kwargs):
    """Enqueues once the surrounding transaction commits (at once outside one), so a
    rolled-back save sends nothing, and a queue that cannot be reached is logged,
    never raised into the request: what was saved stays saved."""

    def enqueue_after_commit():  # a function, not a partial: robust on_commit logs its name
        enqueue(**kwargs)

    transaction.on_commit(enqueue_after_commit, robust=True)


def queue_email(*, to, subject, body, kind, reference="", secret=False):
    """Queues one plain-text e-mail from DEFAULT_FROM_EMAIL, sent by the worker after
    the current transaction commits, with retries.

    `to` is an address or a list of them; `kind` (e.g. "resume-link") and `reference`
    (e.g. an intake reference) name it in logs and in the admin's task list, so put
    no address, token or health detail in them. The body is stored in the task table
    until the worker has tried it (the admin never shows it); pass `secret=True` when
    it holds a link that signs in or opens answers, and it is wiped after each attempt."""
    to = [to] if isinstance(to, str) else list(to)
    after_commit(
        send_email.enqueue,
        to=to,
        subject=subject,
        body=body,
        kind=kind,
        reference=reference,
        secret=secret,
    )
