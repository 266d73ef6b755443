"""The first load of each patient page Lighthouse measures, every asset and picture
included, weighs at most 100 KB compressed (gzip, as WhiteNoise serves static files;
`make lighthouse` measures the same pages over the wire)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 100 * 1024
PAGES = [
    "/",
    "/learn/",
    "/learn/scars/rolling/",
    "/learn/treatments/fractional-lasers/",
    "/learn/compare/",
    "/intake/about-you/",
    "/intake/your-scars/",
]


def first_load_bytes(html):
    total = len(gzip.compress(html))
    assets = set(re.findall(rb'(?:href|src)="/static/([^"]+)"', html))
    assert assets, "the page should load the site's CSS"
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, asset
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    return total, assets


@pytest.mark.parametrize("url", PAGES)
def test_first_load_is_under_100kb_compressed(client, clinic_content, url):
    total, _ = first_load_bytes(client.get(url).content)
    assert total <= BUDGET_BYTES, f"{url}: {total} bytes"


def test_the_scar_guide_weight_counts_every_drawing(client, clinic_content):
    _, assets = first_load_bytes(client.get("/learn/").content)
    drawings = [asset for asset in assets if asset.startswith(b"illustrations/scars/")]
    assert len(drawings) == 14
