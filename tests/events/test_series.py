"""Series: its page, its calendar (the events' own UIDs), EventSeries JSON-LD and the
"Part 2 of 4" navigation on each event."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from events.models import Event, Series, Session
from tests.queries import count_queries

ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def _edition(series, year, **fields):
    values = {
        "title": f"Forum {year}",
        "summary": f"The {year} edition.",
        "kind": Event.Kind.FORUM,
        "series": series,
        "timezone": "Europe/Zurich",
        "publication": Event.Publication.PUBLISHED,
        **fields,
    }
    event = Event.objects.create(**values)
    Session.objects.create(
        event=event, start_date=datetime.date(year, 10, 3), end_date=datetime.date(year, 10, 6)
    )
    return event


@pytest.fixture
def series(db):
    return Series.objects.create(title="Data Forum", slug="data-forum", description="Every year.")


def test_series_page_lists_upcoming_then_past_editions_with_recordings(client, series, texts):
    old = _edition(series, 2019, recording_url="https://example.org/2019")
    recent = _edition(series, 2021, recording_site="UN Web TV")
    coming = _edition(series, 2031)
    _edition(series, 2025, publication=Event.Publication.DRAFT, title="Secret draft forum")

    response = client.get(series.get_absolute_url())
    body = response.content.decode()

    assert [e.title for e in response.context["upcoming"]] == [coming.title]
    assert [e.title for e in response.context["past"]] == [recent.title, old.title]
    assert "Secret draft forum" not in body
    assert texts(body, "h1") == ["Data Forum"]
    cards = texts(body, "article", "event-card")
    assert "A recording exists on UN Web TV" in cards[1]
    assert "Watch the recording" in cards[2]


def test_event_page_says_which_part_of_the_series_it_is(client, series, texts):
    first, second, third = (_edition(series, y) for y in (2019, 2021, 2023))

    body = client.get(second.get_absolute_url()).content.decode()

    (nav,) = texts(body, "nav", "series-nav")
    assert nav == "Part 2 of 3 in the series Data Forum Previous: Forum 2019 · Next: Forum 2023"


def test_series_calendar_carries_the_events_own_uids(client, series):
    editions = [_edition(series, y) for y in (2019, 2021)]
    feed = icalendar.Calendar.from_ical(
        client.get(reverse("events:series-calendar", kwargs={"slug": series.slug})).content
    )
    own = [
        icalendar.Calendar.from_ical(
            client.get(reverse("events:calendar", kwargs={"slug": e.slug})).content
        ).events[0]
        for e in editions
    ]

    assert [str(v["UID"]) for v in feed.events] == [str(v["UID"]) for v in own]
    assert str(feed["X-WR-CALNAME"]) == "Data Forum"


def test_series_jsonld_is_an_event_series_with_sub_events(client, series, jsonld):
    editions = [_edition(series, y) for y in (2019, 2021)]

    (data,) = jsonld(client.get(series.get_absolute_url()).content.decode())

    assert (data["@type"], data["name"]) == ("EventSeries", "Data Forum")
    assert [e["name"] for e in data["subEvent"]] == [e.title for e in editions]
    assert [e["startDate"] for e in data["subEvent"]] == ["2019-10-03", "2021-10-03"]


def test_unknown_series_is_404(client, db):
    assert client.get("/series/no-such-series/").status_code == 404


@pytest.mark.parametrize("editions", [1, 4])
def test_series_page_query_count_is_flat(client, series, editions):
    for year in range(2019, 2019 + editions):
        _edition(series, year)
    count, response = count_queries(client, series.get_absolute_url())
    assert count == QUERIES["series"]
    assert len(response.context["past"]) == editions


#: Queries of the pages with one or with many related rows: the same number.
QUERIES = {"series": 10}


def test_sitemap_lists_series_with_a_published_event(client, series):
    import xml.etree.ElementTree as ET

    _edition(series, 2021)
    Series.objects.create(title="Only drafts", slug="only-drafts")
    sitemap = ET.fromstring(client.get(reverse("sitemap")).content)
    locations = [u.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc") for u in sitemap]
    assert "http://testserver/series/data-forum/" in locations
    assert "http://testserver/series/only-drafts/" not in locations
