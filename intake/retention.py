"""Deleting many intakes without holding them all: batches by primary key.

Django's `QuerySet.delete()` collects every row it deletes (to cascade to the
intake's answers, cautions, guide opens and assessment), so its memory grows with the
number of rows. Here the rows go in primary-key order, `batch_size` at a time: each
batch is one key range, its dependent rows go in one DELETE per table (a subquery,
no rows in Python), then the batch itself. Memory stays that of one batch of keys
however many rows match. Audit rows are untouched: their link to the intake is
DO_NOTHING, so the trail outlives the intake.
"""

from django.db import models, router

DELETE_BATCH = 2000


def delete_in_batches(queryset, *, batch_size=DELETE_BATCH):
    """Deletes every row of `queryset` and what cascades from it, `batch_size`
    primary keys at a time; returns how many rows of the queryset's model went.
    Call it inside the transaction of what it is part of."""
    model = queryset.model
    cascades = []
    for relation in model._meta.related_objects:
        on_delete = relation.on_delete
        if on_delete is models.DO_NOTHING:
            continue
        if on_delete is not models.CASCADE:
            raise NotImplementedError(f"{relation}: only CASCADE and DO_NOTHING are batched")
        cascades.append(relation)
    using = router.db_for_write(model)
    deleted = 0
    keys = queryset.order_by("pk").values_list("pk", flat=True)
    last = None
    while True:
        page = keys if last is None else keys.filter(pk__gt=last)
        batch = list(page[:batch_size])
        if not batch:
            return deleted
        chunk = queryset.filter(pk__gte=batch[0], pk__lte=batch[-1])
        for relation in cascades:
            # The related model's own delete(): one DELETE … WHERE fk IN (subquery)
            # when nothing cascades further, else Django collects just this batch.
            relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": chunk.values("pk")}
            ).delete()
        # Nothing refers to these rows any more: delete them as Django's fast path does.
        deleted += chunk.order_by()._raw_delete(using)
        last = batch[-1]
