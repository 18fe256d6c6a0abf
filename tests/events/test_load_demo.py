import datetime
import xml.etree.ElementTree as ET
import zoneinfo
from urllib.parse import urlsplit

import icalendar
import pytest
from django.core.management import call_command
from django.urls import reverse

from events.models import (
    AgendaItem,
    AgendaItemSpeaker,
    Event,
    EventOrganizer,
    EventSpeaker,
    Organization,
    Series,
    Session,
    Topic,
)
from speakers.models import Speaker
from tests.html_tags import one, parse_html, text, texts

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _snapshot():
    return {
        model.__name__: sorted(map(str, model.objects.values_list()))
        for model in (
            Event,
            Topic,
            Speaker,
            EventSpeaker,
            AgendaItem,
            AgendaItemSpeaker,
            Session,
            Organization,
            EventOrganizer,
            Series,
        )
    }


def test_load_demo_loads_the_seed_webinar(db):
    call_command("load_demo")

    event = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")
    assert event.title == (
        "Advancing SMART Cities and Urban Digital Transformation to achieve "
        "Sustainable Development Goals"
    )
    assert event.start == datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc)
    assert event.end == datetime.datetime(2021, 9, 9, 14, 30, tzinfo=datetime.timezone.utc)
    assert event.local_start.tzname() == "EDT"
    assert event.publication == Event.Publication.PUBLISHED
    assert event.recording_url == ""
    assert sorted(t.name for t in event.topics.all()) == ["Digital Government", "Local Governance"]
    assert [(a.speaker.display_name, a.role) for a in event.appearances.all()] == [
        ("Mr. Elliott Harris", "opening-remarks"),
        ("Mr. Yong LU", "presenter"),
        ("Mr. Jing Yijia", "presenter"),
        ("Mr. Deniz Susar", "presenter"),
        ("Mr. Liu Yingfeng", "presenter"),
        ("Mrs. Zhu Lin", "presenter"),
        ("Mr. Wang Xingquan", "presenter"),
    ]
    agenda = list(event.agenda_items.all())
    assert [item.title for item in agenda][:2] == ["Welcome remarks", "Presentation"]
    assert [list(item.speakers.all()) for item in agenda] == [
        [a.speaker] for a in event.appearances.all()
    ]


def test_load_demo_twice_changes_nothing(db):
    call_command("load_demo")
    before = _snapshot()
    call_command("load_demo")
    assert _snapshot() == before


def test_load_demo_keeps_staff_edits_unless_reset(db):
    call_command("load_demo")
    Event.objects.update(recording_url="https://example.org/recording")
    call_command("load_demo")
    assert (
        Event.objects.get(slug="smart-cities-urban-digital-transformation-2021").recording_url
        == "https://example.org/recording"
    )
    call_command("load_demo", "--reset")
    assert (
        Event.objects.get(slug="smart-cities-urban-digital-transformation-2021").recording_url == ""
    )


def test_demo_event_page_shows_everything(client, db):
    call_command("load_demo")
    page = parse_html(
        client.get(
            Event.objects.get(
                slug="smart-cities-urban-digital-transformation-2021"
            ).get_absolute_url()
        ).content
    )
    assert text(one(page, ".event-header .when")) == (
        "Thursday, September 9, 2021, 8:00 – 10:30 AM UTC\u22124"
    )
    assert {"Digital Government", "Local Governance"} <= set(texts(page, ".event-header .tags a"))
    assert {"Mrs. Zhu Lin", "Mr. Wang Xingquan"} <= set(texts(page, "ul.speakers .speaker-name"))
    assert texts(page, ".cta p") == ["No recording is available yet."]
    assert {"Objectives", "Participants"} <= set(texts(page, "#concept-heading + .prose h3"))


# -- Calendars, feeds, sitemap, JSON-LD and filters on the seed ------------------------------


def test_load_demo_tags_the_seed_with_sdg_11(db):
    call_command("load_demo")
    assert [
        str(g)
        for g in Event.objects.get(slug="smart-cities-urban-digital-transformation-2021").sdgs.all()
    ] == ["SDG 11: Sustainable cities and communities"]


def test_seed_ics_imports_at_the_right_time_in_new_york_geneva_and_shanghai(client, db):
    call_command("load_demo")
    event = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")

    response = client.get(reverse("events:calendar", kwargs={"slug": event.slug}))
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.events
    # Read the times as a client without its own zone data would: through our VTIMEZONE.
    zone = calendar.timezones[0].to_tz(lookup_tzid=False)
    start = vevent["DTSTART"].dt.replace(tzinfo=zone)
    end = vevent["DTEND"].dt.replace(tzinfo=zone)

    def local(name):
        place = zoneinfo.ZoneInfo(name)
        return start.astimezone(place).strftime("%H:%M"), end.astimezone(place).strftime("%H:%M")

    assert vevent["DTSTART"].params["TZID"] == "America/New_York"
    assert (start.strftime("%Y-%m-%d %I:%M %p"), end.strftime("%I:%M %p")) == (
        "2021-09-09 08:00 AM",
        "10:30 AM",
    )
    assert local("America/New_York") == ("08:00", "10:30")
    assert local("Europe/Zurich") == ("14:00", "16:30")
    assert local("Asia/Shanghai") == ("20:00", "22:30")
    assert str(vevent["SUMMARY"]) == event.title
    assert "Mr. Yong LU, Vice President, Shanghai Data Exchange Center" in str(
        vevent["DESCRIPTION"]
    )


def test_seed_feeds_and_sitemap_parse(client, db):
    call_command("load_demo")
    event = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")
    page = f"http://testserver{event.get_absolute_url()}"

    rss = ET.fromstring(client.get(reverse("events:feed")).content)
    atom = ET.fromstring(client.get(reverse("events:atom")).content)
    index = ET.fromstring(client.get(reverse("sitemap")).content)
    sections = [urlsplit(s.findtext(f"{SITEMAP}loc")).path for s in index.iter(f"{SITEMAP}sitemap")]
    feed = icalendar.Calendar.from_ical(client.get(reverse("events:calendar-feed")).content)

    forums = Event.objects.filter(series__slug="un-world-data-forum").order_by("start")
    links = [i.findtext("link") for i in rss.iter("item")]
    assert sorted(links) == sorted(
        [page] + [f"http://testserver{f.get_absolute_url()}" for f in forums]
    )
    atom_ids = [e.findtext(f"{ATOM}id") for e in atom.iter(f"{ATOM}entry")]
    assert f"urn:uuid:{event.uid}" in atom_ids and len(atom_ids) == 3
    locations = [
        u.findtext(f"{SITEMAP}loc")
        for path in sections
        for u in ET.fromstring(client.get(path).content).iter(f"{SITEMAP}url")
    ]
    assert page in locations
    assert "http://testserver/speakers/zhu-lin/" in locations
    assert "http://testserver/topics/local-governance/" in locations
    # Oldest first: the webinar (Sep 2021), then the forums' date-only sessions.
    assert [str(e["UID"]) for e in feed.events] == [str(event.uid)] + [str(f.uid) for f in forums]


def test_seed_jsonld_holds_every_required_property(client, db, jsonld):
    call_command("load_demo")
    event = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")

    (data,) = jsonld(client.get(event.get_absolute_url()).content.decode())

    page = f"http://testserver{event.get_absolute_url()}"
    assert (data["@context"], data["@type"], data["name"]) == (
        "https://schema.org",
        "Event",
        event.title,
    )
    assert (data["startDate"], data["endDate"]) == (
        "2021-09-09T08:00:00-04:00",
        "2021-09-09T10:30:00-04:00",
    )
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {"@type": "VirtualLocation", "url": page}
    assert data["organizer"] == [
        {
            "@type": "Organization",
            "name": "UN Department of Economic and Social Affairs",
            "alternateName": "UN DESA",
            "url": "https://www.un.org/en/desa",
        }
    ]
    assert [p["name"] for p in data["performer"]] == [
        "Elliott Harris",
        "Yong LU",
        "Jing Yijia",
        "Deniz Susar",
        "Liu Yingfeng",
        "Zhu Lin",
        "Wang Xingquan",
    ]
    assert data["description"] == event.summary


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "digital-government"},
        {"topic": "local-governance"},
        {"sdg": "11"},
        {"q": "Shanghai Data Exchange Center"},  # a speaker's organisation
        {"q": "Fudan University"},
        {"q": "zhu lin", "year": "2021", "topic": "local-governance", "when": "past"},
    ],
)
def test_filters_find_the_seed(client, db, query):
    call_command("load_demo")
    response = client.get(reverse("events:list"), query)
    assert [e.slug for e in response.context["events"]] == [
        "smart-cities-urban-digital-transformation-2021"
    ]


def test_year_filter_finds_the_seed_and_the_forum_of_that_year(client, db):
    call_command("load_demo")
    response = client.get(reverse("events:list"), {"year": "2021"})
    assert [e.slug for e in response.context["events"]] == [
        "un-world-data-forum-2021-bern",
        "smart-cities-urban-digital-transformation-2021",
    ]


@pytest.mark.parametrize(
    "query", [{"year": "2020"}, {"sdg": "3"}, {"q": "Fudan Harvard"}, {"when": "upcoming"}]
)
def test_filters_do_not_find_the_seed_for_other_values(client, db, query):
    call_command("load_demo")
    response = client.get(reverse("events:list"), query)
    assert list(response.context["events"]) == []


def test_demo_series_has_two_date_only_hybrid_forums(client, db, texts):
    call_command("load_demo")

    body = client.get("/series/un-world-data-forum/").content.decode()
    bern = client.get("/events/un-world-data-forum-2021-bern/").content.decode()

    assert texts(body, "p", "when") == ["Apr 24 – 27, 2023", "Oct 3 – 6, 2021"]
    assert texts(bern, "p", "eyebrow") == ["Forum"]
    assert texts(bern, "nav", "series-nav")[0].startswith("Part 1 of 2 in the series")
    assert (
        "A recording exists on the UN World Data Forum website" in texts(bern, "section", "cta")[0]
    )
