"""sitemap.xml (a sitemap index) and its sections (parsed as XML), and robots.txt."""

import datetime
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from django.urls import reverse

from events.models import Event, Topic

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _index(client):
    """{section page URL: lastmod} of sitemap.xml."""
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{NS}sitemapindex"
    return {s.findtext(f"{NS}loc"): s.findtext(f"{NS}lastmod") for s in root.iter(f"{NS}sitemap")}


def _entries(client):
    """The last section page's response and {URL: lastmod} over every page of the index."""
    entries = {}
    for page in _index(client):
        address = urlsplit(page)
        response = client.get(
            address.path, {"p": address.query.removeprefix("p=")} if address.query else {}
        )
        root = ET.fromstring(response.content)
        urls = list(root.iter(f"{NS}url"))
        entries.update({u.findtext(f"{NS}loc"): u.findtext(f"{NS}lastmod") for u in urls})
    return response, entries


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
    # The topic's own date (touched when its webinars change: tests/events/test_topics.py).
    Topic.objects.filter(pk=topic.pk).update(
        updated=datetime.datetime(2024, 5, 7, 8, 9, tzinfo=datetime.timezone.utc)
    )

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
    assert entries["http://testserver/topics/digital-government/"] == "2024-05-07"
    assert all(entries.values())


def test_sitemap_index_splits_sections_into_pages_of_limit_urls(
    client, make_event, make_speaker, add_speaker, monkeypatch
):
    # 12 URLs a page: two webinars, each in the six languages.
    monkeypatch.setattr("events.sitemaps.EventSitemap.limit", 12)
    for n in range(5):
        add_speaker(make_event(title=f"Webinar {n}"), make_speaker(full_name="Zhu Lin"))
    Event.objects.update(updated=datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.timezone.utc))

    index = _index(client)
    pages = [client.get("/sitemap-events.xml", {"p": p}) for p in (1, 2, 3)]
    beyond = client.get("/sitemap-events.xml", {"p": 4})

    assert sorted(index) == [
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-events.xml?p=2",
        "http://testserver/sitemap-events.xml?p=3",
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-series.xml",
        "http://testserver/sitemap-speakers.xml",
        "http://testserver/sitemap-topics.xml",
    ]
    assert index["http://testserver/sitemap-events.xml"] == "2024-05-06T07:08:00+00:00"
    assert index["http://testserver/sitemap-speakers.xml"] is None  # too dear to work out
    found = [
        [u.findtext(f"{NS}loc") for u in ET.fromstring(page.content).iter(f"{NS}url")]
        for page in pages
    ]
    assert [len(urls) for urls in found] == [12, 12, 6]
    english = [url for url in sum(found, []) if "testserver/events/" in url]
    assert sorted(english) == [f"http://testserver/events/webinar-{n}/" for n in range(5)]
    assert len(set(sum(found, []))) == 30
    assert beyond.status_code == 404


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_counters(client, db):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /events/*/recording/" in lines
    assert "Disallow: /*/events/*/recording/" in lines
    assert "Disallow: /" not in lines


def test_items_in_languages_slice_as_the_full_list_does(make_event):
    from common.languages import ItemsInLanguages

    for n in range(7):
        make_event(title=f"Webinar {n}")
    events = Event.objects.order_by("pk")
    codes = ["en", "ar", "fr"]
    full = [(event, code) for event in events for code in codes]
    pairs = ItemsInLanguages(events, codes)

    assert len(pairs) == len(full) == 21
    for start in range(0, 23):
        for stop in range(start, 24, 4):
            assert pairs[start:stop] == full[start:stop], (start, stop)
    assert (pairs[0], pairs[20], pairs[-1]) == (full[0], full[20], full[-1])
    assert list(ItemsInLanguages(["home"], codes)) == [("home", code) for code in codes]


def test_a_sitemap_page_loads_only_its_own_webinars(client, make_event, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr("events.sitemaps.EventSitemap.limit", 12)  # two webinars a page
    for n in range(5):
        make_event(title=f"Webinar {n}")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/sitemap-events.xml", {"p": 2})

    assert response.status_code == 200
    assert len(ET.fromstring(response.content).findall(f"{NS}url")) == 12
    selects = [q["sql"] for q in queries.captured_queries if '"events_event"."slug"' in q["sql"]]
    assert len(selects) == 1 and "LIMIT 2 OFFSET 2" in selects[0], selects
