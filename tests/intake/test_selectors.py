"""Selectors for the guide: recorded links lead only to published pages."""

import pytest

from intake import selectors
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
