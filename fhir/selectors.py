"""Reads for the FHIR export: intakes with everything their resources need, in a fixed
number of queries whatever the page size (the intake row, its choice rows, its opens)."""

from django.db.models import Q

from intake.models import Intake

EXPORT_PREFETCH = ("choice_rows", "guide_opens")


def intakes_for_export():
    return Intake.objects.prefetch_related(*EXPORT_PREFETCH)


def intake_for_export(*, reference: str) -> Intake:
    """Raises Intake.DoesNotExist for an unknown reference."""
    return intakes_for_export().get(reference=reference)


def intakes_updated(*, after=None, after_inclusive=False, cursor=None):
    """Submitted intakes in the order an incremental pull reads them: oldest first, ties by
    id. ``after`` filters on the submitted time (``_lastUpdated``); ``cursor`` is the last
    row (submitted_at, pk) of the previous page."""
    queryset = intakes_for_export()
    if after is not None:
        lookup = "submitted_at__gte" if after_inclusive else "submitted_at__gt"
        queryset = queryset.filter(**{lookup: after})
    if cursor is not None:
        moment, pk = cursor
        queryset = queryset.filter(Q(submitted_at__gt=moment) | Q(submitted_at=moment, pk__gt=pk))
    return queryset.order_by("submitted_at", "pk")
