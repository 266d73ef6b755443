"""Background work for a submitted intake: the patient's confirmation e-mail and the
staff notifications (intake/notifications.py), run by the worker (clinic/tasks.py).

The submit only queues them, after its transaction commits: it never waits for a mail
server, and nothing that fails here can undo or lose the saved intake.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from clinic.models import StaffDigest
from clinic.tasks import after_commit, email_deliver, queue_email, retry_delay
from intake import notifications
from intake.models import Intake

logger = logging.getLogger(__name__)


def intake_submitted_queue(*, intake, site_url):
    """Queues, once the submit commits, the one task that sends the staff notifications
    and the confirmation e-mail (when the patient gave an address). `site_url`
    ("https://host/") is put in front of the guide link. Call it for a newly saved
    intake only."""
    after_commit(intake_submitted.enqueue, intake_id=intake.pk, site_url=site_url)


@task()
def intake_submitted(*, intake_id, site_url):
    """What a new intake sets off, as one task: one row to insert in the submit and one
    for the worker to claim, not two. The staff notifications, then the confirmation's
    first attempt; a confirmation that fails is tried again as its own task
    (send_intake_confirmation), so its retries and the admin's "Send again" are those of
    any e-mail. Each part runs even when the other fails; a failure fails the task, so
    the clinic manager sees it."""
    results, failures = {}, []
    for name, part, kwargs in (
        ("staff", notify_staff_of_intake, {"intake_id": intake_id}),
        ("confirmation", send_intake_confirmation, {"intake_id": intake_id, "site_url": site_url}),
    ):
        try:
            if name == "confirmation" and retry_delay(1) is None:
                # No retries configured: the first attempt is also the last, and a last
                # failure must be a failed confirmation task, which the admin can "Send
                # again", not a failed intake_submitted, which it cannot.
                results[name] = {"queued": str(part.enqueue(**kwargs).id)}
                continue
            results[name] = part.call(**kwargs)
        except Exception as error:  # noqa: BLE001 - logged here, raised below
            logger.exception("intake %s: %s after the submit failed", intake_id, name)
            failures.append(f"{name}: {type(error).__name__}")
    if failures:
        raise IntakeFollowUpFailed("; ".join(failures))
    return results


class IntakeFollowUpFailed(Exception):
    """A part of intake_submitted failed (named, without its details: those are logged)."""


def confirmation_message(intake, *, site_url):
    """The confirmation: the guide link and reference, no health details. The guide's
    token is derived again here from the submission key, so it is never stored in the
    task table."""
    from intake.services import guide_token_for

    token = guide_token_for(intake.submission_key)
    # In the patient's language, also from the worker (no request, so no active language):
    # the words, and the link under /es/ for Spanish.
    with translation.override(intake.language or settings.LANGUAGE_CODE):
        guide_link = site_url.rstrip("/") + reverse("intake:guide", kwargs={"token": token})
        body = render_to_string(
            "intake/email/confirmation.txt",
            {"intake": intake, "guide_link": guide_link, "clinic_name": settings.CLINIC_NAME},
        )
        subject = _("Your answers reached %(clinic)s (reference %(reference)s)") % {
            "clinic": settings.CLINIC_NAME,
            "reference": intake.reference,
        }
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[intake.email],
    )


@task()
def send_intake_confirmation(*, intake_id, site_url, attempt=1):
    """Sends the confirmation, with retries, and records when the mail server took it
    (the guide and the review page read `confirmation_sent_at`)."""
    intake = Intake.objects.filter(pk=intake_id).first()
    if intake is None or not intake.email or intake.confirmation_sent_at:
        return {"sent": False, "skipped": True}  # purged, no address, or already sent
    retry = email_deliver(
        message=confirmation_message(intake, site_url=site_url),
        kind="confirmation",
        reference=intake.reference,
        attempt=attempt,
        retry_task=send_intake_confirmation,
        retry_kwargs={"intake_id": intake_id, "site_url": site_url},
    )
    if retry:
        return retry
    Intake.objects.filter(pk=intake_id).update(confirmation_sent_at=timezone.now())
    return {"sent": True, "attempt": attempt}


@task()
def notify_staff_of_intake(*, intake_id):
    """An urgent intake is e-mailed to the dermatologists at once; every intake makes
    sure its digest window is scheduled."""
    intake = Intake.objects.filter(pk=intake_id).only("reference", "submitted_at").first()
    if intake is None:
        return {"skipped": True}
    urgent = notifications.intake_is_urgent(intake_id)
    if urgent:
        subject, body = notifications.urgent_message(intake.reference)
        for user in notifications.urgent_recipients():
            queue_email(
                to=user.email, subject=subject, body=body, kind="urgent", reference=intake.reference
            )
    staff_digest_schedule(moment=intake.submitted_at)
    return {"urgent": urgent}


def staff_digest_schedule(*, moment):
    """Creates the digest row of the window holding `moment` and, the first time,
    enqueues its task for the window's end. A backend that cannot defer (the tests'
    immediate one) leaves the row to `send_staff_digests`."""
    start, end = notifications.digest_window(moment, minutes=settings.STAFF_DIGEST_MINUTES)
    try:
        with transaction.atomic():
            digest, created = StaffDigest.objects.get_or_create(
                window_start=start, defaults={"window_end": end}
            )
    except IntegrityError:  # another worker created it first: that one schedules it
        return None
    if created and send_staff_digest.get_backend().supports_defer:
        send_staff_digest.using(run_after=end).enqueue(digest_id=digest.pk)
    return digest


@task()
def send_staff_digest(*, digest_id):
    """Sends every digest whose window has closed and that has not gone yet (this one,
    and any whose own task was lost), one e-mail per recipient."""
    del digest_id  # the sweep below covers it
    return {"sent": staff_digests_send_due(now=timezone.now())}


def staff_digests_send_due(*, now):
    """Sends the due digests; returns how many. Each is claimed under a row lock and
    marked sent in the same transaction as its e-mails are queued, so two workers (or
    the command and a worker) never send a window twice."""
    sent = 0
    due = StaffDigest.objects.filter(sent_at__isnull=True, window_end__lte=now)
    for digest_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            digest = (
                StaffDigest.objects.select_for_update()
                .filter(pk=digest_id, sent_at__isnull=True)
                .first()
            )
            if digest is None:
                continue
            references = list(
                Intake.objects.filter(
                    submitted_at__gte=digest.window_start, submitted_at__lt=digest.window_end
                )
                .order_by("submitted_at")
                .values_list("reference", flat=True)
            )
            recipients = list(notifications.digest_recipients().values_list("email", flat=True))
            if references:
                subject, body = notifications.digest_message(
                    references, window_start=digest.window_start, window_end=digest.window_end
                )
                label = f"{digest.window_start:%Y-%m-%dT%H:%MZ}"
                for address in recipients:
                    queue_email(
                        to=address, subject=subject, body=body, kind="digest", reference=label
                    )
            digest.sent_at = now
            digest.intake_count = len(references)
            digest.recipient_count = len(recipients) if references else 0
            digest.save(update_fields=["sent_at", "intake_count", "recipient_count"])
            sent += 1
    return sent
