"""The first load of an explainer, every asset included, weighs at most 100 KB
compressed (gzip, as WhiteNoise serves it)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 100 * 1024


def test_explainer_first_load_is_under_100kb_compressed(client, clinic_content):
    html = client.get("/learn/treatments/fractional-lasers/").content
    total = len(gzip.compress(html))
    assets = re.findall(rb'(?:href|src)="/static/([^"]+)"', html)
    assert assets, "the page should load the site's CSS and JS"
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, asset
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total <= BUDGET_BYTES, f"{total} bytes"
