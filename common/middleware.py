"""Middleware of the site's own. Security headers come from Django, django-csp and
django-permissions-policy; this module adapts django-csp's nonce for templates, gives static
files the same headers at no cost per request, and turns away addresses with NUL characters."""

import functools

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.module_loading import import_string

# The middleware that write security headers, innermost last, as in settings.MIDDLEWARE.
SECURITY_MIDDLEWARE = (
    "django.middleware.security.SecurityMiddleware",
    "common.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
)


class _SecureProbe(HttpRequest):
    """A request over HTTPS for "/", only to see which headers the middleware add."""

    def __init__(self):
        super().__init__()
        self.path = self.path_info = "/"
        self.method = "GET"
        self.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "443"}

    def _get_scheme(self):
        return "https"


@functools.cache
def security_headers():
    """The security headers (a tuple of (name, value)) every response carries: HSTS,
    nosniff, Referrer-Policy, COOP, the CSP without a nonce, Permissions-Policy and frame
    denial, exactly as Django, django-csp and django-permissions-policy write them (they are
    run once, on an empty response to an HTTPS request, with the site's settings)."""
    chain = lambda request: HttpResponse()  # noqa: E731
    for path in reversed(SECURITY_MIDDLEWARE):
        chain = import_string(path)(chain)
    response = chain(_SecureProbe())
    return tuple((k, v) for k, v in response.items() if k.lower() != "content-type")


def add_security_headers(headers, path, url):
    """WHITENOISE_ADD_HEADERS_FUNCTION: static files get `security_headers()`. WhiteNoise
    calls it once per file when it indexes the files, so serving one costs nothing more.
    (HSTS on a plain-http answer is ignored by browsers, as RFC 6797 requires.)"""
    for name, value in security_headers():
        headers[name] = value


class CSPMiddleware(BaseCSPMiddleware):
    """django-csp's middleware, with a `request.csp_nonce` that templates can test.

    django-csp makes the nonce lazily and its lazy object is false until something has read
    it, so `{% if request.csp_nonce %}` would skip the nonce. Here the first use of any kind,
    a truth test included, makes the nonce (a base64 str) and so adds `'nonce-…'` to the
    script-src of that response; pages that never use it carry no nonce.
    """

    def process_request(self, request):
        super().process_request(request)
        lazy_nonce = request.csp_nonce
        request.csp_nonce = SimpleLazyObject(lambda: str(lazy_nonce))


def reject_null_characters(get_response):
    """Answer 400 Bad Request to an address whose path or query string holds a NUL
    character (raw or as %00). No page needs one, and PostgreSQL refuses them in text,
    which would otherwise turn such a request into a server error."""

    def middleware(request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "\x00" in query or "%00" in query:
            raise BadRequest("The address contains a null character.")
        return get_response(request)

    return middleware
