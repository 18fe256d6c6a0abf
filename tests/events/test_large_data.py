"""A large made-up site (manage.py generate_data): reproducible from its seed, realistic,
and every public page costs the same number of queries on it as on the demo.

The query counts are compared on one database: the demo with one webinar to come added (so
that every list has something in it), then the same with a few hundred generated webinars
(enough to fill many list, topic, speaker and sitemap pages); the page cache is emptied
between the two, so that both visits render.
"""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, F, Max, Min, Q

from events.management.commands.generate_data import generate
from events.models import (
    AgendaItem,
    AgendaItemSpeaker,
    Event,
    EventOrganizer,
    EventSpeaker,
    Material,
    Series,
    Session,
    SpeakerRole,
    SustainableDevelopmentGoal,
    Topic,
)
from speakers.models import Speaker
from tests.html_tags import find_tags
from tests.queries import count_queries

TODAY = datetime.date(2026, 6, 1)
DEMO_EVENT = "/events/smart-cities-urban-digital-transformation-2021/"
DEMO_SERIES = "/series/un-world-data-forum/"
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
    DEMO_SERIES,
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
        "speakers": sorted(
            Speaker.objects.values_list("full_name", "slug", "honorific", "organization")
        ),
        "sessions": sorted(
            Session.objects.values_list(
                "uid",
                "event__uid",
                "title",
                "start",
                "end",
                "start_date",
                "end_date",
                "effective_start",
                "effective_end",
            )
        ),
        "organizers": sorted(
            EventOrganizer.objects.values_list(
                "event__uid", "organization__name", "role", "position"
            )
        ),
        "series": sorted(Series.objects.values_list("uid", "title", "slug")),
        "editions": sorted(Event.objects.values_list("uid", "series__uid")),
        "appearances": sorted(
            EventSpeaker.objects.values_list("event__uid", "speaker__slug", "role", "position")
        ),
        "agenda": sorted(
            AgendaItem.objects.values_list("event__uid", "position", "title", "start", "end")
        ),
        "agenda_speakers": sorted(
            AgendaItemSpeaker.objects.values_list(
                "item__event__uid", "item__position", "speaker__slug", "role", "position"
            )
        ),
        "materials": sorted(
            Material.objects.values_list("event__uid", "title", "language", "file", "url")
        ),
    }


def _delete_generated():
    Event.objects.all().delete()  # cascades to sessions, organisers, appearances, agenda...
    Speaker.objects.all().delete()
    Series.objects.all().delete()  # organisations stay: the next run reuses them by name


def test_generate_data_is_reproducible_from_its_seed(db):
    generate(events=60, speakers=20, seed=7, today=TODAY)
    first = _snapshot()
    _delete_generated()

    generate(events=60, speakers=20, seed=7, today=TODAY)
    again = _snapshot()
    _delete_generated()
    generate(events=60, speakers=20, seed=8, today=TODAY)

    assert again == first
    assert first["sessions"] and first["organizers"] and first["series"]
    assert first["agenda_speakers"]
    assert _snapshot()["events"] != first["events"]


def test_generate_data_makes_a_realistic_site(db):
    made = generate(events=300, speakers=150, seed=1, today=TODAY)

    events = Event.objects.annotate(
        speakers=Count("appearances", distinct=True), items=Count("agenda_items", distinct=True)
    )
    starts = sorted(events.values_list("start", flat=True))
    names = list(Speaker.objects.values_list("full_name", flat=True))
    assert made == {"events": 300, "speakers": 150, "series": 12}
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
    honorifics = set(Speaker.objects.values_list("honorific", flat=True))
    assert "" in honorifics and len(honorifics) > 3


def test_generated_sessions_make_the_events_spans(db):
    generate(events=300, speakers=150, seed=1, today=TODAY)

    events = Event.objects.annotate(
        sessions_count=Count("sessions"),
        first=Min("sessions__effective_start"),
        last=Max("sessions__effective_end"),
        timed=Count("sessions", filter=Q(sessions__start__isnull=False)),
    )
    # Every event has sessions, and its start and end are their span (Event.update_span()).
    assert all(e.sessions_count >= 1 and (e.start, e.end) == (e.first, e.last) for e in events)
    assert events.filter(sessions_count=1).count() > 200  # most: one session
    several = events.filter(sessions_count__gte=2)
    assert several.exists() and set(several.values_list("kind", flat=True)) <= {
        Event.Kind.WORKSHOP,
        Event.Kind.TRAINING,
    }
    forums = Session.objects.filter(start_date__isnull=False)
    assert forums.filter(end_date__gt=F("start_date")).exists()  # some over several days
    assert (
        not forums.exclude(event__attendance_mode=Event.AttendanceMode.ONLINE)
        .filter(event__address_locality="")
        .exists()
    )
    assert Session.objects.filter(start__isnull=False, end__isnull=True).exists()
    # What Session.save() would store: the effective span and the first session's UID.
    for session in Session.objects.select_related("event")[:300]:
        assert (session.effective_start, session.effective_end) == session.span(
            session.event.tzinfo
        )
    firsts = Event.objects.filter(sessions__uid=F("uid"))
    assert firsts.count() == Event.objects.count()
    # Agenda items fall within a session of their event.
    for item in AgendaItem.objects.select_related("event")[:300]:
        assert any(
            s.effective_start <= item.start and item.end <= s.effective_end
            for s in item.event.sessions.all()
        )


def test_generated_organisers_series_and_agenda_roles(db):
    generate(events=300, speakers=150, seed=1, today=TODAY)

    lead = EventOrganizer.objects.filter(position=0, role=EventOrganizer.Role.ORGANIZER)
    assert lead.count() == Event.objects.count()
    assert set(EventOrganizer.objects.values_list("role", flat=True)) == set(
        EventOrganizer.Role.values
    )
    editions = sorted(Series.objects.annotate(n=Count("events")).values_list("n", flat=True))
    assert len(editions) == 12 and editions[0] >= 2 and editions[-1] <= 6
    roles = AgendaItemSpeaker.objects.values_list("role", flat=True)
    assert {SpeakerRole.MODERATOR, SpeakerRole.PANELLIST, SpeakerRole.KEYNOTE} <= set(roles)
    panel = AgendaItemSpeaker.objects.filter(item__kind=AgendaItem.Kind.PANEL)
    assert not panel.filter(position=0).exclude(role=SpeakerRole.MODERATOR).exists()
    assert not panel.filter(position__gt=0).exclude(role=SpeakerRole.PANELLIST).exists()
    # An agenda item's speakers are speakers of its event.
    assert not AgendaItemSpeaker.objects.exclude(
        speaker__appearances__event=F("item__event")
    ).exists()


def _counts(client, paths):
    """{path: queries of its visit}, each visit with nothing stored by an earlier one (no
    page, fragment or horizon), so that no count depends on the order of `paths`."""
    counts = {}
    for path in paths:
        cache.clear()
        counts[path] = count_queries(client, path)[0]
    return counts


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
    # The series with the most editions against one with the fewest (the demo's series
    # names no agenda speakers, one query fewer), and the event with the most sessions
    # against the demo's webinar (one session).
    series = Series.objects.annotate(n=Count("events")).filter(
        pk__in=Series.objects.filter(events__agenda_items__roles__isnull=False).values("pk")
    )
    biggest, smallest = series.order_by("-n", "pk").first(), series.order_by("n", "pk").first()
    longest = Event.objects.published().annotate(n=Count("sessions")).order_by("-n", "pk").first()
    smallest_count = _counts(client, [smallest.get_absolute_url()])
    large_several = _counts(client, [biggest.get_absolute_url(), longest.get_absolute_url()])

    assert large == demo
    assert list(large_last.values()) == list(first_pages.values())
    assert list(large_busiest.values()) == [demo[DEMO_EVENT], demo["/speakers/zhu-lin/"]]
    assert prolific.n > 5  # a page that really lists many appearances
    assert list(large_several.values()) == [*smallest_count.values(), demo[DEMO_EVENT]]
    assert biggest.n >= 2 * smallest.n and longest.n >= 3
    series_page = client.get(biggest.get_absolute_url()).content.decode()
    assert all(e.title in series_page for e in biggest.events.published())
    event_page = client.get(longest.get_absolute_url()).content.decode()
    assert all(s.title in event_page for s in longest.sessions.all())
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


def test_generate_data_leaves_planner_statistics_for_what_it_wrote(db):
    from django.db import connection

    call_command("generate_data", events=20, speakers=10, stdout=io.StringIO())

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # -1 (never analysed) or 0 before ANALYZE
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'events_event'")
            assert cursor.fetchone()[0] >= 20
        else:
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'events_event'")
            assert cursor.fetchone() is not None
