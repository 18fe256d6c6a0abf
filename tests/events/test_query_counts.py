"""The public pages run a fixed number of SQL queries, whatever the number of related rows.

Each test renders a page for a small and a large object and compares the two counts; the
page cache is bypassed by the first visit to each URL (nothing is stored yet).
"""

import datetime

import pytest
from django.urls import reverse

from events.models import (
    AgendaItem,
    EventOrganizer,
    Material,
    Organization,
    Series,
    Session,
    Topic,
)
from tests.queries import count_queries

DAY = datetime.timedelta(days=1)
# Session-free anonymous visit: the event, its prefetches (sessions, organisers, speakers,
# agenda with its speakers, materials, topics, goals), its place in a series and the cache
# horizon.
MAX_QUERIES = 12


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


def test_event_page_queries_do_not_grow_with_speakers_and_agenda(
    client, make_event, make_speaker, add_speaker
):
    small = full_event(make_event, make_speaker, add_speaker, 1, "small")
    large = full_event(make_event, make_speaker, add_speaker, 50, "large")

    small_count = count_queries(client, small.get_absolute_url())
    large_count = count_queries(client, large.get_absolute_url())

    assert small_count == large_count
    assert large_count <= MAX_QUERIES


@pytest.mark.parametrize("url_name", ["home", "events:list"])
def test_listing_queries_do_not_grow_with_events(client, make_event, topic, url_name):
    # One event to come and one past: the home page shows both lists.
    make_event(title="Next one").topics.add(topic)
    make_event(title="Last one", starts_in=-DAY).topics.add(topic)
    small_count = count_queries(client, reverse(url_name))

    for n in range(30):
        event = make_event(title=f"Event {n}", starts_in=(n - 15) * DAY)
        event.topics.add(topic, Topic.objects.create(name=f"T{n}", slug=f"t{n}"))
    large_count = count_queries(client, reverse(url_name) + "?")

    assert small_count == large_count
    assert large_count <= MAX_QUERIES


def test_topic_page_queries_do_not_grow_with_events(client, make_event, topic):
    make_event(title="Only one").topics.add(topic)
    small_count = count_queries(client, topic.get_absolute_url())

    for n in range(30):
        make_event(title=f"Event {n}", starts_in=(n - 15) * DAY).topics.add(topic)
    large_count = count_queries(client, topic.get_absolute_url() + "?")

    assert small_count == large_count
    assert large_count <= MAX_QUERIES
