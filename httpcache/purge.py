"""Purge backends: how the site tells the cache in front to drop pages, by surrogate key.

A backend is a class named by FRONT_CACHE_PURGE_BACKEND (a dotted path), built once per
process with no arguments (it reads its own settings), with one method:

    purge(keys: list[str]) -> None
        Drop (or mark stale) every cached response tagged with any of `keys`, on every
        cache server or edge location. Raise an exception when that may not have happened
        (the caller logs it with the keys; the save that caused it is never undone).

`VarnishPurger` speaks to Varnish running ops/varnish/default.vcl. A CDN plugs in the same
way, since the keys are the same: Fastly's surrogate-key purge (POST
https://api.fastly.com/service/<id>/purge with a `Surrogate-Key: k1 k2` header, or its
batch form with {"surrogate_keys": [...]}) and Cloudflare's purge by tag (POST
/client/v4/zones/<zone>/purge_cache with {"tags": [...]}, at most 30 tags per call) each
fit in a small subclass of `PurgeBackend`; set FRONT_CACHE_KEY_HEADER to `Surrogate-Key`
or `Cache-Tag` for them. No such backend ships here, since none can be tested on this
machine.

Without FRONT_CACHE_PURGE_URLS (and with the default backend) nothing is purged.
"""

import functools
import http.client
import urllib.parse

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


class PurgeError(Exception):
    """A purge that some cache server did not confirm."""


class PurgeBackend:
    """Interface of a purge backend (see the module's docstring)."""

    def purge(self, keys):
        raise NotImplementedError


class VarnishPurger(PurgeBackend):
    """`PURGE /` with header `xkey-purge: <keys>` to each of FRONT_CACHE_PURGE_URLS (e.g.
    http://10.0.0.5:6081/), one after the other, each with FRONT_CACHE_PURGE_TIMEOUT
    seconds to connect and answer. Every server is tried; PurgeError names those that did
    not answer 200. With FRONT_CACHE_PURGE_SOFT, `xkey-softpurge` marks the pages stale
    instead (served while the new copy is fetched: no wait, and still served if the app is
    down, but one visitor per page sees the old version)."""

    def __init__(self, urls=None, timeout=None, soft=None):
        self.urls = list(settings.FRONT_CACHE_PURGE_URLS if urls is None else urls)
        self.timeout = settings.FRONT_CACHE_PURGE_TIMEOUT if timeout is None else timeout
        soft = settings.FRONT_CACHE_PURGE_SOFT if soft is None else soft
        self.header = "xkey-softpurge" if soft else "xkey-purge"
        for url in self.urls:
            if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
                raise ImproperlyConfigured(f"FRONT_CACHE_PURGE_URLS: {url!r} is not http(s)")

    def purge(self, keys):
        failures = []
        for url in self.urls:
            try:
                status, text = self._send(url, " ".join(keys))
            except OSError as error:
                failures.append(f"{url}: {error}")
                continue
            if status != 200:
                failures.append(f"{url}: HTTP {status} {text[:200]}")
        if failures:
            raise PurgeError("; ".join(failures))

    def _send(self, url, keys):
        parts = urllib.parse.urlsplit(url)
        connection_class = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        connection = connection_class(parts.hostname, parts.port, timeout=self.timeout)
        try:
            connection.request("PURGE", parts.path or "/", headers={self.header: keys})
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()


@functools.cache
def _backend(path, urls):
    if path == "httpcache.purge.VarnishPurger" and not urls:
        return None
    return import_string(path)()


def backend():
    """The configured backend (one per process and settings), or None when purging is off."""
    return _backend(settings.FRONT_CACHE_PURGE_BACKEND, tuple(settings.FRONT_CACHE_PURGE_URLS))
