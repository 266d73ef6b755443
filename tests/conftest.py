"""Fixtures shared by every test module."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Page caching and rate limits live in the cache; one test must not see another's.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clinic_content(db):
    """The clinic's real seed content, loaded as `make run` loads it."""
    from education.services import clinic_content_load

    return clinic_content_load()
