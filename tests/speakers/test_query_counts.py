"""Speaker pages run a fixed number of SQL queries, whatever the number of rows shown."""

import datetime

from django.urls import reverse

from speakers.models import SpeakerLink
from tests.queries import count_queries

DAY = datetime.timedelta(days=1)
MAX_QUERIES = 10


def test_speaker_page_queries_do_not_grow_with_appearances(
    client, make_event, make_speaker, add_speaker
):
    few, many = make_speaker(full_name="Few Appearances"), make_speaker(full_name="Many Talks")
    add_speaker(make_event(title="Once"), few)
    SpeakerLink.objects.create(speaker=few, label="Site", url="https://example.org/few")
    for n in range(50):
        add_speaker(make_event(title=f"Talk {n}", starts_in=(n - 25) * DAY), many)
        SpeakerLink.objects.create(speaker=many, label=f"L{n}", url=f"https://example.org/{n}")

    few_count = count_queries(client, few.get_absolute_url())
    many_count = count_queries(client, many.get_absolute_url())

    assert few_count == many_count
    assert many_count <= MAX_QUERIES


def test_speaker_list_queries_do_not_grow_with_speakers(
    client, make_event, make_speaker, add_speaker
):
    event = make_event()
    add_speaker(event, make_speaker(full_name="Solo Speaker"))
    small_count = count_queries(client, reverse("speakers:list"))

    for n in range(50):
        add_speaker(event, make_speaker(full_name=f"Speaker {n}"), position=n + 1)
    large_count = count_queries(client, reverse("speakers:list") + "?")

    assert small_count == large_count
    assert large_count <= MAX_QUERIES
