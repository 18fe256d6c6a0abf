"""Slow clients cannot freeze the site (issue 9, item 4).

A slow client (slowloris) opens a connection and sends a header line every few seconds,
never finishing its request. With sync workers, each such connection held a whole worker:
five froze the production config, two froze `make run`. With threaded workers
(gunicorn.conf.py) 50 of them leave ordinary requests answering within a second.
Everything runs on loopback and is bounded: 50 connections for about 12 seconds.
"""

import socket
import threading
import time

import pytest

from .conftest import DEMO_SLUG
from .servers import Browser, Gunicorn

pytestmark = pytest.mark.servers

SLOW_CLIENTS = 50
LINE_EVERY = 3  # seconds between header lines of each slow client
ROUNDS = 6  # ordinary requests made while the slow clients hold on, ~2 s apart


def _hold_slowly(port, stop, opened):
    """One slow client: a request line, then one header line every LINE_EVERY seconds
    until `stop` is set; never the blank line that would end the headers."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n".encode())
            opened.release()
            n = 0
            while not stop.wait(LINE_EVERY):
                n += 1
                conn.sendall(f"X-Slow-{n}: still here\r\n".encode())
    except OSError:
        opened.release()  # the server closed it: it does not hold anything either


@pytest.mark.parametrize("workers", [None, 2], ids=["production-config", "make-run (2 workers)"])
def test_ordinary_requests_answer_within_a_second_beside_50_slow_clients(site, tmp_path, workers):
    server = Gunicorn(site, tmp_path / "gunicorn.log", workers=workers).start()
    stop, opened = threading.Event(), threading.Semaphore(0)
    holders = [
        threading.Thread(target=_hold_slowly, args=(server.port, stop, opened), daemon=True)
        for _ in range(SLOW_CLIENTS)
    ]
    browser = Browser(server.url)
    paths = ("/healthz", f"/events/{DEMO_SLUG}/", "/events/")
    try:
        # Warm up first (templates, connections, the page cache), so that what is timed
        # below is the slow clients' effect, not a cold worker's first request.
        for _ in range(4 * (workers or 5)):
            for path in paths:
                browser.get(path)
        for holder in holders:
            holder.start()
        for _ in range(SLOW_CLIENTS):
            assert opened.acquire(timeout=10), "a slow client could not connect"
        time.sleep(LINE_EVERY + 0.5)  # every slow client is now mid-request on the server

        timings = []
        for _ in range(ROUNDS):
            for path in paths:
                started = time.monotonic()
                response = browser.get(path, timeout=5)
                timings.append((path, response.status, time.monotonic() - started))
            time.sleep(1)
        alive = sum(holder.is_alive() for holder in holders)
    finally:
        stop.set()
        for holder in holders:
            holder.join(10)
        server.stop()

    assert [status for _path, status, _t in timings] == [200] * len(timings), timings
    slowest = max(seconds for _path, _status, seconds in timings)
    assert slowest < 1.0, timings
    assert alive == SLOW_CLIENTS  # the slow clients were still holding on throughout
