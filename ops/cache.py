"""A Redis cache that degrades to "no cache" instead of failing requests.

Django's built-in `RedisCache` raises `redis.exceptions.ConnectionError` from every call
while Redis is down, so a stopped cache server would turn every page into a 500. This
subclass catches connection and timeout errors, logs one warning, and answers as an empty
cache would (`get` returns the default, `set` stores nothing). For `retry_after` seconds
after a failure it does not even try Redis, so a cache server that hangs instead of
refusing costs one timeout per window, not one per call.

`ping()` is the one method that does raise: `/healthz` uses it to report the cache's state.

Configure with `CACHE_URL=redis://host:6379/1`; settings pick this backend for redis URLs.
OPTIONS understood besides redis-py's connection options:
    retry_after (float, seconds, default 5): how long to skip Redis after a failure.
Defaults added unless given: socket_connect_timeout and socket_timeout of 1 s, and one
immediate retry, so a pooled connection left stale by a Redis restart reconnects quietly.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class DegradingRedisCache(RedisCache):
    """`RedisCache` whose calls, while Redis is unreachable, behave as on an empty cache."""

    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("retry_after", 5))
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        options.setdefault("retry", Retry(NoBackoff(), 1))
        super().__init__(server, {**params, "OPTIONS": options})
        self._unavailable_until = 0.0

    def _call(self, method, fallback, *args, **kwargs):
        """Run `RedisCache.<method>`; on a connection failure log it and return `fallback`."""
        if time.monotonic() < self._unavailable_until:
            return fallback
        try:
            return getattr(super(), method)(*args, **kwargs)
        except UNAVAILABLE as error:
            self._unavailable_until = time.monotonic() + self.retry_after
            logger.warning(
                "Cache unavailable; serving without it for %.0f s",
                self.retry_after,
                extra={"cache_error": repr(error), "cache_operation": method},
            )
            return fallback

    def ping(self):
        """Ask Redis for PONG; raise the connection error if it does not answer (for /healthz).

        A successful ping also ends the pause after a failure, so the cache is used again at once.
        """
        self._cache.get_client(write=True).ping()
        self._unavailable_until = 0.0
        return True

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        """As `RedisCache.incr`; while Redis is down, raise ValueError as for a missing key."""
        result = self._call("incr", None, key, delta, version)
        if result is None:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
