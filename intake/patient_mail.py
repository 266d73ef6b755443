"""The one place the draft e-mails leave the app. Until the task queue's API
(notes: tasks-api.md) is on main this sends through Django's mail helper; moving to
the queue is a change to this function only."""

import logging

from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger(__name__)


def patient_email_send(*, subject, body, to, reference):
    """Returns True when the mail was handed on. Never raises for a mail failure
    (logged by reference and error type, never the address or the body)."""
    try:
        sent = send_mail(
            subject=subject,
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[to],
        )
    except Exception as error:  # noqa: BLE001 - SMTP errors, refusals and timeouts alike
        logger.warning("draft %s: e-mail not sent (%s)", reference, type(error).__name__)
        return False
    return bool(sent)
