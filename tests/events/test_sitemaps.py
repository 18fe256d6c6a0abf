"""sitemap.xml (parsed as XML) and robots.txt."""

import datetime
import xml.etree.ElementTree as ET

from django.urls import reverse

from events.models import Event, Topic

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _entries(client):
    response = client.get(reverse("sitemap"))
    root = ET.fromstring(response.content)
    return response, {
        url.findtext(f"{NS}loc"): url.findtext(f"{NS}lastmod") for url in root.iter(f"{NS}url")
    }


def test_sitemap_lists_public_events_speakers_topics_with_lastmod(
    client, make_event, make_speaker, add_speaker, topic
):
    event = make_event(title="Public webinar")
    event.topics.add(topic)
    Event.objects.filter(pk=event.pk).update(
        updated=datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.timezone.utc)
    )
    add_speaker(event, make_speaker(full_name="Zhu Lin"))
    draft = make_event(title="Zebra secret draft", publication=Event.Publication.DRAFT)
    add_speaker(draft, make_speaker(full_name="Hidden Speaker"))
    draft.topics.add(Topic.objects.create(name="Only drafts", slug="only-drafts"))

    response, entries = _entries(client)

    assert response["Content-Type"] == "application/xml"
    paths = [
        "/",
        "/events/",
        "/events/public-webinar/",
        "/speakers/",
        "/speakers/zhu-lin/",
        "/topics/digital-government/",
    ]
    # Each page once per language: English unprefixed, the others under their prefix.
    prefixes = ["", "/ar", "/zh-hans", "/fr", "/ru", "/es"]
    assert sorted(entries) == sorted(
        f"http://testserver{p}{path}" for p in prefixes for path in paths
    )
    assert entries["http://testserver/events/public-webinar/"] == "2024-05-06"
    assert entries["http://testserver/topics/digital-government/"] == "2024-05-06"
    assert all(entries.values())


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_counters(client, db):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /events/*/recording/" in lines
    assert "Disallow: /*/events/*/recording/" in lines
    assert "Disallow: /" not in lines
