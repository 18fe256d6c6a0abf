import datetime
import gzip
import time

import brotli
import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.http import http_date

from events.models import AgendaItem, Event
from httpcache import middleware
from httpcache.version import bump

DAY = datetime.timedelta(days=1)


@pytest.fixture
def event(make_event, make_speaker, add_speaker, topic):
    event = make_event(title="Water and cities", starts_in=3 * DAY)
    event.topics.add(topic)
    add_speaker(event, make_speaker(full_name="Amina Diallo"))
    AgendaItem.objects.create(event=event, title="Opening of the session")
    return event


@pytest.fixture
def anonymous():
    """A second test client that never logs in (the `client` fixture may be an editor's)."""
    return Client()


def test_page_cache_serves_second_visit_without_queries(client, event, django_assert_num_queries):
    first = client.get(event.get_absolute_url())

    with django_assert_num_queries(0):
        second = client.get(event.get_absolute_url())

    assert second.status_code == 200
    assert second.content == first.content
    assert "Water and cities" in second.content.decode()


def test_page_cache_sends_validators_and_browser_lifetime(client, event):
    response = client.get(event.get_absolute_url())

    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"].endswith(" GMT")
    assert "max-age=60" in {d.strip() for d in response["Cache-Control"].split(",")}
    vary = {v.strip() for v in response["Vary"].split(",")}
    assert {"Accept-Encoding", "Cookie"} <= vary
    assert "Accept-Language" not in vary  # the address carries the language


@pytest.mark.parametrize("header", ["HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"])
def test_page_cache_answers_conditional_request_with_304(client, event, header):
    first = client.get(event.get_absolute_url())
    validator = first["ETag"] if header == "HTTP_IF_NONE_MATCH" else first["Last-Modified"]

    again = client.get(event.get_absolute_url(), **{header: validator})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_page_cache_answers_200_to_an_outdated_validator(client, event):
    old = client.get(event.get_absolute_url())
    event.title = "Water, sanitation and cities"
    event.save()

    response = client.get(
        event.get_absolute_url(),
        HTTP_IF_NONE_MATCH=old["ETag"],
        HTTP_IF_MODIFIED_SINCE=http_date(time.time() - 3600),
    )

    assert response.status_code == 200
    assert response["ETag"] != old["ETag"]
    assert "Water, sanitation and cities" in response.content.decode()


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
        ("br;q=0, gzip", "gzip", gzip.decompress),
        ("", None, bytes),
        ("identity", None, bytes),
    ],
)
def test_page_cache_serves_best_accepted_encoding(client, event, accept, encoding, decode):
    plain = client.get(event.get_absolute_url()).content

    response = client.get(event.get_absolute_url(), HTTP_ACCEPT_ENCODING=accept)

    assert response.get("Content-Encoding") == encoding
    assert int(response["Content-Length"]) == len(response.content)
    assert decode(response.content) == plain


def test_page_cache_answers_head_like_get(client, event):
    get = client.get(event.get_absolute_url())
    head = client.head(event.get_absolute_url())
    assert (head.status_code, head["ETag"]) == (200, get["ETag"])


def _rename_event(event):
    event.title = "Renamed by staff"
    event.save()


def _rename_speaker(event):
    speaker = event.appearances.get().speaker
    speaker.full_name = "Renamed by staff"
    speaker.save()


def _add_topic(event):
    event.topics.create(name="Renamed by staff", slug="renamed")


def _retitle_agenda(event):
    event.agenda_items.update(title="ignored")  # no signal: proves the bump below is needed
    AgendaItem.objects.create(event=event, title="Renamed by staff")


def _bump_only(event):
    Event.objects.filter(pk=event.pk).update(title="Renamed by staff")
    bump()


@pytest.mark.parametrize(
    "change", [_rename_event, _rename_speaker, _add_topic, _retitle_agenda, _bump_only]
)
def test_page_cache_is_invalidated_by_a_change(client, event, change):
    before = client.get(event.get_absolute_url()).content.decode()

    change(event)
    after = client.get(event.get_absolute_url()).content.decode()

    assert "Renamed by staff" not in before
    assert "Renamed by staff" in after


def test_page_cache_is_invalidated_by_delete(client, event):
    client.get(event.get_absolute_url())
    event.delete()
    assert client.get(event.get_absolute_url()).status_code == 404


def test_page_cache_is_invalidated_by_admin_action_using_update(
    anonymous, admin_client, make_event
):
    secret = make_event(title="Zebra summit unveiled", publication=Event.Publication.DRAFT)
    listing = anonymous.get(reverse("events:list")).content.decode()

    admin_client.post(
        reverse("admin:events_event_changelist"),
        {"action": "publish", "_selected_action": [secret.pk]},
    )

    assert "Zebra summit unveiled" not in listing
    assert "Zebra summit unveiled" in anonymous.get(reverse("events:list")).content.decode()


def test_page_cache_never_shows_staff_preview_to_the_public(anonymous, editor_client, make_event):
    draft = make_event(title="Zebra draft plan", publication=Event.Publication.DRAFT)

    preview = editor_client.get(draft.get_absolute_url())
    public = anonymous.get(draft.get_absolute_url())

    assert "Zebra draft plan" in preview.content.decode()
    assert public.status_code == 404
    assert "Zebra draft plan" not in public.content.decode()


def test_page_cache_does_not_serve_staff_from_cache(anonymous, editor_client, event):
    anonymous.get(event.get_absolute_url())

    response = editor_client.get(event.get_absolute_url())

    assert "ETag" not in response
    assert "Water and cities" in response.content.decode()


def test_page_cache_keys_on_the_language_of_the_address(client, event):
    french = client.get("/fr" + event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    english = client.get(event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="fr")
    assert (french["Content-Language"], english["Content-Language"]) == ("fr", "en")
    assert '<html lang="fr"' in french.content.decode()
    assert '<html lang="en"' in english.content.decode()


def test_page_cache_keys_on_cookies(event, django_assert_max_num_queries):
    plain, with_cookie = Client(), Client()
    with_cookie.cookies["preference"] = "a"
    plain.get(event.get_absolute_url())

    with django_assert_max_num_queries(20) as queries:
        with_cookie.get(event.get_absolute_url())

    assert len(queries) > 0


def test_page_cache_expires_when_an_event_starts(client, make_event, monkeypatch):
    soon = make_event(title="Starting soon", starts_in=datetime.timedelta(minutes=2))
    first = client.get(soon.get_absolute_url()).content.decode()
    later = time.time() + 3 * 60
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    monkeypatch.setattr(
        "django.utils.timezone.now",
        lambda: datetime.datetime.fromtimestamp(later, tz=datetime.timezone.utc),
    )

    second = client.get(soon.get_absolute_url()).content.decode()

    assert ">Upcoming<" in first
    assert ">Live now<" in second


def test_page_cache_does_not_store_404(client, db, django_assert_max_num_queries):
    client.get("/events/missing/")
    with django_assert_max_num_queries(5) as queries:
        response = client.get("/events/missing/")
    assert response.status_code == 404
    assert "ETag" not in response
    assert len(queries) > 0


def test_page_cache_off_when_seconds_is_zero(client, event, settings):
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get(event.get_absolute_url())
    assert "ETag" not in response
    assert "Water and cities" in response.content.decode()


def test_page_cache_unreachable_still_renders_pages(client, event, settings):
    # A Redis server on a port where nothing listens: every cache call fails.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }

    response = client.get(event.get_absolute_url())

    assert response.status_code == 200
    assert "Water and cities" in response.content.decode()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, br", "br"),
        ("br;q=0.5, gzip;q=1", "br"),
        ("GZIP", "gzip"),
        ("*", "br"),
        ("br;q=0, gzip;q=0", "identity"),
        ("deflate", "identity"),
        ("gzip;q=junk", "identity"),
    ],
)
def test_best_encoding_reads_accept_encoding(header, expected):
    bodies = {"identity": b"a", "gzip": b"g", "br": b"b"}
    assert middleware.best_encoding(header, bodies) == expected


def test_compress_skips_binary_and_tiny_bodies():
    text = b"<p>" + b"webinar " * 100 + b"</p>"
    assert set(middleware.compress(text, "text/html; charset=utf-8")) == {"identity", "gzip", "br"}
    assert set(middleware.compress(text, "image/png")) == {"identity"}
    assert set(middleware.compress(b"<p>hi</p>", "text/html")) == {"identity"}


def test_page_cache_key_follows_the_static_release(event, settings, tmp_path):
    """Workers of one release share pages; a deploy with new CSS or JS starts afresh."""
    settings.STATIC_ROOT = tmp_path
    manifest = tmp_path / "staticfiles.json"
    request = RequestFactory().get(event.get_absolute_url())

    manifest.write_text('{"paths": {"css/site.css": "css/site.old.css"}}')
    worker_a, worker_b = (middleware.PageCacheMiddleware(lambda r: None) for _ in range(2))
    manifest.write_text('{"paths": {"css/site.css": "css/site.new.css"}}')
    next_release = middleware.PageCacheMiddleware(lambda r: None)

    assert worker_a.key(request) == worker_b.key(request)
    assert next_release.key(request) != worker_a.key(request)
