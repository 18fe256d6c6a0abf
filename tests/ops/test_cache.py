"""The Redis cache as settings.py configures it (django-redis, REDIS_CACHE_OPTIONS): while
Redis is down, pages are served uncached; once it is back, it is used again."""

import logging
import secrets
import shutil

import pytest
from django.core.cache import caches

from httpcache import version
from tests.html_tags import one, text

from .servers import REDIS_PORTS, Redis, free_port


def _redis_caches(settings, url):
    """Point the default cache at `url`, configured as settings.py does for redis:// URLs."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-ops-{secrets.token_hex(4)}",
            "OPTIONS": settings.REDIS_CACHE_OPTIONS,
        }
    }
    return caches["default"]


@pytest.fixture
def down_cache(settings):
    """The default cache on a Redis that does not exist: nothing listens on its port."""
    return _redis_caches(settings, f"redis://127.0.0.1:{free_port(REDIS_PORTS, claim=False)}/0")


def test_redis_down_pages_are_served_uncached(client, make_event, down_cache, caplog):
    event = make_event(title="Resilient cities")

    with caplog.at_level(logging.ERROR, logger="django_redis"):
        first = client.get(event.get_absolute_url())
        second = client.get(event.get_absolute_url())

    for response in (first, second):
        assert response.status_code == 200
        assert text(one(response.content, "h1")) == "Resilient cities"
    assert any(r.name == "django_redis.cache" for r in caplog.records)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda c: c.get("a"), None),
        (lambda c: c.get("a", "fallback"), "fallback"),
        (lambda c: c.get_many(["a", "b"]), {}),
        (lambda c: c.get_or_set("a", "computed"), "computed"),
        (lambda c: c.has_key("a"), None),
    ],
)
def test_redis_down_cache_reads_as_empty(down_cache, call, expected):
    assert call(down_cache) == expected


@pytest.mark.servers
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")
def test_redis_back_after_a_stop_is_used_again_and_gets_the_version_bump(settings):
    server = Redis().start()
    cache = _redis_caches(settings, server.url)
    try:
        cache.set("a", "before", 30)
        cache.set(version.VERSION_KEY, "before", None)
        server.stop()
        during = cache.get("a", "missing")
        server.start()
        version.bump()  # a staff edit right after the outage must reach Redis
        cache.set("a", "after", 30)
        after = cache.get("a")
        bumped = cache.get(version.VERSION_KEY)
    finally:
        server.stop()

    assert (during, after) == ("missing", "after")
    assert bumped not in (None, "before")
