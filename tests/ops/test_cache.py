import logging
import secrets
import shutil

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from ops.cache import DegradingRedisCache

from .servers import REDIS_PORTS, Redis, free_port

SHARED_REDIS = "redis://127.0.0.1:6379/0"


def _cache(url, **options):
    return DegradingRedisCache(
        url, {"KEY_PREFIX": f"test-ops-{secrets.token_hex(4)}", "OPTIONS": options}
    )


@pytest.fixture
def down_cache():
    """A cache whose Redis does not exist: nothing listens on its port."""
    return _cache(f"redis://127.0.0.1:{free_port(REDIS_PORTS, claim=False)}/0")


@pytest.fixture
def shared_cache():
    cache = _cache(SHARED_REDIS)
    try:
        cache.ping()
    except RedisConnectionError:
        pytest.skip("the machine's Redis on 127.0.0.1:6379 is not running")
    yield cache
    cache.delete_many(["a", "b", "n"])


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda c: c.get("a"), None),
        (lambda c: c.get("a", "fallback"), "fallback"),
        (lambda c: c.set("a", 1), None),
        (lambda c: c.add("a", 1), False),
        (lambda c: c.touch("a"), False),
        (lambda c: c.delete("a"), False),
        (lambda c: c.has_key("a"), False),
        (lambda c: c.get_many(["a", "b"]), {}),
        (lambda c: c.set_many({"a": 1, "b": 2}), ["a", "b"]),
        (lambda c: c.delete_many(["a", "b"]), None),
        (lambda c: c.get_or_set("a", "computed"), "computed"),
        (lambda c: c.clear(), False),
    ],
)
def test_degrading_cache_with_redis_down_answers_as_an_empty_cache(down_cache, call, expected):
    assert call(down_cache) == expected


def test_degrading_cache_with_redis_down_incr_raises_value_error_as_for_missing_key(down_cache):
    with pytest.raises(ValueError, match="not found"):
        down_cache.incr("n")


def test_degrading_cache_with_redis_down_logs_once_per_pause(down_cache, caplog):
    with caplog.at_level(logging.WARNING, logger="ops.cache"):
        for _ in range(5):
            down_cache.get("a")

    assert [r.getMessage() for r in caplog.records] == [
        "Cache unavailable; serving without it for 5 s"
    ]
    assert caplog.records[0].cache_operation == "get"


def test_degrading_cache_ping_raises_while_redis_down(down_cache):
    with pytest.raises(RedisConnectionError):
        down_cache.ping()


def test_degrading_cache_with_redis_up_behaves_as_redis_cache(shared_cache):
    shared_cache.set("a", {"title": "Résilience"}, 30)
    shared_cache.set("n", 41, 30)

    assert shared_cache.get("a") == {"title": "Résilience"}
    assert shared_cache.incr("n") == 42
    assert shared_cache.get_many(["a", "b"]) == {"a": {"title": "Résilience"}}
    assert shared_cache.add("a", "other") is False
    assert shared_cache.ping() is True


@pytest.mark.servers
@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed")
def test_degrading_cache_used_again_after_redis_restarts_and_ping_succeeds():
    server = Redis().start()
    cache = _cache(server.url, retry_after=60)
    try:
        cache.set("a", "before", 30)
        server.stop()
        during = cache.get("a", "missing")
        server.start()
        paused = cache.get("a", "missing")  # within retry_after: Redis not asked
        cache.ping()
        cache.set("a", "after", 30)
        after = cache.get("a")
    finally:
        server.stop()

    assert (during, paused, after) == ("missing", "missing", "after")


def test_page_cache_version_bump_reaches_redis_during_a_pause(shared_cache, settings):
    """A worker still pausing after an outage must not lose a staff edit's version bump."""
    from django.core.cache import caches

    from httpcache import version

    settings.CACHES = {
        "default": settings.CACHES["default"],
        "pages": {
            "BACKEND": "ops.cache.DegradingRedisCache",
            "LOCATION": SHARED_REDIS,
            "KEY_PREFIX": shared_cache.key_prefix,
        },
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    pages = caches["pages"]
    pages.set(version.VERSION_KEY, "before", None)
    pages._unavailable_until = float("inf")  # as just after a failed call, Redis now back

    version.bump()

    assert shared_cache.get(version.VERSION_KEY) not in (None, "before")
    shared_cache.delete(version.VERSION_KEY)
