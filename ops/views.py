import logging
import secrets

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return False


def _cache_ok():
    """True when a value written to the cache reads back. A cache that hides its errors
    (django-redis with IGNORE_EXCEPTIONS) reads back nothing while its server is down."""
    token = secrets.token_hex(8)
    try:
        cache.set("ops:healthz", token, 10)
        if cache.get("ops:healthz") == token:
            return True
    except Exception:
        logger.exception("Health check: cache unavailable")
        return False
    logger.warning("Health check: cache unavailable (a value written did not read back)")
    return False


@never_cache
def healthz(request):
    """Report whether this instance can serve pages, for load balancers and monitoring.

    Response (JSON, never cached):
      200 {"status": "ok", "database": "ok", "cache": "ok"}
      200 {"status": "degraded", "database": "ok", "cache": "unavailable"}: pages are
          still served, without the cache (settings.REDIS_CACHE_OPTIONS); monitoring
          should alert on it, but a load balancer must keep the instance, or a shared
          Redis outage would take every instance out of rotation.
      503 {"status": "unavailable", "database": "unavailable", "cache": ...}: the database
          does not answer `SELECT 1`; take this instance out of rotation.
    Error details go to the log, not to the response.
    """
    database = _database_ok()
    cache_up = _cache_ok()
    if not database:
        status, code = "unavailable", 503
    else:
        status, code = ("ok" if cache_up else "degraded"), 200
    return JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "unavailable",
            "cache": "ok" if cache_up else "unavailable",
        },
        status=code,
    )
