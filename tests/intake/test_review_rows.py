"""The queue's rows (intake/review/rows.py) say what the queue template said before it
moved to Python: badges, dates, status and the link."""

import datetime

import pytest

from intake.choices import CautionKey
from intake.models import IntakeCaution
from intake.review.rows import queue_rows
from intake.review.selectors import review_queue
from tests.intake.answers import submitted_intake

pytestmark = pytest.mark.django_db


def test_a_row_has_the_link_status_dates_and_badges(clinic_content):
    intake = submitted_intake({"health": {"smokes": "yes"}})
    raised = set(intake.caution_rows.values_list("key", flat=True))
    unraised = next(key for key in CautionKey.values if key not in raised)
    IntakeCaution.objects.create(intake=intake, key=unraised, title="Only noted")
    intake.consultation_on = datetime.date(2031, 3, 27)
    intake.save()
    (row,) = queue_rows(review_queue()[:1])
    assert row.url == f"/review/{intake.reference}/"
    assert row.consultation == "March 27, 2031"
    assert row.status == "New"
    assert not row.other_language
    noted = [badge for badge in row.cautions if badge.title == "Only noted"]
    assert [(badge.severity, badge.label) for badge in noted] == [("none", "Noted")]
    graded = [badge for badge in row.cautions if badge.title != "Only noted"]
    assert graded and all(badge.severity != "none" and badge.label for badge in graded)


def test_no_consultation_is_not_booked_and_spanish_gets_the_badge(clinic_content):
    intake = submitted_intake({})
    intake.language = "es"
    intake.save()
    (row,) = queue_rows(review_queue()[:1])
    assert row.consultation == "Not booked"
    assert row.other_language
