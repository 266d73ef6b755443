"""Reads for the review workspace: the queue, one intake as the dermatologist
reads it, and who looked at it."""

import datetime

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone

from intake.models import (
    STATUS_ORDER,
    AuditAction,
    AuditEvent,
    Intake,
    IntakeCaution,
    IntakeStatus,
)

CAUTION_BADGES = Prefetch(
    "caution_rows",
    queryset=IntakeCaution.objects.only("intake_id", "key", "title", "highest_severity"),
)

# "Consultation soon": booked for today or the next SOON_DAYS days.
SOON_DAYS = 3


class ReviewQueue:
    """The queue's order (docs/review.md), read as two blocks so that each is served by an
    index at any size: first the upcoming consultations (a date today or later), soonest
    first (index intake_consultation_order); then every other intake (no date, or a date
    already past) new first, then in review, then reviewed, oldest first within a status
    (index intake_queue_order). Ties by id. Sliced like a queryset; a slice counts only
    the upcoming block (a range of its small partial index, to know where the second block
    starts), never every intake: one query for that, one per block a page holds, one for
    the caution badges. count() (every row) is there for callers that need the total."""

    def __init__(self, queryset, *, today):
        upcoming = Q(consultation_on__gte=today)
        self._queryset = queryset
        self.dated = queryset.filter(upcoming).order_by(
            "consultation_on", STATUS_ORDER, "submitted_at", "pk"
        )
        self.rest = queryset.exclude(upcoming).order_by(STATUS_ORDER, "submitted_at", "pk")
        self._dated_count = None

    def dated_count(self):
        if self._dated_count is None:
            self._dated_count = self.dated.count()
        return self._dated_count

    def count(self):
        return self._queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("The review queue is read in slices.")
        start, stop = index.start or 0, index.stop  # stop None: to the end
        if start < 0 or (stop is not None and stop < 0):
            raise TypeError("The review queue is read in slices from its start.")
        dated = self.dated_count()
        rows = []
        if start < dated:
            rows += list(self.dated[start : dated if stop is None else min(stop, dated)])
        if stop is None or stop > dated:
            rest_stop = None if stop is None else stop - dated
            rows += list(self.rest[max(start - dated, 0) : rest_stop])
        prefetch_related_objects(rows, CAUTION_BADGES)
        return rows

    def __iter__(self):
        return iter(self[:])


def consultation_soon(queryset, *, today):
    """Intakes with a consultation from today to SOON_DAYS days on, not yet reviewed."""
    return queryset.filter(
        consultation_on__gte=today,
        consultation_on__lte=today + datetime.timedelta(days=SOON_DAYS),
    ).exclude(status=IntakeStatus.REVIEWED)


def review_queue(*, status=None, caution=None, q=None, consultation=None, today=None):
    """Intakes for the queue in the ReviewQueue order, with their caution badges
    prefetched per page so the page's query count never grows."""
    today = today or timezone.localdate()
    queryset = Intake.objects.only(
        "reference",
        "first_name",
        "last_name",
        "submitted_at",
        "status",
        "consultation_on",
        "language",
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
    return ReviewQueue(queryset, today=today)


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
