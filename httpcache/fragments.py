"""Parts of a page rendered once per site version and kept in the page cache's cache.

`cached_fragment(request, parts, render)` returns what `render()` returned (anything that
pickles, e.g. {"content": html}) for the key made of `parts` (strs: what the fragment depends
on besides the content, such as the visitor's zone), the site version (version.py: any save
makes every fragment stale, as it does every page) and the static release. An uncached page
then costs its one query for the object and a cache round trip instead of its whole render.
When the cache cannot be reached, `render()` is called (logged). Setting
PAGE_CACHE_FRAGMENTS = False turns fragments off (`make bench` measures a whole render so).
"""

import hashlib
import logging
import uuid

from django.conf import settings

from .middleware import static_release
from .version import VERSION_KEY, page_cache

logger = logging.getLogger(__name__)

TIMEOUT = 24 * 3600  # seconds; a new version makes old fragments unreachable before that


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


_release = None


def cached_fragment(request, parts, render):
    """render()'s value, from the cache when this version already has it (see module)."""
    global _release
    if _release is None:
        _release = static_release()
    version = site_version(request)
    if version is None or getattr(settings, "PAGE_CACHE_FRAGMENTS", True) is False:
        return render()
    raw = "\n".join(("fragment", version, _release, *map(str, parts)))
    key = "httpcache:fragment:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()
    cache = page_cache()
    try:
        found = cache.get(key)
    except Exception:
        logger.exception("Page cache unavailable; rendering a fragment")
        return render()
    if found is not None:
        return found
    value = render()
    try:
        cache.set(key, value, TIMEOUT)
    except Exception:
        logger.exception("Could not store a fragment")
    return value
