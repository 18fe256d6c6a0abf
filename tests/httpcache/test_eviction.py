"""A full Redis evicts old pages instead of refusing new ones (README "Caching").

Starts a redis-server of its own on a spare port (tests/ops/servers.Redis) configured as the
README says production's must be, with a small `maxmemory`, and fills it through the page
cache with more distinct pages than fit.
"""

import shutil

import pytest
import redis
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from httpcache.middleware import page_key, static_release
from tests.ops.servers import Redis

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server (Debian package redis)"
)

MAXMEMORY = 2 * 1024 * 1024  # bytes


@pytest.fixture
def small_redis(settings):
    server = Redis(["--maxmemory", str(MAXMEMORY), "--maxmemory-policy", "allkeys-lru"]).start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }
    yield server, redis.Redis(port=server.port)
    caches["default"].close()
    server.stop()


def test_full_cache_evicts_old_pages_and_keeps_serving(small_redis, make_event, rf):
    server, client = small_redis
    for n in range(12):
        make_event(title=f"Webinar number {n} " + "with a long title " * 20, slug=f"w{n}")
    searches = [f"{reverse('events:list')}?q=number+{n}+x{n}" for n in range(120)]

    statuses = [Client().get(path).status_code for path in searches]
    memory = client.info("memory")
    stats = client.info("stats")
    again = Client().get(searches[-1])

    first_key = caches["default"].make_key(page_key(rf.get(searches[0]), static_release()))
    assert statuses == [200] * len(searches)
    assert stats["evicted_keys"] > 0
    assert memory["used_memory"] <= MAXMEMORY * 1.1
    assert client.exists(first_key) == 0
    assert again.status_code == 200 and "ETag" in again
