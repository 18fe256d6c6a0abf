"""Page-cache hits answered in front of Django's WSGI handler.

`PageCacheApplication(django_application)` is the WSGI application gunicorn runs
(webinar_site/wsgi.py). For a request the page cache may answer (PageCacheMiddleware's
rules: GET or HEAD, no session or messages cookie, not an excluded path) whose page is stored
and fresh, it sends the stored answer itself, as the middleware would: same key, same
headers, same 304s. Django's handler never runs for it, and so neither do its
request_started and request_finished signals (which close stale database connections) nor
the middleware chain, which together were most of a hit's cost. Every other request, and
any request when the cache cannot be reached, goes to Django unchanged; the middleware then
looks the page up again (one more cache round trip on a miss) and stores what it renders,
or, when this lookup failed, renders without trying the cache again.
"""

import logging

from django.core.handlers.wsgi import WSGIRequest

from .middleware import UNREACHABLE, PageCacheMiddleware
from .version import page_cache

logger = logging.getLogger(__name__)


class PageCacheApplication:
    """WSGI application: stored pages from the page cache, everything else from `app`."""

    def __init__(self, app):
        self.app = app
        self.pages = PageCacheMiddleware(get_response=None)

    def __call__(self, environ, start_response):
        response = self.hit(environ)
        if response is None:
            return self.app(environ, start_response)
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, list(response.items()))
        return [response.content]

    def hit(self, environ):
        """The stored answer (an HttpResponse, or a 304) to the request in `environ`, or
        None when Django must answer it."""
        try:
            # A copy: WSGIRequest writes the decoded PATH_INFO and SCRIPT_NAME back into the
            # dict it is given, and Django's handler would decode them a second time.
            request = WSGIRequest(environ.copy())
            if not self.pages.cacheable_request(request):
                return None
            # page_key narrows the query string on a copy of request.META, never the
            # environ: Django sees the request as it came when the page is not stored.
            entry, _version = self.pages.lookup(page_cache(), self.pages.key(request))
            return None if entry is None else entry.respond(request)
        except Exception:
            logger.exception("Page cache unavailable; rendering %s", environ.get("PATH_INFO"))
            environ[UNREACHABLE] = True  # the middleware renders without trying again
            return None
