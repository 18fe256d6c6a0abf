"""Whole-page cache for anonymous visitors, with validators and precompressed bodies.

PageCacheMiddleware sits right after WhiteNoise, so a cached page costs about what a static
file costs: one round trip to the cache, no session, no database. For each GET or HEAD from a
visitor without a session cookie it looks up the page under a key made of scheme, host, full
path, its language prefix and the Cookie header, and serves it when it was
rendered under the current site-wide version (version.py) and has not passed its expiry.

Otherwise the request goes on to the view; a 200 response that is public (no Set-Cookie, no
private/no-cache/no-store, varying on nothing but Cookie and Accept-Encoding) is stored with:
- its body as is and compressed with gzip and Brotli, once, so later visitors get the
  smallest encoding their browser accepts (Content-Encoding, Vary: Accept-Encoding);
- a weak ETag (hash of the body) and Last-Modified (when it was rendered), so a conditional
  request (If-None-Match / If-Modified-Since) is answered 304 Not Modified;
- an expiry of PAGE_CACHE_SECONDS, cut short to the next moment the pages change by
  themselves (PAGE_CACHE_HORIZON, e.g. when a webinar starts or ends).

Settings: PAGE_CACHE_SECONDS (int, 0 turns the cache off), PAGE_CACHE_BROWSER_SECONDS (int,
max-age sent to browsers), PAGE_CACHE_EXCLUDE_PATHS (path prefixes never cached),
PAGE_CACHE_HORIZON (dotted path of a function returning an aware datetime or None),
PAGE_CACHE_MAX_BYTES (larger bodies are not stored), PAGE_CACHE_ALIAS (the cache).

When the cache cannot be reached the page is rendered as if there were no cache (logged).
"""

import functools
import gzip
import hashlib
import logging
import time
import uuid
from pathlib import Path

import brotli
from django.conf import settings
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import cc_delim_re, get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.module_loading import import_string

from . import front
from .version import VERSION_KEY, bump, page_cache

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
# Request headers a stored page may vary on: all three are part of the key or handled here.
# Pages do not vary on Accept-Language: their language comes from the address.
KEYED_VARY = {"accept-encoding", "cookie"}
UNSHARED = {"private", "no-cache", "no-store"}
# Headers rebuilt for every answer rather than stored.
UNSTORED = {"content-length", "content-encoding", "etag", "last-modified", "date", "set-cookie"}
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/ld+json", "application/xml")
COMPRESSIBLE_SUFFIXES = ("+xml", "+json", "javascript")
MIN_COMPRESS_BYTES = 200


class CachedPage:
    """One stored answer: status, headers, body per encoding and its validators."""

    __slots__ = ("version", "expires", "status", "headers", "bodies", "etag", "last_modified")

    def __init__(self, version, expires, status, headers, bodies, etag, last_modified):
        self.version = version  # str, the site version it was rendered under
        self.expires = expires  # float, Unix time after which it is stale
        self.status = status  # int
        self.headers = headers  # list of (name, value)
        self.bodies = bodies  # {"identity"|"gzip"|"br": bytes}
        self.etag = etag  # str, a weak ETag
        self.last_modified = last_modified  # int, Unix time it was rendered

    def __getstate__(self):
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setstate__(self, state):
        for name, value in zip(self.__slots__, state, strict=True):
            setattr(self, name, value)

    def fresh(self, version, now):
        return self.version == version and now < self.expires

    def respond(self, request):
        """An HttpResponse in the best encoding the request accepts, or 304 Not Modified."""
        encoding = best_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""), self.bodies)
        body = self.bodies[encoding]
        response = HttpResponse(body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        if encoding != "identity":
            response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified)
        # How long ago it was rendered: a cache in front counts its s-maxage from then.
        response["Age"] = str(max(0, int(time.time()) - self.last_modified))
        return get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified, response=response
        )


@functools.lru_cache(maxsize=64)
def _accepted(header):
    """The codings an Accept-Encoding header allows (q > 0), as a frozenset of lowercase names."""
    accepted = set()
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        params = params.strip().lower()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        if name and quality > 0:
            accepted.add(name.strip().lower())
    return frozenset(accepted)


def best_encoding(header, bodies):
    """'br', 'gzip' or 'identity': the smallest stored body the Accept-Encoding allows."""
    accepted = _accepted(header)
    for encoding in ("br", "gzip"):
        if encoding in bodies and (encoding in accepted or "*" in accepted):
            return encoding
    return "identity"


def compress(body, content_type):
    """{"identity": body, "gzip": ..., "br": ...}; compressed forms only when they are smaller."""
    bodies = {"identity": body}
    media_type = content_type.split(";")[0].strip().lower()
    compressible = media_type.startswith(COMPRESSIBLE_TYPES) or media_type.endswith(
        COMPRESSIBLE_SUFFIXES
    )
    if not compressible or len(body) < MIN_COMPRESS_BYTES:
        return bodies
    for encoding, packed in (
        ("gzip", gzip.compress(body, compresslevel=9, mtime=0)),
        ("br", brotli.compress(body, mode=brotli.MODE_TEXT, quality=11)),
    ):
        if len(packed) < len(body):
            bodies[encoding] = packed
    return bodies


def static_release():
    """A digest (str) of the collected static files' manifest, or "" without one.

    Part of every page key: a deploy that changes CSS or JS (new hashed names) never serves
    a page stored by the previous release, which would point at the old files.
    """
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    try:
        return hashlib.md5(manifest.read_bytes(), usedforsecurity=False).hexdigest()
    except OSError:
        return ""


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.release = static_release()
        self.seconds = getattr(settings, "PAGE_CACHE_SECONDS", 600)
        self.browser_seconds = getattr(settings, "PAGE_CACHE_BROWSER_SECONDS", 60)
        self.exclude = tuple(getattr(settings, "PAGE_CACHE_EXCLUDE_PATHS", ("/admin/",)))
        self.max_bytes = getattr(settings, "PAGE_CACHE_MAX_BYTES", 1_000_000)
        horizon = getattr(settings, "PAGE_CACHE_HORIZON", None)
        self.horizon = import_string(horizon) if horizon else None

    def __call__(self, request):
        if not self.cacheable_request(request):
            response = self.get_response(request)
            if request.method not in SAFE_METHODS and response.status_code < 400:
                user = getattr(request, "user", None)
                if user is not None and user.is_staff:
                    # Staff changed something, perhaps through QuerySet.update() (admin
                    # actions), which sends no model signal.
                    bump()
            return response

        cache = page_cache()
        key = self.key(request)
        try:
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY)
            if version is None:
                cache.add(VERSION_KEY, uuid.uuid4().hex, None)
                version = cache.get(VERSION_KEY)
        except Exception:
            logger.exception("Page cache unavailable; rendering %s", request.path)
            return self.get_response(request)

        entry = found.get(key)
        if isinstance(entry, CachedPage) and entry.fresh(version, time.time()):
            return entry.respond(request)

        response = self.get_response(request)
        entry, timeout = self.store(request, response, version)
        if entry is None:
            return response
        try:
            cache.set(key, entry, timeout)
        except Exception:
            logger.exception("Could not store %s in the page cache", request.path)
        return entry.respond(request)

    def cacheable_request(self, request):
        return (
            self.seconds > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path_info.startswith(self.exclude)
        )

    def key(self, request):
        """The cache key (str) for what this request would be answered with."""
        # The address decides the language (common.languages), never the browser.
        language = translation.get_language_from_path(request.path_info) or ""
        parts = (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            language,
            request.META.get("HTTP_COOKIE", ""),
            self.release,
        )
        digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
        return f"httpcache:page:{digest}"

    def store(self, request, response, version):
        """(CachedPage, timeout in seconds) for a response fit to share, else (None, None)."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return None, None
        if response.has_header("Content-Encoding"):
            return None, None
        directives = {
            d.split("=")[0].strip().lower()
            for d in cc_delim_re.split(response.get("Cache-Control", ""))
            if d
        }
        if directives & UNSHARED:
            return None, None
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
        if vary - KEYED_VARY:
            return None, None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return None, None
        body = response.content
        if len(body) > self.max_bytes:
            return None, None

        now = time.time()
        expires = now + self.seconds
        if self.horizon is not None:
            left = front.horizon(request)  # asked once per request, shared with front.py
            if left is not None:
                expires = min(expires, now + left)
        timeout = int(expires - now)
        if timeout < 1:
            return None, None

        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = f"max-age={self.browser_seconds}"
        patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
        headers = [(k, v) for k, v in response.items() if k.lower() not in UNSTORED]
        etag = f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
        bodies = compress(body, response.get("Content-Type", ""))
        entry = CachedPage(version, expires, 200, headers, bodies, etag, int(now))
        return entry, timeout
