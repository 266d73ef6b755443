"""The review queue's search by name or reference uses an index on PostgreSQL, so it
does not read every intake (issue 18: a surname search flat from 10,000 to 100,000)."""

import pytest
from django.db import connection

from intake.review.selectors import review_queue

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only"
    ),
]


def plan_of(queryset):
    sql, params = queryset.only("id").query.sql_with_params()
    with connection.cursor() as cursor:
        # On a near-empty table the planner would read it all anyway. With sequential
        # and whole-index scans priced out, the plan shows whether an index *can* serve
        # every arm of the search's OR: one arm without one forces a full read.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("q", ["lee", "dana lee", "ab12cd34"])
def test_every_arm_of_the_search_is_served_by_an_index(q):
    # The queue reads two blocks (ReviewQueue): the upcoming consultations are bounded by
    # their own partial index; the rest need the search's indexes.
    queue = review_queue(q=q)
    assert "Seq Scan on intake_intake" not in plan_of(queue.dated)
    plan = plan_of(queue.rest)
    assert "Seq Scan on intake_intake" not in plan, plan
    for index in ("intake_first_name_upper_trgm", "intake_last_name_upper_trgm"):
        assert f"Bitmap Index Scan on {index}" in plan, plan
    assert "Bitmap Index Scan on intake_reference_upper" in plan, plan


def test_the_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'intake_intake'")
        names = {row[0] for row in cursor.fetchall()}
    assert {
        "intake_first_name_upper_trgm",
        "intake_last_name_upper_trgm",
        "intake_reference_upper",
    } <= names
