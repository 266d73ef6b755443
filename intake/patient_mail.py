"""The one place the draft e-mails leave the app: through the task queue
(clinic/tasks.py), so the patient never waits for the mail server and a failed send
is tried again by the worker."""

from clinic.tasks import queue_email


def patient_email_send(*, subject, body, to, reference):
    """Queues the e-mail once the current transaction commits and returns True. The
    body holds a resume link, so it is queued as a secret: its task row forgets the
    address and body once tried. Failures are logged by the worker by reference and
    error type, never the address or the body."""
    queue_email(
        to=to, subject=subject, body=body, kind="resume-link", reference=reference, secret=True
    )
    return True
