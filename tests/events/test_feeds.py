"""The RSS and Atom feeds, parsed as XML."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from events.models import Event, SustainableDevelopmentGoal
from tests.html_tags import parse_html

ATOM = "{http://www.w3.org/2005/Atom}"


def _rss_items(client):
    response = client.get(reverse("events:feed"))
    channel = ET.fromstring(response.content).find("channel")
    return response, channel, channel.findall("item")


def test_rss_feed_lists_published_events_newest_announcement_first(client, make_event):
    older = make_event(title="Older announcement")
    newer = make_event(title="Newer announcement")
    Event.objects.filter(pk=older.pk).update(created=newer.created - datetime.timedelta(days=3))
    make_event(title="Zebra secret draft", publication=Event.Publication.DRAFT)

    response, channel, items = _rss_items(client)

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert channel.findtext("title") == "UN DESA Capacity-Building Webinars"
    assert channel.findtext("link") == "http://testserver/events/"
    assert [i.findtext("title") for i in items] == ["Newer announcement", "Older announcement"]
    assert b"Zebra secret draft" not in response.content


def test_rss_item_carries_time_summary_link_guid_and_categories(client, make_event, topic):
    event = make_event(
        title="Cities",
        summary="What cities do with data.",
        start=datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc),
        timezone="America/New_York",
    )
    event.topics.add(topic)
    event.sdgs.add(SustainableDevelopmentGoal.objects.get(number=11))

    (item,) = _rss_items(client)[2]

    assert item.findtext("link") == "http://testserver/events/cities/"
    assert item.findtext("description") == (
        "Thursday, September 9, 2021, 8:00 – 10:00 AM UTC\u22124. What cities do with data."
    )
    assert item.findtext("guid") == f"urn:uuid:{event.uid}"
    assert item.find("guid").get("isPermaLink") == "false"
    assert [c.text for c in item.findall("category")] == [
        "Digital Government",
        "SDG 11: Sustainable cities and communities",
    ]


@pytest.mark.parametrize(
    "title", ["数字政府与智慧城市", "الحكومة الرقمية والمدن الذكية", "Цифровое правительство & <b>"]
)
def test_feeds_are_valid_xml_with_non_latin_text(client, make_event, title):
    make_event(title=title, summary=f"{title} — résumé")

    rss = ET.fromstring(client.get(reverse("events:feed")).content)
    atom = ET.fromstring(client.get(reverse("events:atom")).content)

    assert rss.find("channel/item/title").text == title
    assert atom.find(f"{ATOM}entry/{ATOM}title").text == title


def test_atom_feed_entries_have_id_updated_and_link(client, make_event):
    event = make_event(title="Atom entry")

    response = client.get(reverse("events:atom"))
    entry = ET.fromstring(response.content).find(f"{ATOM}entry")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert entry.findtext(f"{ATOM}id") == f"urn:uuid:{event.uid}"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/events/atom-entry/"
    assert entry.findtext(f"{ATOM}updated").startswith(str(event.updated.year))


def test_pages_link_to_the_feeds(client, db):
    # (The other alternates are the page in other languages, with hreflang.)
    links = parse_html(client.get("/").content).select('head link[rel="alternate"][type]')
    assert [(link["type"], link["href"]) for link in links] == [
        ("application/rss+xml", "/events/feed/"),
        ("application/atom+xml", "/events/feed/atom/"),
    ]
