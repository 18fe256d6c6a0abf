"""httpcache.wsgi.PageCacheApplication: stored pages answered before Django's handler, the
same answer Django's page-cache middleware gives; everything else passed on unchanged."""

import io
import sys

import pytest
from django.core.signals import request_started

from httpcache.wsgi import PageCacheApplication


def environ(path, query="", **headers):
    """A WSGI environ for a GET of `path` as the test client sends it (no Host header)."""
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False, "wsgi.version": (1, 0), **headers,
    }  # fmt: skip


class Django:
    """Stands where Django's handler is: records the environs it is given, answers 299."""

    def __init__(self):
        self.environs = []

    def __call__(self, environ, start_response):
        self.environs.append(dict(environ))
        start_response("299 Passed On", [("Content-Type", "text/plain")])
        return [b"from Django"]


def call(app, env):
    """(status line, {header: value}, body bytes) of one WSGI call."""
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(app(env, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture
def stored(client, make_event):
    """The path of an event page the page cache holds (stored by a visit through Django)."""
    event = make_event(title="Water and cities")
    path = event.get_absolute_url()
    assert client.get(path).status_code == 200
    return path


def test_a_stored_page_is_answered_as_django_answers_it_without_django(client, stored):
    django, started = Django(), []
    request_started.connect(started.append)
    try:
        status, headers, body = call(
            PageCacheApplication(django), environ(stored, HTTP_ACCEPT_ENCODING="gzip")
        )
    finally:
        request_started.disconnect(started.append)
    through_django = client.get(stored, HTTP_ACCEPT_ENCODING="gzip")

    assert (django.environs, started) == ([], [])  # no handler, no request signals
    assert status == "200 OK"
    assert body == through_django.content
    assert headers["Content-Encoding"] == "gzip"
    expected = {k: v for k, v in through_django.items() if k != "Age"}
    assert {k: v for k, v in headers.items() if k != "Age"} == expected
    assert "Content-Security-Policy" in headers and "ETag" in headers


def test_a_stored_page_answers_a_conditional_request_with_304(stored, client):
    etag = client.get(stored)["ETag"]

    status, headers, body = call(
        PageCacheApplication(Django()), environ(stored, HTTP_IF_NONE_MATCH=etag)
    )

    assert status == "304 Not Modified"
    assert body == b"" and headers["ETag"] == etag


@pytest.mark.parametrize(
    "env",
    [
        environ("/events/", query="q=water&utm_source=mail"),  # not stored yet
        environ("/", HTTP_COOKIE="sessionid=abc"),  # signed in: never from the cache
        {**environ("/"), "REQUEST_METHOD": "POST"},
        environ("/static/css/site.css"),  # WhiteNoise's, inside Django
        environ("/events/caf\xc3\xa9/"),  # "café" as WSGI gives it: UTF-8 bytes as Latin-1
        environ("/ar/events/\xd9\x85\xd8\xaf\xd9\x86/"),  # "مدن"
    ],
    ids=["not-stored", "session", "post", "static", "accented", "arabic"],
)
def test_anything_else_goes_to_django_unchanged(stored, env):
    django = Django()

    status, _headers, body = call(PageCacheApplication(django), dict(env))

    assert (status, body) == ("299 Passed On", b"from Django")
    assert django.environs[0]["QUERY_STRING"] == env["QUERY_STRING"]
    assert django.environs[0]["PATH_INFO"] == env["PATH_INFO"]


def test_an_unreachable_cache_passes_every_request_to_django(stored, settings):
    settings.CACHES = {  # a Redis server on a port where nothing listens
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
    django = Django()

    status, _headers, _body = call(PageCacheApplication(django), environ(stored))

    assert status == "299 Passed On" and len(django.environs) == 1
    assert django.environs[0]["httpcache.unreachable"] is True  # Django won't wait again


def test_the_middleware_does_not_try_a_cache_the_application_found_unreachable(client, stored):
    # The page is stored and fresh, but the environ says the cache just failed: rendered.
    response = client.get(stored, **{"httpcache.unreachable": True})

    assert response.status_code == 200
    assert "ETag" not in response  # not from the cache


def test_an_empty_host_is_never_answered_with_the_page_of_a_missing_one(stored):
    # The test client sends no Host header: the page was stored for SERVER_NAME:SERVER_PORT.
    django = Django()

    status, _headers, _body = call(PageCacheApplication(django), environ(stored, HTTP_HOST=""))

    assert status == "299 Passed On"  # Django answers it (and refuses the empty Host)
