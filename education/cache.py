"""Whole-page caching of public education pages, invalidated on every content save.

Each cached page's key includes a content version held in the cache; any save or
delete of education content bumps the version, so editors see their change at once
and stale pages simply age out.
"""

import functools
import logging
import uuid

from django.core.cache import cache
from django.db import transaction
from django.utils.cache import patch_cache_control
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
    _new_version()
    # A page rendered between this save and its commit still shows the old content
    # but would be cached under the new version: start another once it is visible.
    transaction.on_commit(_new_version)


def _new_version():
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
        response = cache_page(PAGE_TIMEOUT, key_prefix=prefix)(view)(request, *args, **kwargs)
        # cache_page also tells browsers and proxies to keep the page for an hour;
        # only our cache may keep it, or an editor's fix would not show at once.
        patch_cache_control(response, max_age=0)
        del response["Expires"]
        return response

    return wrapped
