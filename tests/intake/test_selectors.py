"""Selectors for the guide: recorded links lead only to published pages."""

import datetime
import uuid

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake import selectors
from intake.models import Intake, IntakeStatus
from intake.review.selectors import review_queue
from tests.intake.answers import submitted_intake

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("kind", "slug", "target"),
    [
        ("treatment", "bellafill", "/learn/treatments/bellafill/"),
        ("treatment", "subcision", None),  # a draft
        ("scar", "keloid", "/learn/scars/keloid/"),
        ("page", "compare", "/learn/compare/"),
        ("page", "elsewhere", None),
        ("other", "bellafill", None),
    ],
)
def test_guide_link_targets(clinic_content, kind, slug, target):
    assert selectors.guide_link_target(kind, slug) == target


def test_raised_scars_and_marks_lead_to_their_scar_pages(clinic_content):
    intake = submitted_intake({"your-scars": {"scar_looks": ["keloid", "pih"]}})
    sections = selectors.guide_reading_list(intake, link=lambda kind, slug: f"{kind}/{slug}")
    urls = [page["url"] for page in sections["pages"]]
    assert "scar/hypertrophic" in urls and "scar/keloid" in urls
    assert "scar/brown-marks" in urls
    assert [item["scar"].key for item in sections["your_scars"]] == ["keloid", "pih"]
    assert all(item["url"].startswith("treatment/") for item in sections["reading_list"])


# The review queue's order and its "consultation soon" filter (docs/review.md).

TODAY = datetime.date(2026, 12, 2)


def copies(base, rows):
    """Intakes copied from one submitted base row (fast: the rules are not run again),
    one per (consultation_on, status, submitted_at) row."""
    made = []
    for number, (consultation_on, status, submitted_at) in enumerate(rows):
        base.pk = None
        base.reference = f"AS-S{number:06d}"
        base.submission_key = uuid.uuid4()
        base.guide_token_hash = None
        base.consultation_on = consultation_on
        base.status = status
        base.submitted_at = submitted_at
        base.save()
        made.append(base.reference)
    return made


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


def test_queue_puts_upcoming_consultations_first_soonest_first(clinic_content):
    now = timezone.now()
    hours = [now - datetime.timedelta(hours=h) for h in range(10)]
    refs = copies(
        submitted_intake(),
        [
            (None, IntakeStatus.NEW, hours[1]),  # 0: undated, new, younger
            (day(5), IntakeStatus.REVIEWED, hours[9]),  # 1: dated, later
            (None, IntakeStatus.NEW, hours[5]),  # 2: undated, new, older
            (day(0), IntakeStatus.NEW, hours[2]),  # 3: today: soonest
            (day(-1), IntakeStatus.NEW, hours[3]),  # 4: past: as if undated
            (None, IntakeStatus.REVIEWED, hours[8]),  # 5: undated, reviewed
            (day(2), IntakeStatus.IN_REVIEW, hours[4]),  # 6
            (None, IntakeStatus.IN_REVIEW, hours[7]),  # 7: undated, in review
        ],
    )
    queue = [i.reference for i in review_queue(today=TODAY) if i.reference in refs]
    assert queue == [refs[n] for n in (3, 6, 1, 2, 4, 0, 7, 5)]
    # Paged like a queryset: slices across the two blocks' boundary keep the order.
    whole = review_queue(today=TODAY)
    everything = [i.reference for i in whole]
    assert len(whole) == whole.count() == len(everything)
    for cut in range(len(everything) + 1):
        assert [i.reference for i in whole[:cut] + whole[cut:]] == everything
    assert [i.reference for i in whole[2:5]] == everything[2:5]


def test_consultation_soon_is_within_3_days_and_not_reviewed(clinic_content):
    now = timezone.now()
    refs = copies(
        submitted_intake(),
        [
            (day(0), IntakeStatus.NEW, now),  # 0: yes
            (day(3), IntakeStatus.IN_REVIEW, now),  # 1: yes, the last day
            (day(4), IntakeStatus.NEW, now),  # 2: too far
            (day(1), IntakeStatus.REVIEWED, now),  # 3: already reviewed
            (day(-1), IntakeStatus.NEW, now),  # 4: past
            (None, IntakeStatus.NEW, now),  # 5: no date
        ],
    )
    soon = {i.reference for i in review_queue(consultation="soon", today=TODAY)}
    assert soon == {refs[0], refs[1]}


STATUSES = st.sampled_from(list(IntakeStatus))
ROWS = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(-5, 30)), STATUSES, st.integers(0, 500)),
    max_size=8,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=ROWS)
def test_queue_order_property(clinic_content, rows):
    """Dated (upcoming) intakes come before the rest, in ascending date order."""
    Intake.objects.all().delete()
    base = submitted_intake()
    now = timezone.now()
    copies(
        base,
        [
            (None if offset is None else day(offset), status, now - datetime.timedelta(minutes=m))
            for offset, status, m in rows
        ],
    )
    queue = list(review_queue(today=TODAY))
    upcoming = [i.consultation_on is not None and i.consultation_on >= TODAY for i in queue]
    assert upcoming == sorted(upcoming, reverse=True)  # all upcoming first
    dates = [i.consultation_on for i, soon in zip(queue, upcoming, strict=True) if soon]
    assert dates == sorted(dates)
    rest = [
        (i.status != "new", i.status == "reviewed", i.submitted_at)
        for i, soon in zip(queue, upcoming, strict=True)
        if not soon
    ]
    assert rest == sorted(rest)
