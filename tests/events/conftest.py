import datetime
import zoneinfo
from html.parser import HTMLParser

import pytest

from events.models import Event, EventOrganizer, Organization, Series, Session

NY = zoneinfo.ZoneInfo("America/New_York")


class _TextCollector(HTMLParser):
    """The text inside each element whose tag and class match, in document order."""

    def __init__(self, tag, cls):
        super().__init__()
        self.tag, self.cls = tag, cls
        self.found, self._depth = [], 0

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self._depth:
            self._depth += tag == self.tag
        elif tag == self.tag and (self.cls is None or self.cls in classes):
            self._depth = 1
            self.found.append("")

    def handle_endtag(self, tag):
        if self._depth and tag == self.tag:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.found[-1] += data


@pytest.fixture
def texts():
    """texts(html, tag, cls=None) -> the whitespace-normalised text of each <tag> with
    class `cls` (parsed, in document order)."""

    def collect(body, tag, cls=None):
        parser = _TextCollector(tag, cls)
        parser.feed(body)
        return [" ".join(text.split()) for text in parser.found]

    return collect


@pytest.fixture
def workshop(db):
    """A published online workshop in New York: four 08:00-11:00 sessions on 26 and 28
    January, 2 and 4 February 2027, organised by UN DESA with ITU."""
    event = Event.objects.create(
        title="Data governance workshop",
        summary="Four mornings on data governance.",
        kind=Event.Kind.WORKSHOP,
        timezone="America/New_York",
        publication=Event.Publication.PUBLISHED,
        platform="Zoom",
    )
    for month, day in [(1, 26), (1, 28), (2, 2), (2, 4)]:
        start = datetime.datetime(2027, month, day, 8, 0, tzinfo=NY)
        Session.objects.create(
            event=event, start=start, end=start + datetime.timedelta(hours=3), title=f"Day {day}"
        )
    desa = Organization.objects.create(
        name="UN Department of Economic and Social Affairs", acronym="UN DESA"
    )
    itu = Organization.objects.create(
        name="International Telecommunication Union", acronym="ITU", url="https://www.itu.int"
    )
    EventOrganizer.objects.create(event=event, organization=desa, position=0)
    EventOrganizer.objects.create(
        event=event, organization=itu, role=EventOrganizer.Role.CO_ORGANIZER, position=1
    )
    event.refresh_from_db()
    return event


@pytest.fixture
def forum(db):
    """A hybrid forum in Bern held 3-6 October 2021, known by its dates only, part 1 of a
    series."""
    series = Series.objects.create(title="World Data Forum", slug="world-data-forum")
    event = Event.objects.create(
        title="World Data Forum 2021",
        summary="Four days in Bern and online.",
        kind=Event.Kind.FORUM,
        series=series,
        timezone="Europe/Zurich",
        attendance_mode=Event.AttendanceMode.MIXED,
        venue="BERNEXPO",
        street_address="Mingerstrasse 6",
        address_locality="Bern",
        address_country="Switzerland",
        publication=Event.Publication.PUBLISHED,
    )
    Session.objects.create(
        event=event, start_date=datetime.date(2021, 10, 3), end_date=datetime.date(2021, 10, 6)
    )
    event.refresh_from_db()
    return event
