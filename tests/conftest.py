"""Fixtures shared by every test module."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Page caching and rate limits live in the cache; one test must not see another's.
    cache.clear()
    yield
    cache.clear()
