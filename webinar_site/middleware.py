"""Middleware of the site's own. Security headers come from Django, django-csp and
django-permissions-policy; this module only adapts django-csp's nonce for templates."""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
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
