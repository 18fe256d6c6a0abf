"""Whole-page cache for anonymous visitors, with validators and precompressed bodies.

PageCacheMiddleware comes right after WhiteNoise and before every other middleware, so a
cached page costs little more than a static file: one round trip to the cache (`get_many` of
the site version and the page), no session, no database, no template, no header building.
Its headers (security headers, Content-Security-Policy, Vary, Cache-Control) are the ones the
inner middleware gave the response when it was stored; only Content-Encoding, Content-Length,
ETag and Last-Modified are set per answer.

The key is exactly what decides the response (`page_key`): scheme, host, script prefix and
path info (never the client-supplied whole path), the language (from the URL only), the
query parameters the view reads (PAGE_CACHE_QUERY_PARAMS, by URL name; any other parameter
is dropped from the request before the view sees it, so it can neither change the page nor
make a new entry), the cookies that change pages (PAGE_CACHE_COOKIES, each normalised: an
invalid `tz` keys like none), and the static release. A leftover `csrftoken` or an
analytics cookie shares the public copy.
Requests with a session cookie (staff) or a pending messages cookie are never cached, and a
response rendered for a signed-in user is sent `Cache-Control: private, no-store`.

A 200 response that is public (no Set-Cookie, no private/no-cache/no-store, no CSP nonce,
varying on nothing but Cookie and Accept-Encoding: the language is in the URL) is stored with:
- its body as is and compressed with gzip and Brotli at levels that cost a few ms, so later
  visitors get the smallest encoding their browser accepts;
- a weak ETag (hash of the body) and Last-Modified (when it was rendered), so a conditional
  request (If-None-Match / If-Modified-Since) is answered 304 Not Modified;
- an expiry of PAGE_CACHE_SECONDS, cut short to the next moment the pages change by
  themselves (PAGE_CACHE_HORIZON, e.g. when a webinar starts or ends).

Settings: PAGE_CACHE_SECONDS (int, 0 turns the cache off), PAGE_CACHE_BROWSER_SECONDS (int,
max-age sent to browsers), PAGE_CACHE_EXCLUDE_PATHS (path prefixes never cached),
PAGE_CACHE_QUERY_PARAMS ({URL name: [parameter names]}), PAGE_CACHE_COOKIES ({cookie name:
dotted path of a function value -> str, "" for no choice}), PAGE_CACHE_HORIZON (dotted path
of a function returning an aware datetime or None), PAGE_CACHE_MAX_BYTES (larger bodies are
not stored), PAGE_CACHE_ALIAS (the cache). Redis must be configured as a cache (maxmemory and
an LRU policy, README "Caching"): the entries are bounded by what pages exist, not by what
visitors send, but a full cache must evict rather than refuse.

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
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import cc_delim_re, get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.module_loading import import_string

from . import front
from .version import VERSION_KEY, bump, page_cache

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
# WSGI environ key set by httpcache/wsgi.py when the cache failed for this request: the
# middleware then renders without trying again (one timeout per request, not two).
UNREACHABLE = "httpcache.unreachable"
# Request headers a stored page may vary on: all three are part of the key or handled here.
# Pages do not vary on Accept-Language: their language comes from the address.
KEYED_VARY = {"accept-encoding", "cookie"}
UNSHARED = {"private", "no-cache", "no-store"}
# Headers rebuilt for every answer rather than stored.
UNSTORED = {"content-length", "content-encoding", "etag", "last-modified", "date", "set-cookie"}
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/ld+json", "application/xml")
COMPRESSIBLE_SUFFIXES = ("+xml", "+json", "javascript")
MIN_COMPRESS_BYTES = 200
# Part of every key: a release that changes what an entry holds never reads older entries.
KEY_FORMAT = "2"
# Compression levels: about 1 ms for a 20 KB page each (Brotli 11 took 46 ms, gzip 9 a few),
# within 1-3 % of the best sizes for pages this small.
GZIP_LEVEL = 6
BROTLI_QUALITY = 5


class CachedPage:
    """One stored answer: status, headers, body per encoding and its validators."""

    __slots__ = ("version", "expires", "status", "headers", "bodies", "etag", "last_modified")

    def __init__(self, version, expires, status, headers, bodies, etag, last_modified):
        self.version = version  # str, the site version it was rendered under
        self.expires = expires  # float, Unix time after which it is stale
        self.status = status  # int
        self.headers = headers  # {lower-case name: (name, value)}, as ResponseHeaders keeps them
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
        # The stored headers were checked and encoded by Django's ResponseHeaders when the
        # page was stored; copying its {lower name: (name, value)} store skips doing it again
        # on every hit (a third of a hit's time otherwise).
        store = response.headers._store
        store.update(self.headers)
        if encoding != "identity":
            store["content-encoding"] = ("Content-Encoding", encoding)
        store["content-length"] = ("Content-Length", str(len(body)))
        store["etag"] = ("ETag", self.etag)
        store["last-modified"] = ("Last-Modified", _http_date(self.last_modified))
        # How long ago it was rendered: a cache in front counts its s-maxage from then.
        store["age"] = ("Age", str(max(0, int(time.time()) - self.last_modified)))
        if "HTTP_IF_NONE_MATCH" not in request.META and (
            "HTTP_IF_MODIFIED_SINCE" not in request.META
        ):
            return response
        return get_conditional_response(
            request, etag=self.etag, last_modified=self.last_modified, response=response
        )


_http_date = functools.lru_cache(maxsize=256)(http_date)


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
        ("gzip", gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)),
        ("br", brotli.compress(body, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY)),
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


def shared_cache_headers(response, browser_seconds):
    """Set the caching headers of a response fit to share (anonymous, stored in the page
    cache): Cache-Control (unless the view chose one) and Vary. The one place that builds
    them, so that a front cache's directives are added here too."""
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = f"max-age={browser_seconds}"
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))


def private_cache_headers(response):
    """Mark a response rendered for a signed-in user (drafts, previews, the admin) as kept by
    no cache at all: `Cache-Control: private, no-store`, unless it already says no-store."""
    if "no-store" not in response.get("Cache-Control", ""):
        response["Cache-Control"] = "private, no-store"


def kept_by_no_cache(response):
    """Mark a public response that no cache should keep (`Cache-Control: no-cache`): one
    made from a value visitors can vary without bound and that the page does not need
    (a made-up filter, a page number written "01"), which would otherwise fill the cache."""
    response["Cache-Control"] = "no-cache"


def canonical_page(request, page_obj, page_kwarg="page"):
    """False when the request names its page otherwise than the page's links do ("01",
    "+1", " 1" for page 1), so that each spelling would be kept as a page of its own."""
    asked = request.GET.get(page_kwarg)
    return asked is None or page_obj is None or asked in (str(page_obj.number), "last")


def query_params(path_info, language, urlconf=None):
    """The query parameter names (a tuple) the view at `path_info` reads, from
    settings.PAGE_CACHE_QUERY_PARAMS by URL name ("events:list"); () when none or no view."""
    declared = getattr(settings, "PAGE_CACHE_QUERY_PARAMS", {})
    try:
        with translation.override(language):
            match = resolve(path_info, urlconf)
    except Resolver404:
        return ()
    return tuple(sorted(declared.get(match.view_name, ())))


_query_params = functools.lru_cache(maxsize=1024)(query_params)


def normalised_query(query_string, names):
    """(what the view sees, what the key holds), both strs, of `query_string` for a view
    that reads only `names`: those parameters with their values in order, the first in the
    order they came (so links the page builds from it keep the visitor's order), the second
    sorted by name. Empty values stay: `?tz=` means something ("forget my zone")."""
    if not query_string or not names:
        return "", ""
    kept = [(name, values) for name, values in QueryDict(query_string).lists() if name in names]
    seen = QueryDict(mutable=True)
    keyed = QueryDict(mutable=True)
    for name, values in kept:
        seen.setlist(name, values)
    for name, values in sorted(kept, key=lambda item: item[0]):
        keyed.setlist(name, values)
    return seen.urlencode(), keyed.urlencode()


@functools.cache
def _cookie_normalisers():
    return {
        name: import_string(path)
        for name, path in getattr(settings, "PAGE_CACHE_COOKIES", {}).items()
    }


def page_language(request):
    """The language a page is rendered in, for its key: the URL's language prefix
    (i18n_patterns), else LANGUAGE_CODE (English pages have no prefix). Never the browser's
    Accept-Language or a cookie: common.languages.PathLocaleMiddleware decides the same way."""
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.release = static_release()
        self.seconds = getattr(settings, "PAGE_CACHE_SECONDS", 600)
        self.browser_seconds = getattr(settings, "PAGE_CACHE_BROWSER_SECONDS", 60)
        self.exclude = tuple(getattr(settings, "PAGE_CACHE_EXCLUDE_PATHS", ("/admin/",)))
        self.exclude += (settings.STATIC_URL,)
        self.max_bytes = getattr(settings, "PAGE_CACHE_MAX_BYTES", 1_000_000)
        horizon = getattr(settings, "PAGE_CACHE_HORIZON", None)
        self.horizon = import_string(horizon) if horizon else None
        # Cookies whose presence means the page is not the public one.
        self.private_cookies = (settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name)

    def __call__(self, request):
        if not self.cacheable_request(request):
            response = self.get_response(request)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                private_cache_headers(response)
                if request.method not in SAFE_METHODS and response.status_code < 400:
                    if user.is_staff:
                        # Staff changed something, perhaps through QuerySet.update() (admin
                        # actions), which sends no model signal.
                        bump()
            return response

        cache = page_cache()
        key = self.key(request)
        if request.META.get(UNREACHABLE):
            return self.get_response(request)  # httpcache/wsgi.py just failed to reach it
        try:
            entry, version = self.lookup(cache, key)
        except Exception:
            logger.exception("Page cache unavailable; rendering %s", request.path)
            return self.get_response(request)

        if entry is not None:
            return entry.respond(request)
        request.page_cache_version = version  # for fragments (fragments.py): no second read

        response = self.get_response(request)
        entry, timeout = self.store(request, response, version)
        if entry is None:
            return response
        try:
            cache.set(key, entry, timeout)
        except Exception:
            logger.exception("Could not store %s in the page cache", request.path)
        return entry.respond(request)

    @staticmethod
    def lookup(cache, key):
        """(the fresh CachedPage stored under `key`, or None; the site version, str), in one
        round trip to `cache`; the version is created when there is none. Raises what the
        cache raises."""
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            version = cache.get(VERSION_KEY)
        entry = found.get(key)
        if isinstance(entry, CachedPage) and entry.fresh(version, time.time()):
            return entry, version
        return None, version

    def cacheable_request(self, request):
        if self.seconds <= 0 or request.method not in ("GET", "HEAD"):
            return False
        if request.path_info.startswith(self.exclude):
            return False
        cookies = request.COOKIES
        return not any(name in cookies for name in self.private_cookies)

    def key(self, request):
        """The cache key (str) for what this request would be answered with.

        Also narrows the request's query string to the parameters its view reads
        (request.GET and QUERY_STRING), so that the view sees exactly what was keyed."""
        return page_key(request, self.release)

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
        if "'nonce-" in response.get("Content-Security-Policy", ""):
            return None, None  # a nonce every visitor shares would be no nonce at all
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

        shared_cache_headers(response, self.browser_seconds)
        # Stored with the page (common.languages.PathLocaleMiddleware adds it only on the way
        # out), so that a hit answered before Django (httpcache/wsgi.py) carries it too.
        response.headers.setdefault("Content-Language", translation.get_language())
        headers = {k: v for k, v in response.headers._store.items() if k not in UNSTORED}
        etag = f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
        bodies = compress(body, response.get("Content-Type", ""))
        entry = CachedPage(version, expires, 200, headers, bodies, etag, int(now))
        return entry, timeout


def page_key(request, release=""):
    """The cache key (str) of the page `request` asks for; see the module docstring.

    The request's query string is narrowed to the parameters its view reads (request.GET
    and META["QUERY_STRING"] replaced), so that the view sees exactly what was keyed."""
    language = page_language(request)
    query_string = request.META.get("QUERY_STRING", "")
    query = ""
    if query_string:
        names = _query_params(request.path_info, language, getattr(request, "urlconf", None))
        seen, query = normalised_query(query_string, names)
        # A copy: META is the server's WSGI environ, whose access log keeps the query sent.
        request.META = {**request.META, "QUERY_STRING": seen}
        request.GET = QueryDict(seen)
    cookies = request.COOKIES
    chosen = []
    for name, normalise in _cookie_normalisers().items():
        value = normalise(cookies[name]) if name in cookies else ""
        if value:  # an invalid value chooses nothing: keyed as no cookie at all
            chosen.append(f"{name}={value}")
    meta = request.META
    port = meta.get("SERVER_PORT")
    parts = (
        KEY_FORMAT,
        request.scheme,
        # The Host as sent: only a host that passed ALLOWED_HOSTS (CommonMiddleware checks
        # it on every request) ever has a page stored under it.
        # An empty Host is not a missing one: it keys apart (and is refused by Django).
        meta["HTTP_HOST"] if "HTTP_HOST" in meta else f"{meta.get('SERVER_NAME')}:{port}",
        # The script prefix (from SCRIPT_NAME; links in the page are built on it) and the
        # path info (what routing used), never the two run together.
        request.path[: len(request.path) - len(request.path_info)],
        request.path_info,
        query,
        language,
        ";".join(chosen),
        release,
    )
    digest = hashlib.md5("\n".join(parts).encode(), usedforsecurity=False).hexdigest()
    return f"httpcache:page:{digest}"
