"""Fragments (httpcache/fragments.py): the event page's and the list's content are rendered
once per site version, so an uncached page costs a query or two, and never shows old content."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from events.models import AgendaItem
from tests.html_tags import find_tags
from tests.queries import count_queries

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def event(make_event, make_speaker, add_speaker, topic):
    event = make_event(title="Water and cities", starts_in=3 * DAY)
    event.topics.add(topic)
    add_speaker(event, make_speaker(full_name="Amina Diallo"))
    AgendaItem.objects.create(event=event, title="Opening of the session")
    return event


def _h1(response):
    return response.content.decode().split("<h1>")[1].split("</h1>")[0]


@pytest.mark.parametrize("page", ["detail", "list"])
def test_fragment_makes_the_second_render_cheaper_and_identical(client, event, page):
    url = event.get_absolute_url() if page == "detail" else reverse("events:list")
    first = client.get(url)

    again_queries, again = count_queries(client, url, cold=False)

    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert "ETag" not in again  # the page cache is off: this is the fragment at work
    assert again_queries <= 2
    links = [a["href"] for a in find_tags(again.content.decode(), "a")]
    assert (event.get_absolute_url() in links) == (page == "list")


def test_fragment_of_the_event_page_follows_a_change(client, event):
    before = client.get(event.get_absolute_url()).content.decode()
    speaker = event.appearances.get().speaker
    speaker.full_name = "Renamed by staff"
    speaker.save()

    after = client.get(event.get_absolute_url()).content.decode()

    assert "Amina Diallo" in before and "Renamed by staff" not in before
    assert "Renamed by staff" in after


def test_fragment_of_the_event_page_follows_the_visitor_zone(event):
    plain = Client().get(event.get_absolute_url())
    tokyo = Client()
    tokyo.cookies["tz"] = "Asia/Tokyo"

    response = tokyo.get(event.get_absolute_url())

    assert _h1(response) == _h1(plain)
    assert response.content != plain.content


def test_fragment_of_the_list_follows_filters_and_pages(client, event, make_event):
    other = make_event(title="Oceans and islands")

    everything = client.get(reverse("events:list"))
    found = client.get(reverse("events:list") + "?q=oceans")
    past_end = client.get(reverse("events:list") + "?page=9")

    titles = lambda r: [  # noqa: E731
        a["href"] for a in find_tags(r.content.decode(), "a") if a["href"].startswith("/events/")
    ]
    assert {event.get_absolute_url(), other.get_absolute_url()} <= set(titles(everything))
    assert other.get_absolute_url() in titles(found)
    assert event.get_absolute_url() not in titles(found)
    assert past_end.status_code == 404


def test_a_staff_preview_never_shows_the_public_a_draft_of_the_series(editor_client, make_event):
    from events.models import Event, Series

    series = Series.objects.create(title="Urban data", slug="urban-data")
    published = make_event(title="Urban data I", series=series)
    make_event(
        title="Urban data II (draft)",
        series=series,
        starts_in=9 * DAY,
        publication=Event.Publication.DRAFT,
    )

    preview = editor_client.get(published.get_absolute_url()).content.decode()
    public = Client().get(published.get_absolute_url()).content.decode()

    assert "Urban data II (draft)" in preview
    assert "Urban data II (draft)" not in public
    assert "Part 1 of 1" in public


def test_a_stored_fragment_spares_the_page_every_query(client, event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.models import Event

    with CaptureQueriesContext(connection) as cold:
        first = client.get(event.get_absolute_url())
    # (read now: the next request empties the connection's log)
    lookup = [q["sql"] for q in cold.captured_queries if '"events_event"."slug" = ' in q["sql"]]
    with CaptureQueriesContext(connection) as warm:
        again = client.get(event.get_absolute_url())
    event.publication = Event.Publication.DRAFT
    event.save()  # a new site version: the stored address and fragment are not used
    withdrawn = client.get(event.get_absolute_url())

    assert again.content == first.content
    assert len(warm.captured_queries) == 0
    assert len(lookup) == 1 and "description" not in lookup[0]  # the key fields only
    assert "<title>Water and cities · " in again.content.decode()
    assert 'property="og:description" content="Short summary."' in again.content.decode()
    assert withdrawn.status_code == 404
