"""The site-wide content version shared by every app server through the configured cache.

Each cached page records the version it was rendered under; bumping the version makes every
stored page stale at once, on every server that shares the cache (Redis in production).
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

VERSION_KEY = "httpcache:version"


def page_cache():
    """The cache that holds pages and the version: `settings.PAGE_CACHE_ALIAS` ("default")."""
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def bump():
    """Mark every cached page stale: store a new random version (str) with no expiry.

    Never raises: when the cache cannot be reached the error is logged, and pages expire on
    their own after at most PAGE_CACHE_SECONDS (other servers may show old pages till then).
    """
    try:
        page_cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.exception("Could not bump the page-cache version")


def site_version(request):
    """The site version (str) this request is answered under: the one the page-cache
    middleware read, else read (or created) now; None when the cache is unreachable."""
    version = getattr(request, "page_cache_version", None)
    if version is not None:
        return version
    cache = page_cache()
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
    except Exception:
        logger.exception("Page cache unavailable; rendering fragments")
        return None
    request.page_cache_version = version
    return version
