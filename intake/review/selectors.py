"""Reads for the review workspace: the queue, one intake as the dermatologist
reads it, and who looked at it."""

from django.db.models import Prefetch, Q

from intake.models import STATUS_ORDER, AuditAction, AuditEvent, Intake, IntakeCaution


def review_queue(*, status=None, caution=None, q=None):
    """Intakes for the queue: new ones first, oldest first within a status, with
    their caution badges prefetched so the page's query count never grows."""
    queryset = Intake.objects.only(
        "reference", "first_name", "last_name", "submitted_at", "status"
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
    return queryset.annotate(status_order=STATUS_ORDER).order_by(
        "status_order", "submitted_at", "pk"
    )


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
