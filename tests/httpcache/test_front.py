"""Shared-cache headers, surrogate keys and purges (httpcache/front.py, purge.py).

Purges go to a real HTTP server on a spare loopback port that records what it is sent
(the Varnish end is tested in tests/ops/test_front_cache.py).
"""

import datetime
import http.server
import logging
import socket
import threading
import time

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from events.models import Event, EventSpeaker

KEY_PARTS = ("public", "max-age", "s-maxage", "stale-while-revalidate", "stale-if-error")


def _directives(response):
    found = {}
    for item in response["Cache-Control"].split(","):
        name, _, value = item.strip().partition("=")
        found[name] = int(value) if value else True
    return found


def _keys(response):
    return set(response["xkey"].split())


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the method's name
        self.server.purged.append(self.headers["xkey-purge"].split())
        body = b"Purged 1\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    """A loopback HTTP server that answers PURGE like Varnish; `.purged` lists the key
    lists it received. FRONT_CACHE_PURGE_URLS points at it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FRONT_CACHE_PURGE_URLS = [f"http://127.0.0.1:{server.server_address[1]}/"]
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def programme(make_event, make_speaker, add_speaker, topic):
    """A published event with two speakers and a topic."""
    event = make_event(title="Smart cities", starts_in=datetime.timedelta(days=30))
    event.topics.add(topic)
    first, second = make_speaker("Amina Diallo"), make_speaker("Lei Wang")
    add_speaker(event, first)
    add_speaker(event, second, position=1)
    return event, [first, second]


def test_event_page_is_shareable_and_names_event_speakers_and_topics(client, programme, topic):
    event, speakers = programme

    response = client.get(event.get_absolute_url())

    assert response.status_code == 200
    assert _directives(response) == {
        "public": True,
        "max-age": 60,
        "s-maxage": 600,
        "stale-while-revalidate": 30,
        "stale-if-error": 86400,
    }
    assert _keys(response) == {
        "site",
        f"event-{event.pk}",
        f"topic-{topic.pk}",
        *(f"speaker-{s.pk}" for s in speakers),
    }
    assert not response.cookies


@pytest.mark.parametrize(
    ("url", "keys"),
    [
        ("/", {"site", "event-list", "topic-list", "sustainabledevelopmentgoal-list"}),
        ("/events/?q=water", {"event-list", "topic-list", "speaker-list"}),
        ("/events/calendar.ics", {"event-list", "speaker-list"}),
        ("/events/feed/", {"event-list", "topic-list"}),
        ("/sitemap.xml", {"event-list", "speaker-list", "topic-list"}),
        ("/sitemap-speakers.xml", {"event-list", "speaker-list", "topic-list"}),
        ("/speakers/", {"site", "speaker-list"}),
    ],
)
def test_lists_feeds_and_calendars_carry_list_keys(client, programme, url, keys):
    response = client.get(url)

    assert response.status_code == 200
    assert keys <= _keys(response)
    assert _directives(response)["public"] is True


def test_speaker_page_names_the_speaker_and_each_webinar(client, programme):
    event, (speaker, _) = programme

    response = client.get(speaker.get_absolute_url())

    assert _keys(response) == {"site", f"speaker-{speaker.pk}", f"event-{event.pk}"}


def test_lifetimes_stop_at_the_next_start(client, make_event):
    soon = make_event(starts_in=datetime.timedelta(minutes=5))

    directives = _directives(client.get(soon.get_absolute_url()))

    assert 290 <= directives["s-maxage"] <= 300
    assert directives["max-age"] == 60


def test_staff_pages_are_never_shareable(editor_client, programme):
    event, _ = programme

    response = editor_client.get(event.get_absolute_url())

    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert not response.has_header("xkey")


def test_pages_with_a_csrf_token_or_a_cookie_are_never_shareable(client, db, local_http):
    login = client.get(reverse("admin:login"))
    zone = client.get("/time-zone/?tz=Asia/Tokyo&next=/")

    assert login.status_code == 200 and "csrftoken" in login.cookies
    assert "public" not in login.get("Cache-Control", "")
    assert not login.has_header("xkey")
    assert zone.status_code == 302 and "tz" in zone.cookies
    assert "public" not in zone.get("Cache-Control", "") and not zone.has_header("xkey")


def test_front_cache_off_leaves_the_page_cache_header(client, programme, settings):
    settings.FRONT_CACHE_SECONDS = 0
    event, _ = programme

    response = client.get(event.get_absolute_url())

    assert response["Cache-Control"] == "max-age=60"
    assert not response.has_header("xkey")


def test_saving_an_event_purges_its_keys_after_the_commit(
    programme, purge_server, django_capture_on_commit_callbacks
):
    event, speakers = programme

    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Smart cities, renamed"
        event.save()

    assert [set(keys) for keys in purge_server.purged] == [
        {f"event-{event.pk}", "event-list", "speaker-list"} | {f"speaker-{s.pk}" for s in speakers}
    ]


def test_removing_a_speaker_purges_the_event_and_the_speaker(
    programme, purge_server, django_capture_on_commit_callbacks
):
    event, (speaker, _) = programme

    with django_capture_on_commit_callbacks(execute=True):
        EventSpeaker.objects.get(event=event, speaker=speaker).delete()

    assert [set(keys) for keys in purge_server.purged] == [
        {f"event-{event.pk}", f"speaker-{speaker.pk}", "event-list", "speaker-list"}
    ]


def test_a_rolled_back_save_purges_nothing(
    programme, purge_server, django_capture_on_commit_callbacks
):
    event, _ = programme

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            event.save()
            raise RuntimeError("rolled back")

    assert (callbacks, purge_server.purged) == ([], [])


@pytest.mark.django_db(transaction=True)
def test_an_admin_action_sends_one_purge_for_every_event_it_changes(
    editor_client, make_event, purge_server
):
    events = [make_event(title="First"), make_event(title="Second")]
    purge_server.purged.clear()

    response = editor_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "unpublish", "_selected_action": [e.pk for e in events]},
    )

    assert response.status_code == 302
    assert {e.publication for e in Event.objects.all()} == {Event.Publication.DRAFT}
    assert len(purge_server.purged) == 1
    assert {f"event-{e.pk}" for e in events} | {"event-list"} <= set(purge_server.purged[0])


def test_a_failed_purge_keeps_the_save_and_logs_the_keys(
    programme, settings, caplog, django_capture_on_commit_callbacks
):
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.FRONT_CACHE_PURGE_URLS = [f"http://127.0.0.1:{port}/"]
    event, _ = programme

    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        event.title = "Saved although the front cache is down"
        event.save()

    assert Event.objects.get(pk=event.pk).title == "Saved although the front cache is down"
    assert any(
        "Front cache purge failed" in r.getMessage() and f"event-{event.pk}" in r.getMessage()
        for r in caplog.records
    )


def test_purge_front_cache_command_sends_the_keys(purge_server):
    call_command("purge_front_cache", "event-3", "--all")

    assert purge_server.purged == [["event-3", "site"]]


def _horizon_queries(client, url):
    """The SELECTs of one visit that ask for the next start or end (events_event.end > now)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries if "MIN(" in q["sql"]]


def test_next_change_is_asked_once_per_site_version(client, settings, make_event):
    settings.PAGE_CACHE_SECONDS = 0  # every visit renders; only the horizon may be kept
    later = make_event(starts_in=datetime.timedelta(hours=3))

    first = _horizon_queries(client, later.get_absolute_url())
    again = _horizon_queries(client, "/events/")
    sooner = make_event(starts_in=datetime.timedelta(minutes=5))  # a save: a new version
    after_save = _horizon_queries(client, sooner.get_absolute_url())
    directives = _directives(client.get(later.get_absolute_url()))

    assert (len(first), len(again), len(after_save)) == (1, 0, 1)
    assert 290 <= directives["s-maxage"] <= 300  # the new event's start, not the old one's


def test_next_change_is_asked_again_once_it_has_passed(client, settings, make_event):
    from httpcache.fragments import fragment_key
    from httpcache.version import VERSION_KEY, page_cache

    settings.PAGE_CACHE_SECONDS = 0
    event = make_event(starts_in=datetime.timedelta(hours=3))
    client.get(event.get_absolute_url())
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    cache.set(
        fragment_key(version, ["horizon"]), time.time() - 1
    )  # as if that start were a second ago

    asked = _horizon_queries(client, event.get_absolute_url())
    stored = cache.get(fragment_key(version, ["horizon"]))

    assert len(asked) == 1
    assert stored == event.start.timestamp()
