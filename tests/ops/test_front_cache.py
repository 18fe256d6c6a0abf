"""Varnish (ops/varnish/default.vcl) in front of two gunicorn instances, as a CDN would be.

The instances share the throwaway PostgreSQL and Redis of conftest.py and purge Varnish
after every save (DJANGO_FRONT_CACHE_PURGE_URLS). Pages live 10 s in Varnish here (so that
the outage test sees them expire and served stale); purges, not that lifetime, must make
edits show.
"""

import json
import secrets
import time

import pytest

from scripts.wrk import drive
from tests.html_tags import find_tags

from .conftest import DEMO_SLUG, STAFF_PASSWORD, STAFF_USER
from .servers import (
    FRONT_WEB_PORTS,
    VARNISH_PORTS,
    Browser,
    Gunicorn,
    Varnish,
    free_port,
    manage,
    varnish_installed,
    wait_for,
)

pytestmark = pytest.mark.servers

EVENT_PAGE = f"/events/{DEMO_SLUG}/"
SHARED_SECONDS = 10
PUBLIC_PAGES = [
    "/",
    "/events/",
    EVENT_PAGE,
    f"{EVENT_PAGE}calendar.ics",
    "/events/calendar.ics",
    "/events/feed/",
    "/sitemap.xml",
    "/speakers/",
]


@pytest.fixture(scope="module")
def front(site, tmp_path_factory):
    """(Varnish, [two Gunicorn]) with Varnish's purge URL given to both instances."""
    if not varnish_installed():
        pytest.skip("varnishd or the xkey vmod (varnish-modules) is not installed")
    varnish = Varnish(port=free_port(VARNISH_PORTS))
    env = {
        **site,
        "DJANGO_FRONT_CACHE_PURGE_URLS": f"{varnish.url}/",
        "DJANGO_FRONT_CACHE_SECONDS": str(SHARED_SECONDS),
        # Never longer in the app's cache than in Varnish (a page arrives with its Age).
        "DJANGO_PAGE_CACHE_SECONDS": str(SHARED_SECONDS),
        "DJANGO_LOG_LEVEL": "INFO",  # the purge log lines, for the purge times
        "DJANGO_FRONT_CACHE_STALE_WHILE_REVALIDATE": "5",
        "DJANGO_FRONT_CACHE_STALE_IF_ERROR": "600",
    }
    logs = tmp_path_factory.mktemp("front")
    apps = [Gunicorn(env, logs / name, ports=FRONT_WEB_PORTS) for name in ("a.log", "b.log")]
    varnish.start([("127.0.0.1", app.port) for app in apps])
    try:
        for app in apps:
            app.start()
        wait_for(lambda: Browser(varnish.url).get("/healthz").status == 200, 20, "backends")
        yield varnish, apps
    finally:
        for app in apps:
            app.stop()
        varnish.stop()


def _event_pk(site):
    code = f"from events.models import Event; print(Event.objects.get(slug='{DEMO_SLUG}').pk)"
    return manage(site, "shell", "-v", "0", "-c", code).strip().splitlines()[-1]


def _speaker_pks(site):
    code = (
        "from events.models import EventSpeaker as S; "
        f"print(*S.objects.filter(event__slug='{DEMO_SLUG}').values_list('speaker_id', flat=True))"
    )
    return manage(site, "shell", "-v", "0", "-c", code).strip().splitlines()[-1].split()


def _get_twice(url, path, **cookies):
    client = Browser(url)
    client.cookies = dict(cookies)
    first = client.get(path)
    second = client.get(path)
    return first, second


def test_anonymous_pages_carry_shared_cache_headers_and_keys(front, site):
    varnish, (app, _) = front
    pk, speakers = _event_pk(site), _speaker_pks(site)

    page = Browser(app.url).get(EVENT_PAGE)
    event_list = Browser(app.url).get("/events/")

    directives = {d.strip() for d in page.headers["Cache-Control"].split(",")}
    assert directives == {
        "public",
        "max-age=60",
        f"s-maxage={SHARED_SECONDS}",
        "stale-while-revalidate=5",
        "stale-if-error=600",
    }
    keys = set(page.headers["xkey"].split())
    assert {"site", f"event-{pk}"} | {f"speaker-{s}" for s in speakers} <= keys
    assert "event-list" not in keys
    assert {"site", "event-list", "topic-list"} <= set(event_list.headers["xkey"].split())
    assert page.headers.get("Set-Cookie") is None
    assert len(speakers) >= 2


def test_anonymous_traffic_is_answered_from_varnish(front):
    varnish, _ = front
    for path in PUBLIC_PAGES:  # one miss each, before counting
        assert Browser(varnish.url).get(path).status == 200, path
    before = varnish.stats()

    figures = drive(varnish.url, PUBLIC_PAGES, 30, connections=50)

    # varnishstat's counters lag the traffic by up to a second or so.
    wait_for(
        lambda: (
            varnish.stats()["MAIN.client_req"] - before["MAIN.client_req"] >= figures["requests"]
        ),
        10,
        "varnishstat counters",
    )
    after = varnish.stats()
    requests = after["MAIN.client_req"] - before["MAIN.client_req"]
    hits = after["MAIN.cache_hit"] - before["MAIN.cache_hit"]
    backend = after["MAIN.backend_req"] - before["MAIN.backend_req"]
    print(
        f"\n50 clients x 30 s through Varnish: {figures['requests']} requests "
        f"({figures['rps']:.0f}/s), {hits / requests:.4%} answered from the cache, "
        f"{backend} reached gunicorn, p50 {figures['p50_ms']:.1f} ms, p99 "
        f"{figures['p99_ms']:.1f} ms, {figures['errors']} errors"
    )
    assert figures["errors"] == 0
    assert requests >= figures["requests"] > 50 * 30
    assert hits / requests >= 0.99
    assert backend / requests <= 0.01


def test_admin_edit_shows_through_varnish_within_two_seconds(front, site):
    varnish, apps = front
    pk = _event_pk(site)
    new_title = f"Coastal Cities Online {secrets.token_hex(3)}"
    watched = ["/", "/events/", EVENT_PAGE, "/events/feed/", "/events/calendar.ics"]
    for path in [*watched, "/robots.txt"]:
        Browser(varnish.url).get(path)
    cached = [Browser(varnish.url).get(p).headers["X-Cache"] for p in watched]
    staff = Browser(varnish.url)  # the admin through Varnish, which passes it on
    assert staff.log_in(STAFF_USER, STAFF_PASSWORD)

    started = time.monotonic()
    saved = staff.submit(f"/admin/events/event/{pk}/change/", {"title_en": new_title})
    saved_at = time.monotonic()
    seen = {}
    while len(seen) < len(watched) and time.monotonic() < saved_at + 5:
        for path in watched:
            if path not in seen and new_title in Browser(varnish.url).get(path).text:
                seen[path] = time.monotonic() - saved_at
        time.sleep(0.02)
    unrelated = Browser(varnish.url).get("/robots.txt")
    purges = [
        json.loads(line)
        for app in apps
        for line in app.log_lines()
        if line.startswith("{") and "Front cache purged" in line
    ]
    print(
        f"\nadmin save (GET form + POST, purge included) took {saved_at - started:.3f} s; "
        f"purges {[p['message'] for p in purges]}; new title through Varnish after "
        f"{max(seen.values(), default=float('nan')):.3f} s: {seen}"
    )

    # Answered from the cache; past its s-maxage on a slow machine a copy is served in grace
    # while Varnish fetches a fresh one (HIT-REFRESH): still in the cache, never purged.
    in_cache = {"HIT", "HIT-REFRESH"}
    assert all(state in in_cache for state in cached), cached
    assert saved.status == 302, saved.text[:2000]
    assert set(seen) == set(watched)
    assert max(seen.values()) < 2.0
    assert unrelated.headers["X-Cache"] in in_cache  # purged by key, not everything
    assert [f"event-{pk}" in p["keys"] for p in purges] == [True]  # one purge per save


def _chosen_zone(page):
    """The zone selected in the page's time zone form (the one the page is shown for)."""
    return [o["value"] for o in find_tags(page.text, "option") if "selected" in o]


def test_time_zone_cookie_keeps_one_copy_per_zone_and_ignores_other_cookies(front):
    varnish, _ = front
    tokyo = Browser(varnish.url)
    tokyo.cookies = {"tz": "Asia/Tokyo", "_ga": secrets.token_hex(4)}
    first_tokyo = tokyo.get(EVENT_PAGE)
    tokyo.cookies["_ga"] = secrets.token_hex(4)  # another tracker value: the same copy
    second_tokyo = tokyo.get(EVENT_PAGE)
    fiji = Browser(varnish.url)
    fiji.cookies = {"tz": "Pacific/Fiji"}
    first_fiji = fiji.get(EVENT_PAGE)
    second_fiji = fiji.get(EVENT_PAGE)

    assert [_chosen_zone(p) for p in (first_tokyo, second_tokyo)] == [["Asia/Tokyo"]] * 2
    assert [_chosen_zone(p) for p in (first_fiji, second_fiji)] == [["Pacific/Fiji"]] * 2
    assert [p.headers["X-Cache"] for p in (second_tokyo, second_fiji)] == ["HIT", "HIT"]


def test_posts_admin_and_signed_in_pages_are_never_cached(front):
    varnish, _ = front
    staff = Browser(varnish.url)
    assert staff.log_in(STAFF_USER, STAFF_PASSWORD)

    admin_pages = [staff.get("/admin/").headers["X-Cache"] for _ in range(2)]
    staff_event = [staff.get(EVENT_PAGE) for _ in range(2)]
    login = _get_twice(varnish.url, "/admin/login/")
    posts = [
        Browser(varnish.url).post("/admin/login/", {"username": "x", "password": "y"})
        for _ in range(2)
    ]
    zone = _get_twice(varnish.url, "/time-zone/?tz=Asia/Tokyo&next=/events/")

    assert admin_pages == ["PASS", "PASS"]
    assert [r.headers["X-Cache"] for r in staff_event] == ["PASS", "PASS"]
    assert ["public" in r.headers.get("Cache-Control", "") for r in staff_event] == [False] * 2
    assert [r.headers.get("xkey") for r in staff_event] == [None, None]
    assert [r.headers["X-Cache"] for r in login] == ["PASS", "PASS"]
    assert all(r.headers.get("Set-Cookie") for r in login)
    assert [r.headers["X-Cache"] for r in posts] == ["PASS", "PASS"]
    # A response that sets a cookie is never stored: both answers come from the app.
    assert [r.status for r in zone] == [302, 302]
    assert [r.headers["X-Cache"] for r in zone] == ["MISS", "MISS"]
    assert all("Asia/Tokyo" in r.headers["Set-Cookie"] for r in zone)


def test_pages_answer_stale_for_a_minute_with_both_instances_stopped(front):
    varnish, apps = front
    paths = ["/", "/events/", EVENT_PAGE, f"{EVENT_PAGE}calendar.ics"]
    for path in paths:
        assert Browser(varnish.url).get(path).status == 200
    for app in apps:  # for good: this test comes last in the module
        app.stop()
    stopped = time.monotonic()
    answers = []
    while time.monotonic() < stopped + 65:
        for path in paths:
            page = Browser(varnish.url).get(path)
            answers.append((time.monotonic() - stopped, path, page))
        time.sleep(0.5)
    app_down = Browser(varnish.url).get(f"{EVENT_PAGE}?never-cached={secrets.token_hex(3)}")
    statuses = {}
    for _, _, page in answers:
        statuses[page.status] = statuses.get(page.status, 0) + 1
    late = [page for seconds, _, page in answers if seconds > SHARED_SECONDS + 10]
    print(
        f"\nboth gunicorns stopped for {answers[-1][0]:.0f} s: statuses {statuses}; "
        f"oldest copy served {max(int(p.headers['Age']) for _, _, p in answers)} s old"
    )

    failures = {}
    for seconds, path, page in answers:
        if page.status != 200:
            failures.setdefault(path, (round(seconds, 1), page.status, dict(page.headers)))
    assert failures == {}
    assert statuses == {200: len(answers)}
    assert answers[-1][0] >= 60
    assert {p.headers["X-Cache"] for _, _, p in answers} <= {"HIT", "HIT-REFRESH", "HIT-STALE"}
    assert late and all(p.headers["X-Cache"] == "HIT-STALE" for p in late)
    assert all(int(p.headers["Age"]) > SHARED_SECONDS for p in late)
    assert app_down.status == 503  # nothing stale to give for a page never fetched
