"""Model rules: validation, published() and overdue_for_review()."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from education.levels import PageStatus
from education.models import Treatment
from tests.factories import ScarTypeFactory, TreatmentFactory

pytestmark = pytest.mark.django_db


def test_next_review_must_come_after_last_review():
    treatment = TreatmentFactory.build(
        last_reviewed=datetime.date(2026, 3, 1), next_review_due=datetime.date(2026, 2, 1)
    )
    with pytest.raises(ValidationError) as error:
        treatment.full_clean()
    assert "next_review_due" in error.value.message_dict


def test_last_review_cannot_be_in_the_future():
    treatment = TreatmentFactory.build(
        last_reviewed=datetime.date(2999, 1, 1), next_review_due=datetime.date(2999, 6, 1)
    )
    with pytest.raises(ValidationError) as error:
        treatment.full_clean()
    assert "last_reviewed" in error.value.message_dict


@pytest.mark.parametrize("missing", ["reviewer_name", "last_reviewed", "next_review_due"])
def test_a_published_page_needs_a_reviewer_and_review_dates(missing):
    treatment = TreatmentFactory.build(status=PageStatus.PUBLISHED)
    setattr(treatment, missing, "" if missing == "reviewer_name" else None)
    with pytest.raises(ValidationError) as error:
        treatment.full_clean()
    assert missing in error.value.message_dict


def test_a_draft_may_have_no_reviewer_yet():
    treatment = TreatmentFactory.build(
        status=PageStatus.DRAFT, reviewer_name="", last_reviewed=None, next_review_due=None
    )
    treatment.full_clean()


def test_every_required_section_is_required():
    treatment = TreatmentFactory.build(what_it_is="", rare_risks="")
    with pytest.raises(ValidationError) as error:
        treatment.full_clean()
    assert {"what_it_is", "rare_risks"} <= set(error.value.message_dict)


def test_sessions_range_is_checked_by_validation_and_by_the_database():
    treatment = TreatmentFactory.build(sessions_min=4, sessions_max=2)
    with pytest.raises(ValidationError):
        treatment.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        TreatmentFactory(sessions_min=4, sessions_max=2)


def test_published_and_overdue_querysets():
    live = TreatmentFactory(next_review_due=datetime.date(2026, 1, 1))
    TreatmentFactory(status=PageStatus.DRAFT, next_review_due=datetime.date(2027, 6, 1))
    assert list(Treatment.objects.published()) == [live]
    overdue = Treatment.objects.overdue_for_review(today=datetime.date(2026, 6, 1))
    assert list(overdue) == [live]
    assert live.is_overdue_for_review(today=datetime.date(2026, 6, 1))


def test_ranges_read_naturally():
    treatment = TreatmentFactory.build(
        sessions_min=3, sessions_max=3, downtime_min_days=0, downtime_max_days=0
    )
    assert treatment.sessions_range == "3"
    assert treatment.downtime_range == "Usually none"
    treatment.downtime_max_days = 7
    assert treatment.downtime_range == "0 to 7 days"
    with translation.override("es"):
        assert treatment.downtime_range == "0 a 7 días"
        treatment.sessions_max = 5
        assert treatment.sessions_range == "3 a 5"


def test_urls_use_slugs():
    assert TreatmentFactory(slug="tca-cross").get_absolute_url() == "/learn/treatments/tca-cross/"
    assert ScarTypeFactory(slug="rolling").get_absolute_url() == "/learn/scars/rolling/"
