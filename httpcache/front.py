"""The shared cache in front of the site (Varnish, or a CDN): what it may keep, and purges.

Headers. `FrontCacheMiddleware` (right after PageCacheMiddleware) calls
`shared_cache_headers()` on every response. A response that anyone may be given -- a 200 to
a GET or HEAD from a visitor who is not signed in, with no Set-Cookie, no CSRF token, no
Cache-Control of its own, varying on nothing but Cookie, Accept-Language and
Accept-Encoding, outside PAGE_CACHE_EXCLUDE_PATHS -- gets

    Cache-Control: public, max-age=B, s-maxage=S, stale-while-revalidate=W, stale-if-error=E
    xkey: event-7 event-list site speaker-3 topic-2 ...

B is PAGE_CACHE_BROWSER_SECONDS and S FRONT_CACHE_SECONDS, both cut short to the next
moment the pages change by the clock (PAGE_CACHE_HORIZON: a webinar starts or ends); W and
E are FRONT_CACHE_STALE_WHILE_REVALIDATE and FRONT_CACHE_STALE_IF_ERROR (seconds). The key
header is FRONT_CACHE_KEY_HEADER: `xkey` for Varnish, `Surrogate-Key` for Fastly,
`Cache-Tag` for Cloudflare (keys separated by spaces; Cloudflare wants commas: see
`key_header_value`). Anything else is left alone: a response that already says
Cache-Control (staff pages `private, no-store`, media, /healthz) keeps what it says, and
never carries keys.

Keys. Views name what a page shows with `tag(request, ...)`: `"<model>-<pk>"` for each
object shown (an event, its speakers and topics), `"<model>-list"` for a list whose members
may change (every list of webinars, the speaker list, the sitemap, feeds, calendars). Every
shared response also carries `site`. Keys never name a URL or a language, so purging a key
clears the page in every language and for every `tz` cookie.

Purges. When a model of PAGE_CACHE_APPS is saved or deleted (or a many-to-many relation of
one changes), `changed()` takes its keys -- `instance.purge_keys()` when the model defines
it, else its own key and its list key -- and, once the transaction commits, sends them to
the purge backend (httpcache.purge), once per request: a staff member's save is purged
before the admin's redirect leaves. A purge that fails is logged; the save stands, and the
page is corrected when its s-maxage runs out (or by `manage.py purge_front_cache`).
"""

import datetime
import functools
import logging
import threading
import time

from django.conf import settings
from django.core import checks
from django.db import DatabaseError, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import cc_delim_re
from django.utils.module_loading import import_string

from . import purge

logger = logging.getLogger(__name__)

SITE_KEY = "site"
SHAREABLE_VARY = {"accept-encoding", "accept-language", "cookie"}
DISPATCH_PREFIX = "httpcache-front-"

_pending = threading.local()  # .keys: the set being collected for this request, or None


def object_key(model, pk):
    """The key of one object (str), e.g. "event-7"; `model` a model class or instance."""
    return f"{model._meta.model_name}-{pk}"


def list_key(model):
    """The key of every list of `model` (str), e.g. "event-list"."""
    return f"{model._meta.model_name}-list"


def keys_of(*items):
    """A set of keys from model instances (their object key), model classes (their list
    key) and strings (keys as they are)."""
    keys = set()
    for item in items:
        if isinstance(item, str):
            keys.add(item)
        elif isinstance(item, type) and issubclass(item, Model):
            keys.add(list_key(item))
        else:
            keys.add(object_key(item, item.pk))
    return keys


def tag(request, *items):
    """Add to the keys of the response to `request` (see `keys_of`)."""
    request.__dict__.setdefault("front_cache_keys", set()).update(keys_of(*items))


def tagged(*items):
    """View decorator: `tag` every response of the view with `items`."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            tag(request, *items)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def key_header_value(keys):
    """The key header's value: sorted keys, comma-separated for Cloudflare's Cache-Tag,
    space-separated otherwise (xkey, Surrogate-Key)."""
    separator = "," if settings.FRONT_CACHE_KEY_HEADER.lower() == "cache-tag" else " "
    return separator.join(sorted(keys))


def horizon(request):
    """Seconds (float) until the pages next change by the clock, or None; asked once per
    request and shared with the page cache (`next_change`)."""
    if "front_cache_horizon" not in request.__dict__:
        change = next_change(request)
        request.front_cache_horizon = None if change is None else change.timestamp() - time.time()
    return request.front_cache_horizon


def next_change(request):
    """PAGE_CACHE_HORIZON's answer for this request: when the pages next change by the clock
    (aware datetime), or None (never, or no PAGE_CACHE_HORIZON).

    The answer holds until that moment or the next save (a new site version), so it is kept
    as a fragment (httpcache.fragments: a Unix time, "" for None) until that moment passes;
    once per request at most (`request.page_cache_horizon`). A DatabaseError gives now:
    nothing is kept or shared."""
    from .fragments import cached_fragment  # fragments -> middleware -> front

    if "page_cache_horizon" in request.__dict__:
        return request.page_cache_horizon
    path = getattr(settings, "PAGE_CACHE_HORIZON", None)
    change = None
    if path:

        def ask():
            moment = import_string(path)()
            return "" if moment is None else moment.timestamp()

        def holds(stamp):
            return stamp == "" or stamp > timezone.now().timestamp()

        try:
            stamp = cached_fragment(request, ("horizon",), ask, fresh=holds)
        except DatabaseError:
            # The database went away after the view ran: nothing is kept or shared.
            logger.warning("No page lifetime: the database is unavailable")
            stamp = timezone.now().timestamp()
        if stamp != "":
            change = datetime.datetime.fromtimestamp(stamp, tz=datetime.timezone.utc)
    request.page_cache_horizon = change
    return change


def shareable(request, response):
    """True when `response` holds nothing personal and may be kept by a shared cache."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if response.has_header("Cache-Control") or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("HTTP_AUTHORIZATION"):
        return False  # a CSRF token in the page, or credentials
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    if vary - SHAREABLE_VARY:
        return False
    excluded = tuple(getattr(settings, "PAGE_CACHE_EXCLUDE_PATHS", ()))
    return not request.path_info.startswith(excluded) if excluded else True


def shared_cache_headers(request, response):
    """Add Cache-Control for shared caches and the key header to `response` when it is
    `shareable`; otherwise drop any key header. Returns `response`."""
    header = settings.FRONT_CACHE_KEY_HEADER
    seconds = settings.FRONT_CACHE_SECONDS
    if seconds <= 0 or not shareable(request, response):
        if response.has_header(header):
            del response[header]
        return response
    browser = settings.PAGE_CACHE_BROWSER_SECONDS
    left = horizon(request)
    if left is not None:
        if left < 1:
            return response  # about to change: let the page cache's rules apply
        seconds, browser = min(seconds, int(left)), min(browser, int(left))
    response["Cache-Control"] = (
        f"public, max-age={browser}, s-maxage={seconds}, "
        f"stale-while-revalidate={settings.FRONT_CACHE_STALE_WHILE_REVALIDATE}, "
        f"stale-if-error={settings.FRONT_CACHE_STALE_IF_ERROR}"
    )
    keys = request.__dict__.get("front_cache_keys", set()) | {SITE_KEY}
    response[header] = key_header_value(keys)
    return response


class FrontCacheMiddleware:
    """Shared-cache headers on the way out, and the purges of the request's saves sent once,
    before the response leaves (so the page a staff member is redirected to is fresh)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _pending.keys = set()
        try:
            response = self.get_response(request)
        finally:
            keys, _pending.keys = _pending.keys, None
            if keys:
                send(keys)
        return shared_cache_headers(request, response)


def send(keys):
    """Purge `keys` through the configured backend now; True when it worked. Never raises:
    a failure is logged with the keys, which stay cached until their s-maxage ends."""
    backend = purge.backend()
    if backend is None:
        return True
    started = time.monotonic()
    try:
        backend.purge(sorted(keys))
    except Exception:
        logger.exception(
            "Front cache purge failed; these keys stay cached for up to %s s "
            "(or run `manage.py purge_front_cache %s`)",
            settings.FRONT_CACHE_SECONDS,
            " ".join(sorted(keys)),
        )
        return False
    logger.info(
        "Front cache purged %d keys in %.0f ms",
        len(keys),
        (time.monotonic() - started) * 1000,
        extra={"keys": sorted(keys)},
    )
    return True


def _committed(keys):
    collecting = getattr(_pending, "keys", None)
    if collecting is not None:
        collecting.update(keys)
    else:
        send(keys)


def changed(*items, using=None):
    """Purge what shows `items` (model instances) once the current transaction commits
    (at once outside a transaction). Use after QuerySet.update() and other writes that send
    no model signal."""
    if purge.backend() is None:
        return
    keys = set()
    for item in items:
        own = getattr(item, "purge_keys", None)
        keys |= set(own()) if own else keys_of(item, type(item))
    if keys:
        transaction.on_commit(functools.partial(_committed, keys), using=using)


def _watched(model):
    meta = getattr(model, "_meta", None)
    return meta is not None and meta.app_label in getattr(settings, "PAGE_CACHE_APPS", ())


def _saved_or_deleted(sender, instance, using=None, **kwargs):
    if _watched(sender):
        changed(instance, using=using)


def _relation_changed(sender, instance, action, model, pk_set, using=None, **kwargs):
    if action.startswith("post_") and (_watched(sender) or _watched(type(instance))):
        changed(instance, using=using)
        if pk_set and purge.backend() is not None:
            keys = {object_key(model, pk) for pk in pk_set}
            transaction.on_commit(functools.partial(_committed, keys), using=using)


@checks.register(checks.Tags.caches)
def check_lifetimes(**kwargs):
    """Warn when pages outlive the front cache's lifetime in the app's own cache: they reach
    the front cache with an Age past their s-maxage, and it keeps asking for them again."""
    front, page = settings.FRONT_CACHE_SECONDS, getattr(settings, "PAGE_CACHE_SECONDS", 0)
    if 0 < front < page:
        return [
            checks.Warning(
                f"DJANGO_FRONT_CACHE_SECONDS ({front}) is below DJANGO_PAGE_CACHE_SECONDS "
                f"({page}): pages reach the front cache already expired.",
                hint="Make DJANGO_FRONT_CACHE_SECONDS at least DJANGO_PAGE_CACHE_SECONDS.",
                id="httpcache.W001",
            )
        ]
    return []


def connect():
    post_save.connect(_saved_or_deleted, dispatch_uid=DISPATCH_PREFIX + "save")
    post_delete.connect(_saved_or_deleted, dispatch_uid=DISPATCH_PREFIX + "delete")
    m2m_changed.connect(_relation_changed, dispatch_uid=DISPATCH_PREFIX + "m2m")
