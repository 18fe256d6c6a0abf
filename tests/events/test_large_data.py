"""A large made-up site (manage.py generate_data): reproducible from its seed, realistic,
and every public page costs the same number of queries on it as on the demo.

The query counts are compared on one database: the demo with one webinar to come added (so
that every list has something in it), then the same with a few hundred generated webinars
(enough to fill many list, topic, speaker and sitemap pages); the page cache is emptied
between the two, so that both visits render.
"""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F

from events.management.commands.generate_data import generate
from events.models import (
    AgendaItem,
    Event,
    EventSpeaker,
    Material,
    SustainableDevelopmentGoal,
    Topic,
)
from speakers.models import Speaker
from tests.html_tags import find_tags
from tests.queries import count_queries

TODAY = datetime.date(2026, 6, 1)
DEMO_EVENT = "/events/smart-cities-urban-digital-transformation-2021/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

#: The same address on the demo and on the large site.
PAGES = [
    "/",
    "/events/",
    "/events/?topic=digital-government",
    "/events/?sdg=11",
    "/events/?year=2021",
    "/events/?when=upcoming",
    "/events/?when=past",
    "/events/?q=smart+cities",
    "/events/?q=URB%C3%A1N",  # "URBáN": found on both, accents and case aside
    "/events/?q=data&topic=digital-government&sdg=11&year=2021&when=past",
    DEMO_EVENT,
    f"{DEMO_EVENT}calendar.ics",
    f"{DEMO_EVENT}world-clock/",
    "/speakers/",
    "/speakers/zhu-lin/",
    "/topics/digital-government/",
    "/events/feed/",
    "/events/feed/atom/",
    "/events/calendar.ics",
    "/sitemap.xml",
    "/sitemap-pages.xml",
    "/sitemap-events.xml",
    "/sitemap-speakers.xml",
    "/sitemap-topics.xml",
]


def _snapshot():
    """What generate() made, without primary keys: enough to tell two runs apart."""
    return {
        "events": list(
            Event.objects.order_by("uid").values_list(
                "uid", "title", "slug", "start", "end", "timezone", "status", "publication"
            )
        ),
        "speakers": sorted(Speaker.objects.values_list("full_name", "slug", "organization")),
        "appearances": sorted(
            EventSpeaker.objects.values_list("event__uid", "speaker__slug", "role", "position")
        ),
        "agenda": sorted(AgendaItem.objects.values_list("event__uid", "position", "title")),
        "materials": sorted(
            Material.objects.values_list("event__uid", "title", "language", "file", "url")
        ),
    }


def test_generate_data_is_reproducible_from_its_seed(db):
    generate(events=40, speakers=20, seed=7, today=TODAY)
    first = _snapshot()
    Event.objects.all().delete()  # cascades to appearances, agenda, materials
    Speaker.objects.all().delete()

    generate(events=40, speakers=20, seed=7, today=TODAY)
    again = _snapshot()
    Event.objects.all().delete()
    Speaker.objects.all().delete()
    generate(events=40, speakers=20, seed=8, today=TODAY)

    assert again == first
    assert _snapshot()["events"] != first["events"]


def test_generate_data_makes_a_realistic_site(db):
    made = generate(events=300, speakers=150, seed=1, today=TODAY)

    events = Event.objects.annotate(
        speakers=Count("appearances", distinct=True), items=Count("agenda_items", distinct=True)
    )
    starts = sorted(events.values_list("start", flat=True))
    names = list(Speaker.objects.values_list("full_name", flat=True))
    assert made == {"events": 300, "speakers": 150}
    assert starts[0].date() < datetime.date(2012, 6, 1) and starts[-1].date() > TODAY
    assert all(e.speakers >= 2 and e.items >= 3 for e in events)
    assert events.filter(publication=Event.Publication.DRAFT).exists()
    assert events.filter(status=Event.Status.CANCELLED).exists()
    assert len({e.timezone for e in events}) >= 5
    assert not AgendaItem.objects.exclude(start__gte=F("event__start")).exists()
    assert not AgendaItem.objects.exclude(end__lte=F("event__end")).exists()
    assert any(set(n) & set("áéíñçøłüöåèš") for n in names)  # accented Latin
    assert any(not n.isascii() and n.isalpha() for n in names)  # e.g. 王丽, no Latin at all
    assert Material.objects.exclude(file="").filter(file_size__isnull=False).exists()
    assert set(Material.objects.values_list("language", flat=True)) > {"en", "fr", "es"}
    assert Speaker.objects.count() == Speaker.objects.values("slug").distinct().count()


def _counts(client, paths):
    cache.clear()  # nothing stored by the previous visit
    return {path: count_queries(client, path)[0] for path in paths}


def _last_page(client, path):
    """`path` with ?page= (or &page=) of its last page."""
    cache.clear()
    response = client.get(path)
    total = response.context["paginator"].num_pages
    assert total > 1, f"{path} has a single page: generate more rows"
    separator = "&" if "?" in path else "?"
    return f"{path}{separator}page={total}"


def test_every_page_costs_as_many_queries_on_a_large_site_as_on_the_demo(
    client, make_event, make_speaker, add_speaker
):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    coming = make_event(title="Urban data to come", starts_in=datetime.timedelta(days=7))
    coming.topics.add(Topic.objects.get(slug="digital-government"))
    coming.sdgs.add(SustainableDevelopmentGoal.objects.get(number=11))
    add_speaker(coming, make_speaker(full_name="Zhu Lin 2"))
    demo = _counts(client, PAGES)
    first_pages = _counts(client, ["/events/", "/speakers/", "/topics/digital-government/"])

    generate(events=300, speakers=150, seed=1)  # around today: some are to come
    large = _counts(client, PAGES)
    # The last page of each paginated list, against the demo's only page.
    last_pages = [
        _last_page(client, path)
        for path in ["/events/", "/speakers/", "/topics/digital-government/"]
    ]
    large_last = _counts(client, last_pages)
    # The busiest webinar and speaker, against the demo's.
    busiest = Event.objects.published().annotate(n=Count("appearances")).order_by("-n").first()
    prolific = (
        Speaker.objects.filter(appearances__event__publication="published")
        .annotate(n=Count("appearances"))
        .order_by("-n")
        .first()
    )
    large_busiest = _counts(client, [busiest.get_absolute_url(), prolific.get_absolute_url()])

    assert large == demo
    assert list(large_last.values()) == list(first_pages.values())
    assert list(large_busiest.values()) == [demo[DEMO_EVENT], demo["/speakers/zhu-lin/"]]
    assert prolific.n > 5  # a page that really lists many appearances
    # The pages are the right ones: the large site's list and sitemap are full.
    cards = find_tags(client.get("/events/").content.decode(), "article")
    assert [c["class"] for c in cards] == ["card event-card"] * 12
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [s.findtext(f"{SITEMAP}loc") for s in index.iter(f"{SITEMAP}sitemap")]
    assert "http://testserver/sitemap-events.xml?p=3" in sections  # 300 webinars, 100 a page
    assert Event.objects.published().upcoming().count() > 1


@pytest.mark.parametrize("count", [0, -1])
def test_generate_data_refuses_speakers_below_one_for_events(count):
    with pytest.raises(CommandError):
        call_command("generate_data", events=10, speakers=count)
