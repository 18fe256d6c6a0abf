import copy

import pytest
from pytest_django.live_server_helper import LiveServer

#: The port of the throwaway servers these tests start (the project's range is 8300-8349).
SERVER_PORT = 8310


@pytest.fixture
def local_http(settings):
    """The settings DJANGO_HTTPS=false gives: plain http on this machine (no redirect, no
    HSTS, no secure cookies, no upgrade-insecure-requests); everything else as in production."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["upgrade-insecure-requests"] = False
    settings.CONTENT_SECURITY_POLICY = policy
    return settings


@pytest.fixture
def http_server(transactional_db, local_http):
    """A real HTTP server on 127.0.0.1:SERVER_PORT for this test only, started after the
    settings above so that its middleware reads them. Yields the LiveServer (`.url`)."""
    server = LiveServer(f"127.0.0.1:{SERVER_PORT}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """These tests sign in dozens of times; the production hasher takes ~0.3 s a time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
