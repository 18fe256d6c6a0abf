"""Faults on the site's own throwaway servers: PostgreSQL dies under load, Redis stops.

Only the servers that tests/ops/conftest.py started are stopped here, never the machine's
shared PostgreSQL (5432) or Redis (6379).
"""

import collections
import secrets
import threading
import time
from dataclasses import dataclass

import pytest

from .conftest import DEMO_SLUG, STAFF_PASSWORD, STAFF_USER
from .servers import Browser, wait_for

pytestmark = pytest.mark.servers

EVENT_PAGE = f"/events/{DEMO_SLUG}/"
LOAD_PATHS = ["/", "/events/", EVENT_PAGE]
OUTAGE_SECONDS = 2.0


@dataclass(frozen=True)
class Sample:
    """One request: when it `started` (time.monotonic()) and its HTTP `status` (0: no answer)."""

    started: float
    status: int


def watch(url, paths, clients, stop):
    """Requests from `clients` threads, each taking `paths` in turn, until `stop` is set;
    the `Sample`s in completion order. Not a load driver (that is scripts/wrk.py): it
    records the status of every request over time, which a fault test needs."""
    samples = []

    def client(offset):
        browser, turn = Browser(url), offset
        while not stop.is_set():
            started = time.monotonic()
            status = browser.get(paths[turn % len(paths)]).status
            samples.append(Sample(started, status))
            turn += 1
            if status == 0:
                time.sleep(0.05)  # a refused connection returns at once; do not spin

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return samples


def _edit_event_title(instance, new_title):
    staff = Browser(instance.url)
    assert staff.log_in(STAFF_USER, STAFF_PASSWORD)
    changelist = staff.get("/admin/events/event/?q=SMART+Cities")  # the demo webinar
    marker = "/admin/events/event/"
    start = changelist.text.index(marker, changelist.text.index('id="result_list"'))
    change_url = changelist.text[start : changelist.text.index('"', start)]
    assert staff.submit(change_url, {"title_en": new_title}).status == 302


def test_postgres_outage_under_load_gives_503_then_200_and_keeps_edits(instances, pg):
    first, second = instances
    edited_title = f"Edited before the outage {secrets.token_hex(3)}"
    _edit_event_title(first, edited_title)
    results = {}
    stop = threading.Event()

    def load(instance):
        results[instance.url] = watch(instance.url, LOAD_PATHS, 4, stop)

    threads = [threading.Thread(target=load, args=(i,)) for i in instances]
    for thread in threads:
        thread.start()
    time.sleep(3)
    pid_before = pg.pid()

    down_at = time.monotonic()
    pg.stop("immediate")  # as a crash: no checkpoint, recovery from the WAL on start
    time.sleep(OUTAGE_SECONDS / 2)
    health_down = Browser(first.url).get("/healthz")
    # A page not in the page cache needs the database: 503. The cached page stays up.
    page_down = Browser(second.url).get(f"/events/?q={secrets.token_hex(4)}")
    cached_down = Browser(second.url).get(EVENT_PAGE)
    time.sleep(OUTAGE_SECONDS / 2)
    pg.start()
    up_at = time.monotonic()
    time.sleep(4)
    stop.set()
    for thread in threads:
        thread.join(30)
    samples = [s for instance_samples in results.values() for s in instance_samples]
    after_recovery = [s for s in samples if s.started > up_at + 1.0]
    first_ok = min(s.started for s in samples if s.started >= up_at and s.status == 200)
    statuses = collections.Counter(s.status for s in samples)
    print(
        f"\nPostgreSQL down for {up_at - down_at:.1f} s; first 200 {first_ok - up_at:.2f} s "
        f"after it accepted connections; statuses {dict(statuses)}"
    )

    assert pg.pid() != pid_before
    assert (health_down.status, health_down.json()) == (
        503,
        {"status": "unavailable", "database": "unavailable", "cache": "ok"},
    )
    assert (page_down.status, page_down.headers["Retry-After"]) == (503, "10")
    assert cached_down.status == 200
    assert "Temporarily unavailable" in page_down.text
    # Never a 500, never a refused connection; pages in the page cache may stay 200 throughout.
    assert set(statuses) <= {200, 503}
    assert first_ok - up_at < 3.0
    assert len(after_recovery) >= 20
    assert {s.status for s in after_recovery} == {200}
    for instance in instances:
        page = Browser(instance.url).get(EVENT_PAGE)
        assert (page.status, edited_title in page.text) == (200, True)


def test_redis_stopped_pages_still_render_and_healthz_says_degraded(instances, redis_server):
    first, second = instances
    title = Browser(first.url).get(EVENT_PAGE).text.split("<title>")[1].split("</title>")[0]
    redis_server.stop()
    try:
        pages = [Browser(i.url).get(path) for i in instances for path in LOAD_PATHS]
        health = Browser(second.url).get("/healthz")
        staff = Browser(first.url)
        signed_in = staff.log_in(STAFF_USER, STAFF_PASSWORD)
        admin_index = staff.get("/admin/")
    finally:
        redis_server.start()
    health_after = Browser(second.url).get("/healthz")

    assert [p.status for p in pages] == [200] * len(pages)
    assert f"<title>{title}</title>" in pages[2].text
    assert (health.status, health.json()) == (
        200,
        {"status": "degraded", "database": "ok", "cache": "unavailable"},
    )
    assert (signed_in, admin_index.status) == (True, 200)
    assert (health_after.status, health_after.json()["cache"]) == (200, "ok")


def test_redis_back_after_a_stop_is_used_again_by_both_instances(instances, redis_server):
    redis_server.stop()
    for instance in instances:
        assert Browser(instance.url).get("/events/").status == 200
    redis_server.start()

    def both_healthy():
        return all(Browser(i.url).get("/healthz").json()["cache"] == "ok" for i in instances)

    wait_for(both_healthy, 10, "cache on both instances")
    assert [Browser(i.url).get(EVENT_PAGE).status for i in instances] == [200, 200]
