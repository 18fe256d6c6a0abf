import datetime
import gzip
import time

import brotli
import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.http import http_date

from events.models import AgendaItem, Event
from httpcache import middleware
from httpcache.version import bump
from tests.html_tags import find_tags, texts

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


def test_page_cache_is_invalidated_again_when_the_saving_transaction_commits(
    anonymous, event, django_capture_on_commit_callbacks
):
    """A visitor's request while a save's transaction is still open reads the rows as
    they were (other connections do not see uncommitted writes) and stores that page under
    the version the save bumped to; the commit must make that page stale too."""
    url = event.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        event.title = "Renamed by staff"
        event.save()
        # What a concurrent reader sees until the commit: the old row (no signal sent).
        Event.objects.filter(pk=event.pk).update(title="Water and cities")
        during = anonymous.get(url)
        Event.objects.filter(pk=event.pk).update(title="Renamed by staff")
    after = anonymous.get(url)

    assert texts(during.content.decode(), "h1") == ["Water and cities"]
    assert texts(after.content.decode(), "h1") == ["Renamed by staff"]


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


def _title(response):
    return response.content.decode().split("<title>")[1].split("</title>")[0]


@pytest.mark.parametrize("cookie", ["csrftoken=abc123", "_ga=GA1.2.3.4", "tz=Not/AZone"])
def test_page_cache_shares_the_public_copy_whatever_other_cookies(
    event, cookie, django_assert_num_queries
):
    """A leftover csrftoken, an analytics cookie or an invalid zone gives no private copy."""
    public = Client().get(event.get_absolute_url())
    visitor = Client()
    name, value = cookie.split("=")
    visitor.cookies[name] = value

    with django_assert_num_queries(0):
        response = visitor.get(event.get_absolute_url())

    assert response.status_code == 200
    assert response["ETag"] == public["ETag"]
    assert _title(response) == _title(public)


def test_page_cache_keys_on_the_time_zone_cookie(event, django_assert_max_num_queries):
    Client().get(event.get_absolute_url())
    tokyo = Client()
    tokyo.cookies["tz"] = "Asia/Tokyo"

    with django_assert_max_num_queries(30) as queries:
        first = tokyo.get(event.get_absolute_url())
    again = Client()
    again.cookies["tz"] = "Asia/Tokyo"
    with django_assert_max_num_queries(0):
        second = again.get(event.get_absolute_url())

    assert len(queries) > 0  # rendered for this zone, not the public copy
    selected = [t for t in find_tags(first.content.decode(), "option") if "selected" in t]
    assert [t["value"] for t in selected] == ["Asia/Tokyo"]
    assert second.content == first.content


def test_page_cache_ignores_query_parameters_the_view_does_not_read(
    event, django_assert_num_queries
):
    """`?cb=N` (cache busting) neither renders again nor stores a new entry."""
    first = Client().get(event.get_absolute_url())

    with django_assert_num_queries(0):
        busted = [Client().get(f"{event.get_absolute_url()}?cb={n}") for n in range(5)]

    assert {r.status_code for r in busted} == {200}
    assert {r["ETag"] for r in busted} == {first["ETag"]}


def test_page_cache_keys_on_the_parameters_the_view_reads(client, event, make_event):
    other = make_event(title="Oceans and islands")
    everything = client.get(reverse("events:list"))

    found = client.get(reverse("events:list") + "?q=oceans&utm_source=mail")
    same = client.get(reverse("events:list") + "?utm_campaign=x&q=oceans")

    links = lambda r: [  # noqa: E731
        a["href"] for a in find_tags(r.content.decode(), "a") if a["href"].startswith("/events/")
    ]
    assert event.get_absolute_url() in links(everything)
    assert other.get_absolute_url() in links(found)
    assert event.get_absolute_url() not in links(found)
    assert same["ETag"] == found["ETag"]
    assert "utm_source" not in found.content.decode()  # the view never saw it


@pytest.mark.parametrize("query", ["?topic=made-up-1", "?when=cb1", "?page=01", "?page=1&sdg=x"])
def test_page_cache_does_not_store_a_list_with_made_up_values(event, query):
    """Each made-up value of a parameter the list reads would otherwise be rendered and
    kept as a page and a fragment of its own, without bound (`?topic=x1`, `?topic=x2`)."""
    url = reverse("events:list") + query
    first = Client().get(url)
    with CaptureQueriesContext(connection) as queries:
        second = Client().get(url)

    assert second.status_code == 200
    assert texts(second.content.decode(), ".event-card h3, .event-card h2") == ["Water and cities"]
    assert "no-cache" in second["Cache-Control"]
    assert "public" not in second["Cache-Control"]
    assert len(queries) > 0  # rendered again: neither the page nor its list was kept
    assert first.content == second.content


def test_page_cache_stores_a_list_with_valid_values(event, django_assert_num_queries):
    url = reverse("events:list") + f"?topic={event.topics.get().slug}&page=1"
    first = Client().get(url)
    with django_assert_num_queries(0):
        second = Client().get(url)

    assert texts(second.content.decode(), ".event-card h3, .event-card h2") == ["Water and cities"]
    assert "public" in second["Cache-Control"]
    assert second.content == first.content


@pytest.mark.parametrize("page", ["01", "+1", "0001"])
@pytest.mark.parametrize("name", ["speakers:list", "events:topic"])
def test_page_cache_does_not_store_a_page_number_spelt_otherwise(event, name, page):
    url = reverse(name, kwargs={"slug": event.topics.get().slug} if name == "events:topic" else {})
    canonical = Client().get(url + "?page=1")
    Client().get(f"{url}?page={page}")
    with CaptureQueriesContext(connection) as queries:
        spelt = Client().get(f"{url}?page={page}")

    assert spelt.status_code == 200
    assert texts(spelt.content.decode(), "h1") == texts(canonical.content.decode(), "h1")
    assert "public" in canonical["Cache-Control"]
    assert spelt["Cache-Control"] == "no-cache"
    assert len(queries) > 0  # rendered again, not kept


def test_page_cache_keys_on_path_info_not_a_client_script_name(client, event):
    """SCRIPT_NAME (a header gunicorn may take from a proxy) must not store one page under
    another's address: routing uses the path info, and so does the key."""
    home = client.get("/")
    poisoned = client.get(
        event.get_absolute_url(),
        SCRIPT_NAME=event.get_absolute_url().rstrip("/"),
        PATH_INFO="/",
    )

    page = client.get(event.get_absolute_url())

    assert _title(poisoned) == _title(home)
    assert page.status_code == 200
    assert _title(page) != _title(home)
    assert "Water and cities" in _title(page)


def test_staff_pages_are_private_and_not_stored(editor_client, make_event):
    draft = make_event(title="Zebra draft plan", publication=Event.Publication.DRAFT)
    public = make_event(title="Public plan")

    responses = [editor_client.get(e.get_absolute_url()) for e in (draft, public)]

    assert [r.status_code for r in responses] == [200, 200]
    assert [r["Cache-Control"] for r in responses] == ["private, no-store"] * 2
    assert "Zebra draft plan" in _title(responses[0])


def test_page_with_a_nonce_is_not_stored(client, event, monkeypatch):
    """A page whose policy carries a nonce is never shared: every visitor needs their own."""
    real = middleware.PageCacheMiddleware.store

    def with_nonce(self, request, response, version):
        response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
        return real(self, request, response, version)

    monkeypatch.setattr(middleware.PageCacheMiddleware, "store", with_nonce)
    response = client.get(event.get_absolute_url())

    assert response.status_code == 200
    assert "ETag" not in response


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
