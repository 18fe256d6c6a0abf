"""Middleware of the site's own. Security headers come from Django, django-csp and
django-permissions-policy; this module adapts django-csp's nonce for templates and turns
away addresses with NUL characters."""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.core.exceptions import BadRequest
from django.utils.functional import SimpleLazyObject


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
