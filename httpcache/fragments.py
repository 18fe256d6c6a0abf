"""Parts of a page rendered once per site version and kept in the page cache's cache.

`cached_fragment(request, parts, render)` returns what `render()` returned (anything that
pickles, e.g. {"content": html}) for the key made of `parts` (strs: what the fragment depends
on besides the content, such as the visitor's zone), the site version (version.py: any save
makes every fragment stale, as it does every page) and the static release. An uncached page
then costs its one query for the object and a cache round trip instead of its whole render.
`keep(value)` (optional) says whether a rendered value may be stored: a value made from
what visitors chose freely (an invalid filter) is returned but not kept, so that it cannot
fill the cache. When the cache cannot be reached, `render()` is called (logged). Setting
PAGE_CACHE_FRAGMENTS = False turns fragments off (`make bench` measures a whole render so).
"""

import hashlib
import logging

from django.conf import settings

from .middleware import static_release
from .version import page_cache, site_version

logger = logging.getLogger(__name__)

TIMEOUT = 24 * 3600  # seconds; a new version makes old fragments unreachable before that


_release = None


def fragment_key(version, parts):
    """The cache key (str) of the fragment of `parts` under the site `version`."""
    global _release
    if _release is None:
        _release = static_release()
    raw = "\n".join(("fragment", version, _release, *map(str, parts)))
    return "httpcache:fragment:" + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def cached_fragment(request, parts, render, keep=None, fresh=None):
    """render()'s value, from the cache when this version already has it (see module).
    `fresh(value)` (optional) says whether a stored value still holds (e.g. a moment not
    yet passed); one that does not is rendered and stored again."""
    version = site_version(request)
    if version is None or getattr(settings, "PAGE_CACHE_FRAGMENTS", True) is False:
        return render()
    key = fragment_key(version, parts)
    cache = page_cache()
    try:
        found = cache.get(key)
    except Exception:
        logger.exception("Page cache unavailable; rendering a fragment")
        return render()
    if found is not None and (fresh is None or fresh(found)):
        return found
    value = render()
    if keep is not None and not keep(value):
        return value
    try:
        cache.set(key, value, TIMEOUT)
    except Exception:
        logger.exception("Could not store a fragment")
    return value
