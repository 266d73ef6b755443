"""The queue's rows as queue.html shows them, worked out in Python: per row the template
otherwise reversed a URL, ran two date filters, called a display method, included the
language badge and built a related manager and queryset for the caution badges, which
cost more than the queue's four queries together (issue 18). Built per request from the
page's intakes, never kept."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import formats, timezone

from intake.models import Intake


@dataclass(frozen=True)
class CautionBadge:
    severity: str  # the badge's CSS class suffix: the stored severity, or "none"
    label: str  # the severity in words, or "Noted" when the caution has none
    title: str


@dataclass(frozen=True)
class QueueRow:
    intake: Intake  # for the language badge include
    url: str
    consultation: str
    submitted: str
    status: str
    cautions: list
    other_language: bool  # the patient's language is not English: show the badge


def queue_rows(intakes):
    return [_row(intake) for intake in intakes]


def _row(intake):
    consultation = intake.consultation_on
    return QueueRow(
        intake=intake,
        url=reverse("review:intake", args=[intake.reference]),
        consultation=(
            formats.date_format(consultation, "DATE_FORMAT") if consultation else "Not booked"
        ),
        submitted=formats.date_format(timezone.localtime(intake.submitted_at), "DATETIME_FORMAT"),
        status=intake.get_status_display(),
        cautions=[
            CautionBadge(
                severity=caution.highest_severity or "none",
                label=caution.get_highest_severity_display() or "Noted",
                title=caution.title,
            )
            # Prefetched with the page (CAUTION_BADGES): no query per row.
            for caution in intake.caution_rows.all()
        ],
        other_language=bool(intake.language) and intake.language != "en",
    )
