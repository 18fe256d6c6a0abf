"""Speaker pages run a fixed number of SQL queries, whatever the number of rows shown.

Each test renders a page for one related row and for many, compares the two counts and
checks what the page shows (see tests/queries.py).
"""

import datetime

from django.urls import reverse

from speakers.models import SpeakerLink
from tests.html_tags import one, parse_html, text, texts
from tests.queries import count_queries

DAY = datetime.timedelta(days=1)
# The speaker (or the page of speakers), its prefetches (the events' sessions for their
# dates) and the page cache's horizon.
MAX_QUERIES = 5


def test_speaker_page_query_count_is_flat(client, make_event, make_speaker, add_speaker):
    few, many = make_speaker(full_name="Few Appearances"), make_speaker(full_name="Many Talks")
    add_speaker(make_event(title="Once"), few)
    SpeakerLink.objects.create(speaker=few, label="Site", url="https://example.org/few")
    for n in range(50):
        add_speaker(make_event(title=f"Talk {n}", starts_in=(n - 25) * DAY), many)
        SpeakerLink.objects.create(speaker=many, label=f"L{n}", url=f"https://example.org/{n}")

    few_count, few_response = count_queries(client, few.get_absolute_url())
    many_count, many_response = count_queries(client, many.get_absolute_url())

    page = parse_html(many_response.content)
    assert few_count == many_count <= MAX_QUERIES
    assert texts(few_response.content, "ul.appearances > li > a") == ["Once"]
    assert text(one(page, "h1")) == "Many Talks"
    # All 25 to come, the latest 10 of the 25 past, and the way to the others.
    assert [len(page.select(s)) for s in ("ul.appearances > li", "ul.links > li")] == [35, 50]
    assert one(page, "p.more a")["href"] == "/events/?speaker=many-talks"


def test_speaker_list_query_count_is_flat(client, make_event, make_speaker, add_speaker):
    event = make_event()
    add_speaker(event, make_speaker(full_name="Solo Speaker"))
    small_count, small = count_queries(client, reverse("speakers:list"))

    for n in range(40):
        add_speaker(event, make_speaker(full_name=f"Speaker {n}"), position=n + 1)
    large_count, large = count_queries(client, reverse("speakers:list") + "?")

    def names(response):
        return texts(response.content, "ul.speakers .speaker-name")

    assert small_count == large_count <= MAX_QUERIES
    assert (names(small), len(names(large))) == (["Solo Speaker"], 41)
