from types import SimpleNamespace

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler

#: The port of the throwaway servers these tests start (the project's range is 8300-8349).
SERVER_PORT = 8310


class _ReusablePortThread(LiveServerThread):
    """Django's live server thread, allowed to bind a port still in TIME_WAIT from the
    previous test (Django turns that off because it normally picks a free port), and
    waiting for its request threads when it stops."""

    def _create_server(self, connections_override=None):
        server = self.server_class(
            (self.host, self.port),
            QuietWSGIRequestHandler,
            allow_reuse_address=True,
            connections_override=connections_override,
        )
        # Wait for request threads on shutdown, so that each has closed its database
        # connection before the test database is dropped.
        server.daemon_threads = False
        return server


@pytest.fixture
def http_server(transactional_db, local_http):
    """A real HTTP server on 127.0.0.1:SERVER_PORT for this test only, started after the
    settings above so that its middleware reads them. Yields an object with url, host, port.
    """
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    thread = _ReusablePortThread(
        "127.0.0.1", StaticFilesHandler, connections_override=shared, port=SERVER_PORT
    )
    thread.daemon = True
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield SimpleNamespace(
            url=f"http://127.0.0.1:{SERVER_PORT}", host="127.0.0.1", port=SERVER_PORT
        )
    finally:
        thread.terminate()
        for connection in shared.values():
            connection.dec_thread_sharing()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """These tests sign in dozens of times; the production hasher takes ~0.3 s a time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
