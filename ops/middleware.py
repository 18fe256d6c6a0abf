import logging

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10


class DatabaseUnavailableMiddleware:
    """Answer 503 Service Unavailable, not 500, while the database cannot be reached.

    A restart or failover of PostgreSQL makes views raise `OperationalError` (connection
    refused, server closed the connection) or `InterfaceError` (connection already closed)
    for a few seconds. Visitors then get a short "try again in a moment" page with
    `Retry-After`, caches and proxies are told not to keep it, and the error is logged.
    Django's persistent connections with `CONN_HEALTH_CHECKS` reconnect on the next request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s", exception, exc_info=exception)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
