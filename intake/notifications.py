"""What the clinic's staff are told when intakes arrive (docs/deployment.md, "Staff
notifications"): who is told, the digest windows and the words of each e-mail.

Staff e-mails carry references and links only: never a name, an answer or a caution,
because e-mail leaves the clinic's systems. The link opens the review page, which asks
for a sign-in and records the view.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from education.levels import Severity
from intake.models import IntakeCaution

REVIEW_PERMISSION = "intake.review_intake"


def digest_window(moment, *, minutes):
    """The [start, end) window of `minutes` holding `moment`, aligned to the clock
    (UTC epoch), so every process agrees on it without asking the others."""
    seconds = minutes * 60
    start_ts = int(moment.timestamp()) // seconds * seconds
    start = datetime.datetime.fromtimestamp(start_ts, tz=datetime.UTC)
    return start, start + datetime.timedelta(seconds=seconds)


def urgent_recipients():
    """Everyone who reviews intakes (the Dermatologists group or a direct grant), active
    and with an address. Managers, who can do everything, are not on the list unless
    given the permission themselves."""
    users = get_user_model().objects.with_perm(
        REVIEW_PERMISSION,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return users.exclude(email="").order_by("pk")


def digest_recipients():
    """As urgent_recipients, less those who turned digests off."""
    return urgent_recipients().exclude(notification_preference__digest_enabled=False)


def intake_is_urgent(intake_id):
    return IntakeCaution.objects.filter(
        intake_id=intake_id, highest_severity=Severity.URGENT
    ).exists()


def review_link(reference):
    return settings.SITE_URL.rstrip("/") + reverse("review:intake", args=[reference])


def urgent_message(reference):
    """(subject, body) of the e-mail sent at once for an intake with an urgent caution."""
    subject = f"An intake needs attention today: {reference}"
    body = render_to_string(
        "intake/email/staff_urgent.txt",
        {
            "reference": reference,
            "link": review_link(reference),
            "clinic_name": settings.CLINIC_NAME,
        },
    )
    return subject, body


def digest_message(references, *, window_start, window_end):
    """(subject, body) of one digest: the references of the window's new intakes."""
    count = len(references)
    noun = "intake" if count == 1 else "intakes"
    local_start = timezone.localtime(window_start)
    local_end = timezone.localtime(window_end)
    subject = f"{count} new {noun} ({local_start:%-d %b %H:%M}–{local_end:%H:%M})"
    body = render_to_string(
        "intake/email/staff_digest.txt",
        {
            "intakes": [(reference, review_link(reference)) for reference in references],
            "count": count,
            "noun": noun,
            "window_start": local_start,
            "window_end": local_end,
            "queue_link": settings.SITE_URL.rstrip("/") + reverse("review:queue"),
            "preferences_link": settings.SITE_URL.rstrip("/") + reverse("notification_settings"),
            "clinic_name": settings.CLINIC_NAME,
        },
    )
    return subject, body
