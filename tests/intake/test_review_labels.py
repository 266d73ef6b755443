"""Staff read labels, never raw keys, for the pages a patient opened."""

import pytest

from intake.choices import GuidePage
from intake.review.labels import opened_page_label


@pytest.mark.parametrize("page", list(GuidePage))
def test_every_guide_page_key_has_its_label(page):
    label = opened_page_label(f"page:{page.value}", names={})
    assert label == page.label
    assert ":" not in label and "_" not in label


def test_names_from_the_content_win():
    assert opened_page_label("scar:rolling", names={"scar:rolling": "Rolling scars"}) == (
        "Rolling scars"
    )


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("page:dropped_page", "Page: Dropped page"),
        ("scar:ice-pick", "Scar type: Ice pick"),
        ("treatment:tca-cross", "Treatment: Tca cross"),
        ("odd_key", "Odd key"),
    ],
)
def test_unknown_keys_are_still_readable(key, label):
    assert opened_page_label(key, names={}) == label
