"""The public pages run a fixed number of SQL queries, whatever the number of related rows.

Each test renders a page for one related row and for many, compares the two counts and
checks what the page shows; the page cache is bypassed by the first visit to each URL
(nothing is stored yet; a trailing "?" makes a second URL for the same page).
"""

import datetime
import xml.etree.ElementTree as ET

import icalendar
from django.urls import reverse

from events.models import (
    AgendaItem,
    EventOrganizer,
    Material,
    Organization,
    Series,
    Session,
    SustainableDevelopmentGoal,
    Topic,
)
from tests.html_tags import one, parse_html, text, texts
from tests.queries import count_queries

DAY = datetime.timedelta(days=1)
# Session-free anonymous visit of a list page: the events, their prefetches (topics, goals,
# sessions) and the cache horizon.
MAX_QUERIES = 10
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def full_event(make_event, make_speaker, add_speaker, size, name):
    """A published event of a series with `size` sessions, organisers, speakers, agenda
    items (each with its speakers), topics and materials; the series has `size` events."""
    series = Series.objects.create(title=f"{name} series", slug=f"{name}-series")
    event = make_event(title=f"{name} webinar", series=series)
    first = event.sessions.get()
    for n in range(size):
        if n:
            start = first.start + n * DAY
            Session.objects.create(event=event, start=start, end=start + DAY / 12)
            make_event(title=f"{name} edition {n}", series=series, starts_in=n * DAY)
        organization = Organization.objects.create(name=f"{name} organisation {n}")
        EventOrganizer.objects.create(event=event, organization=organization, position=n)
        speaker = make_speaker(full_name=f"{name} Speaker {n}")
        add_speaker(event, speaker, position=n)
        item = AgendaItem.objects.create(event=event, title=f"Item {n}", position=n)
        item.speakers.add(speaker, make_speaker(full_name=f"{name} Panellist {n}"))
        event.topics.add(Topic.objects.create(name=f"{name} topic {n}", slug=f"{name}-{n}"))
        Material.objects.create(
            event=event, title=f"Slides {n}", url="https://example.org/s.pdf", speaker=speaker
        )
    return event


def test_event_page_query_count_is_flat(client, make_event, make_speaker, add_speaker):
    small = full_event(make_event, make_speaker, add_speaker, 1, "small")
    large = full_event(make_event, make_speaker, add_speaker, 50, "large")

    small_count, _ = count_queries(client, small.get_absolute_url())
    large_count, response = count_queries(client, large.get_absolute_url())

    page = parse_html(response.content)
    assert small_count == large_count <= 13  # the page loads its key fields, the fragment the event
    assert text(one(page, "h1")) == "large webinar"
    assert [len(page.select(s)) for s in ("ul.speakers > li", "ol.agenda > li")] == [50, 50]
    assert len(page.select("ul.materials > li")) == 50


def _cards(response):
    return texts(response.content, ".event-card h2, .event-card h3")


def test_home_page_query_count_is_flat(client, make_event, topic):
    # One event to come and one past: the home page shows both lists.
    make_event(title="Next one").topics.add(topic)
    make_event(title="Last one", starts_in=-DAY).topics.add(topic)
    small_count, small = count_queries(client, reverse("home"))

    for n in range(30):
        event = make_event(title=f"Event {n}", starts_in=(n - 15) * DAY)
        event.topics.add(topic, Topic.objects.create(name=f"T{n}", slug=f"t{n}"))
    large_count, large = count_queries(client, reverse("home") + "?")

    assert small_count == large_count <= MAX_QUERIES
    assert (_cards(small), len(_cards(large)) > len(_cards(small))) == (["Last one"], True)


def test_event_list_query_count_is_flat(client, make_event, topic):
    make_event(title="Only one").topics.add(topic)
    small_count, small = count_queries(client, reverse("events:list"))

    for n in range(30):
        event = make_event(title=f"Event {n}", starts_in=(n - 15) * DAY)
        event.topics.add(topic, Topic.objects.create(name=f"T{n}", slug=f"t{n}"))
    large_count, large = count_queries(client, reverse("events:list") + "?")

    # count, page, topics, SDGs, and the filter form's years, topics and SDGs; +1 on a
    # cache miss: the page cache asks when the next webinar starts or ends.
    assert small_count == large_count <= 9
    assert _cards(small) == ["Only one"]
    assert text(one(large.content, ".result-count")) == "31 webinars"


def test_event_list_with_filters_query_count_is_flat(
    client, make_event, make_speaker, add_speaker, topic
):
    goal = SustainableDevelopmentGoal.objects.get(number=11)
    query = {"q": "data", "topic": topic.slug, "sdg": "11", "when": "upcoming"}

    def add(n):
        event = make_event(title=f"Data {n}")
        event.topics.add(topic)
        event.sdgs.add(goal)
        add_speaker(event, make_speaker(full_name=f"Speaker {n}"))

    add(0)
    small_count, small = count_queries(client, reverse("events:list"), query)
    for n in range(1, 12):
        add(n)
    large_count, large = count_queries(client, reverse("events:list") + "?", query)

    # count, page, topics, SDGs, years, topic and SDG choices, topic and SDG validation;
    # +1 on a cache miss.
    assert small_count == large_count <= 11
    assert (_cards(small), len(_cards(large))) == (["Data 0"], 12)


def test_topic_page_query_count_is_flat(client, make_event, topic):
    make_event(title="Only one").topics.add(topic)
    small_count, small = count_queries(client, topic.get_absolute_url())

    for n in range(30):
        make_event(title=f"Event {n}", starts_in=(n - 15) * DAY).topics.add(topic)
    large_count, large = count_queries(client, topic.get_absolute_url() + "?")

    assert small_count == large_count <= MAX_QUERIES
    assert text(one(large.content, "h1")) == topic.name
    assert (_cards(small), len(_cards(large)) > 1) == (["Only one"], True)


def test_feed_query_count_is_flat(client, make_event, topic):
    make_event(title="E0").topics.add(topic)
    small_count, small = count_queries(client, reverse("events:feed"))
    for n in range(1, 12):
        make_event(title=f"E{n}").topics.add(topic)
    large_count, large = count_queries(client, reverse("events:feed") + "?")

    def titles(response):
        return [item.findtext("title") for item in ET.fromstring(response.content).iter("item")]

    assert small_count == large_count <= 6
    assert (titles(small), len(titles(large))) == (["E0"], 12)


def test_calendar_feed_query_count_is_flat(client, make_event, make_speaker, add_speaker):
    add_speaker(make_event(title="E0"), make_speaker(full_name="Speaker 0"))
    small_count, small = count_queries(client, reverse("events:calendar-feed"))
    for n in range(1, 15):
        add_speaker(make_event(title=f"E{n}"), make_speaker(full_name=f"Speaker {n}"))
    large_count, large = count_queries(client, reverse("events:calendar-feed") + "?")

    def summaries(response):
        calendar = icalendar.Calendar.from_ical(response.content)
        return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]

    assert small_count == large_count <= 9
    assert (summaries(small), len(summaries(large))) == (["E0"], 15)


def test_sitemap_query_count_is_flat(
    client, make_event, make_speaker, add_speaker, topic, monkeypatch
):
    # One page per section whatever the size, so that each section page is compared with
    # itself (the paging is tested in test_sitemaps).
    monkeypatch.setattr("events.sitemaps.EventSitemap.limit", 1000)
    monkeypatch.setattr("speakers.sitemaps.SpeakerSitemap.limit", 1000)

    def add(n):
        event = make_event(title=f"E{n}")
        event.topics.add(topic)
        add_speaker(event, make_speaker(full_name=f"Speaker {n}"))

    def section_pages(response):
        """The index's section pages (paths with their ?p=)."""
        return [
            loc.text.removeprefix("http://testserver")
            for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")
        ]

    def addresses(pages):
        found = []
        for page in pages:
            found += [loc.text for loc in ET.fromstring(page.content).iter(f"{SITEMAP}loc")]
        return found

    add(0)
    small_count, small = count_queries(client, reverse("sitemap"))
    small_sections = [count_queries(client, page) for page in section_pages(small)]
    for n in range(1, 20):
        add(n)
    large_count, large = count_queries(client, reverse("sitemap") + "?")
    large_sections = [count_queries(client, page + "#") for page in section_pages(large)]

    # The index: per section (pages, events, speakers, topics, series) a COUNT; the latest
    # change of the events, the topics, the series and the pages; +1 on a cache miss. Each
    # section page: a COUNT and a SELECT.
    assert small_count == large_count <= 9
    assert [n for n, _ in small_sections] == [n for n, _ in large_sections]
    assert max(n for n, _ in large_sections) <= 3
    # Growing by 19 events and their 19 speakers, each in the six languages.
    small_addresses = addresses(r for _, r in small_sections)
    large_addresses = addresses(r for _, r in large_sections)
    assert len(large_addresses) - len(small_addresses) == 38 * 6
    assert "http://testserver/events/e19/" in large_addresses
