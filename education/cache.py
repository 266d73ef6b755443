"""Whole-page caching of public education pages, invalidated on every content save.

Each cached page's key includes a content version held in the cache; any save or
delete of education content bumps the version, so editors see their change at once
and stale pages simply age out.
"""

import functools
import logging
import uuid

from django.core.cache import cache
from django.views.decorators.cache import cache_page

VERSION_KEY = "education:content-version"
PAGE_TIMEOUT = 60 * 60
logger = logging.getLogger(__name__)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def content_changed(**kwargs):
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - an editor's save must not fail on a cache outage
        # Redis is down, so no cached page can be served either; when it returns
        # empty (it keeps nothing on disk) every page is rendered afresh.
        logger.warning("education cache unavailable; content version not bumped")


def cache_public_page(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            prefix = f"education:{content_version()}"
        except Exception:  # noqa: BLE001 - a cache outage must not take the pages down
            logger.warning("education page cache unavailable; serving the page uncached")
            return view(request, *args, **kwargs)
        return cache_page(PAGE_TIMEOUT, key_prefix=prefix)(view)(request, *args, **kwargs)

    return wrapped
