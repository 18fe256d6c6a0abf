"""Two gunicorn instances share one PostgreSQL and one Redis, as behind a load balancer.

Whatever caching the pages get, an edit made through one instance must show on the other
at once: each page is fetched twice on both instances before the edit (so any page or
fragment cache is warm) and checked right after it.
"""

import json
import secrets

import pytest

from .conftest import DEMO_SLUG, STAFF_PASSWORD, STAFF_USER
from .servers import Browser, manage, wait_for

pytestmark = pytest.mark.servers

EVENT_PAGE = f"/events/{DEMO_SLUG}/"
PAGES_WITH_TITLE = ["/", "/events/", EVENT_PAGE]


def _shell(env, code):
    return manage(env, "shell", "-v", "0", "-c", code).strip().splitlines()[-1]


def _warm(instances, paths):
    for instance in instances:
        for path in paths:
            for _ in range(2):
                assert Browser(instance.url).get(path).status == 200


def test_healthz_on_both_instances_reports_database_and_cache_ok(instances):
    bodies = [Browser(i.url).get("/healthz") for i in instances]

    assert [(b.status, b.json()) for b in bodies] == [
        (200, {"status": "ok", "database": "ok", "cache": "ok"})
    ] * 2
    assert "no-store" in bodies[0].headers["Cache-Control"]


def test_admin_edit_on_one_instance_shows_on_the_other_at_once(instances, site):
    first, second = instances
    pk = _shell(
        site, f"from events.models import Event; print(Event.objects.get(slug='{DEMO_SLUG}').pk)"
    )
    new_title = f"Resilient Island Cities {secrets.token_hex(3)}"
    _warm(instances, PAGES_WITH_TITLE)
    staff = Browser(first.url)
    assert staff.log_in(STAFF_USER, STAFF_PASSWORD)

    saved = staff.submit(f"/admin/events/event/{pk}/change/", {"title_en": new_title})

    assert saved.status == 302, saved.text[:2000]
    for instance in (second, first):
        for path in PAGES_WITH_TITLE:
            page = Browser(instance.url).get(path)
            assert (page.status, new_title in page.text) == (200, True), (instance.url, path)


def test_orm_edit_outside_any_instance_shows_on_both_at_once(instances, site):
    new_name = f"Deniz Susar-{secrets.token_hex(3)}"
    slug = _shell(site, "from speakers.models import Speaker; print(Speaker.objects.first().slug)")
    speaker_page = f"/speakers/{slug}/"
    _warm(instances, [speaker_page, "/speakers/", EVENT_PAGE])

    _shell(
        site,
        f"from speakers.models import Speaker; s = Speaker.objects.get(slug={slug!r}); "
        f"s.full_name = {new_name!r}; s.save(); print('saved')",
    )

    for instance in instances:
        for path in (speaker_page, "/speakers/", EVENT_PAGE):
            page = Browser(instance.url).get(path)
            assert (page.status, new_name in page.text) == (200, True), (instance.url, path)


def test_staff_session_started_on_one_instance_is_valid_on_the_other(instances):
    first, second = instances
    staff = Browser(first.url)
    assert staff.log_in(STAFF_USER, STAFF_PASSWORD)
    elsewhere = Browser(second.url)
    elsewhere.cookies = dict(staff.cookies)

    admin_index = elsewhere.get("/admin/")

    assert admin_index.status == 200
    assert "Site administration" in admin_index.text
    assert STAFF_USER in admin_index.text


def test_signed_out_visitor_gets_no_admin_on_either_instance(instances):
    responses = [Browser(i.url).get("/admin/") for i in instances]

    assert [(r.status, r.headers["Location"]) for r in responses] == [
        (302, "/admin/login/?next=/admin/")
    ] * 2


def test_access_log_is_json_lines_with_request_fields(instances):
    first, _ = instances
    Browser(first.url).get("/events/?from=access-log-test")

    def logged():  # gunicorn writes the line just after sending the response
        return any("from=access-log-test" in line for line in first.log_lines())

    wait_for(logged, 10, "access log line")
    entries = [json.loads(line) for line in first.log_lines() if line.startswith("{")]
    access = [e for e in entries if e.get("query") == "from=access-log-test"]

    assert len(access) == 1
    assert {k: access[0][k] for k in ("logger", "method", "path", "status")} == {
        "logger": "gunicorn.access",
        "method": "GET",
        "path": "/events/",
        "status": 200,
    }
    assert isinstance(access[0]["duration_ms"], int)
