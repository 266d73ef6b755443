"""Reads for the review workspace: the queue, one intake as the dermatologist
reads it, and who looked at it."""

import datetime

from django.db.models import Case, DateField, F, Prefetch, Q, When
from django.utils import timezone

from intake.models import (
    STATUS_ORDER,
    AuditAction,
    AuditEvent,
    Intake,
    IntakeCaution,
    IntakeStatus,
)

# "Consultation soon": booked for today or the next SOON_DAYS days.
SOON_DAYS = 3


def queue_order(queryset, *, today):
    """The queue's order (docs/review.md): upcoming consultations first, soonest first;
    then every intake without an upcoming date (none given, or already past) new first,
    then in review, then reviewed, oldest first within a status. Ties by id."""
    upcoming_on = Case(
        When(consultation_on__gte=today, then=F("consultation_on")),
        default=None,
        output_field=DateField(),
    )
    return queryset.annotate(upcoming_on=upcoming_on, status_order=STATUS_ORDER).order_by(
        F("upcoming_on").asc(nulls_last=True), "status_order", "submitted_at", "pk"
    )


def consultation_soon(queryset, *, today):
    """Intakes with a consultation from today to SOON_DAYS days on, not yet reviewed."""
    return queryset.filter(
        consultation_on__gte=today,
        consultation_on__lte=today + datetime.timedelta(days=SOON_DAYS),
    ).exclude(status=IntakeStatus.REVIEWED)


def review_queue(*, status=None, caution=None, q=None, consultation=None, today=None):
    """Intakes for the queue in queue_order, with their caution badges prefetched so
    the page's query count never grows."""
    today = today or timezone.localdate()
    queryset = Intake.objects.only(
        "reference", "first_name", "last_name", "submitted_at", "status", "consultation_on"
    ).prefetch_related(
        Prefetch(
            "caution_rows",
            queryset=IntakeCaution.objects.only("intake_id", "key", "title", "highest_severity"),
        )
    )
    if status:
        queryset = queryset.filter(status=status)
    if caution:
        queryset = queryset.filter(caution_rows__key=caution)
    if q:
        q = q.strip()[:100]
        words = q.split()
        name_filter = Q()
        for word in words:
            name_filter &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
        queryset = queryset.filter(name_filter | Q(reference__iexact=q))
    if consultation == "soon":
        queryset = consultation_soon(queryset, today=today)
    return queue_order(queryset, today=today)


def intake_for_review(reference):
    return (
        Intake.objects.select_related("assessment")
        .prefetch_related(
            "choice_rows",
            "guide_opens",
            Prefetch(
                "audit_events",
                queryset=AuditEvent.objects.filter(action=AuditAction.CHANGE),
                to_attr="change_events",
            ),
        )
        .get(reference=reference)
    )


def access_history(intake):
    """Every audit row of the intake, and of its draft before it was sent (saved,
    link sent, reopened, wrong dates of birth), which names it by reference only."""
    before_sending = Q(intake__isnull=True, intake_reference=intake.reference)
    return AuditEvent.objects.filter(Q(intake=intake) | before_sending).order_by("-at", "-id")
