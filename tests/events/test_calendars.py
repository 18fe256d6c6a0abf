"""The .ics files, read back with icalendar as a calendar client would."""

import datetime
import zoneinfo
from urllib.parse import parse_qs, urlsplit

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from events.calendars import google_calendar_url, outlook_calendar_url
from events.models import AgendaItem, Event, EventOrganizer, Organization
from tests.html_tags import one

UTC = datetime.timezone.utc
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


def _ics(client, event):
    return client.get(reverse("events:calendar", kwargs={"slug": event.slug}))


def _vevent(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.events
    return calendar, vevent


def _text(vevent, name):
    return str(vevent[name])


def test_ics_for_one_event_has_the_rfc5545_properties(client, make_event):
    event = make_event(
        title="Data for cities",
        start=datetime.datetime(2021, 9, 9, 12, 0, tzinfo=UTC),
        hours=2.5,
        timezone="America/New_York",
        platform="Zoom",
    )

    response = _ics(client, event)
    calendar, vevent = _vevent(response)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="data-for-cities.ics"'
    assert (str(calendar["VERSION"]), str(calendar["METHOD"])) == ("2.0", "PUBLISH")
    assert _text(vevent, "UID") == str(event.uid)
    assert vevent.DTSTAMP == event.updated.astimezone(UTC).replace(microsecond=0)
    assert vevent["DTSTART"].params["TZID"] == "America/New_York"
    assert vevent["DTEND"].params["TZID"] == "America/New_York"
    assert vevent.start == datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NEW_YORK)
    assert vevent.end == datetime.datetime(2021, 9, 9, 10, 30, tzinfo=NEW_YORK)
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]
    assert _text(vevent, "SUMMARY") == "Data for cities"
    assert _text(vevent, "URL") == "http://testserver/events/data-for-cities/"
    assert _text(vevent, "LOCATION") == ("Online (Zoom): http://testserver/events/data-for-cities/")
    assert _text(vevent, "STATUS") == "CONFIRMED"
    assert vevent["SEQUENCE"] == 0


def test_ics_vtimezone_alone_gives_the_right_utc_times_across_a_dst_change(client, make_event):
    # 00:30 EDT to 03:00 EST on 7 November 2021: the clocks go back at 02:00.
    event = make_event(
        start=datetime.datetime(2021, 11, 7, 0, 30, tzinfo=NEW_YORK),
        end=datetime.datetime(2021, 11, 7, 3, 0, tzinfo=NEW_YORK),
        timezone="America/New_York",
    )

    calendar, vevent = _vevent(_ics(client, event))
    # A client without tzdata must rely on our VTIMEZONE: build the zone from it alone.
    (vtimezone,) = calendar.timezones
    zone = vtimezone.to_tz(lookup_tzid=False)
    start = vevent["DTSTART"].dt.replace(tzinfo=None)
    end = vevent["DTEND"].dt.replace(tzinfo=None)

    assert (start, end) == (
        datetime.datetime(2021, 11, 7, 0, 30),
        datetime.datetime(2021, 11, 7, 3, 0),
    )
    assert start.replace(tzinfo=zone).astimezone(UTC) == datetime.datetime(
        2021, 11, 7, 4, 30, tzinfo=UTC
    )
    assert end.replace(tzinfo=zone).astimezone(UTC) == datetime.datetime(
        2021, 11, 7, 8, 0, tzinfo=UTC
    )
    assert end.replace(tzinfo=zone).astimezone(UTC) - start.replace(tzinfo=zone).astimezone(
        UTC
    ) == datetime.timedelta(hours=3, minutes=30)


def test_ics_cancelled_event_says_so(client, make_event):
    event = make_event(title="Dropped session", status=Event.Status.CANCELLED)

    _calendar, vevent = _vevent(_ics(client, event))

    assert _text(vevent, "STATUS") == "CANCELLED"
    assert _text(vevent, "SUMMARY") == "Cancelled: Dropped session"
    assert "This event has been cancelled." in _text(vevent, "DESCRIPTION")


def test_ics_escapes_commas_semicolons_and_newlines_and_folds_lines(client, make_event):
    title = "Cities, data; and people\nA second line " + "long " * 30
    event = make_event(title=title)

    response = _ics(client, event)
    raw = response.content
    _calendar, vevent = _vevent(response)

    assert _text(vevent, "SUMMARY") == title
    assert b"SUMMARY:Cities\\, data\\; and people\\nA second line" in raw
    lines = raw.split(b"\r\n")
    assert lines[-1] == b""  # every line, the last included, ends with CRLF
    assert b"\n" not in b"".join(lines)  # no bare LF anywhere
    assert max(len(line) for line in lines) <= 75


def test_ics_folds_non_latin_text_without_splitting_characters(
    client, make_event, make_speaker, add_speaker
):
    event = make_event(title="数字政府与智慧城市 " * 8 + "الحكومة الرقمية " * 6)
    chinese = make_speaker(full_name="王小明", organization="上海数据交易所")
    arabic = make_speaker(full_name="فاطمة الزهراء", organization="جامعة القاهرة")
    add_speaker(event, chinese, position=1)
    add_speaker(event, arabic, role="moderator", position=2)
    item = AgendaItem.objects.create(event=event, title="演讲 / عرض", position=1)
    item.speakers.add(chinese, arabic)

    response = _ics(client, event)
    lines = response.content.split(b"\r\n")
    _calendar, vevent = _vevent(response)
    description = _text(vevent, "DESCRIPTION")

    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # each physical line is whole UTF-8: no character was cut
    assert _text(vevent, "SUMMARY") == event.title
    assert "- 王小明, 上海数据交易所 (Presenter)" in description
    assert "- فاطمة الزهراء, جامعة القاهرة (Moderator)" in description
    # In the speaking order staff gave, not alphabetical.
    assert "- 演讲 / عرض: 王小明, 上海数据交易所; فاطمة الزهراء, جامعة القاهرة" in description


def test_ics_description_is_plain_text_with_agenda_and_speakers(
    client, make_event, make_speaker, add_speaker
):
    event = make_event(
        title="Cities",
        summary="What cities do with data.",
        description="Longer text.",
        start=datetime.datetime(2021, 9, 9, 12, 0, tzinfo=UTC),
        timezone="America/New_York",
        registration_url="https://example.org/register",
    )
    speaker = make_speaker(full_name="Yong LU", honorific="Mr.", job_title="Vice President")
    add_speaker(event, speaker)
    item = AgendaItem.objects.create(
        event=event,
        title="Presentation",
        start=datetime.datetime(2021, 9, 9, 12, 10, tzinfo=UTC),
        end=datetime.datetime(2021, 9, 9, 12, 30, tzinfo=UTC),
    )
    item.speakers.add(speaker)
    desa = Organization.objects.create(
        name="UN Department of Economic and Social Affairs", acronym="UN DESA"
    )
    EventOrganizer.objects.create(event=event, organization=desa)

    _calendar, vevent = _vevent(_ics(client, event))

    assert _text(vevent, "DESCRIPTION") == "\n".join(
        [
            "What cities do with data.",
            "",
            "Thursday, September 9, 2021, 8:00 – 10:00 AM UTC\u22124",
            "",
            "Longer text.",
            "",
            "Agenda (times in New York, UTC−4)",
            "- 8:10 – 8:30 AM Presentation: Mr. Yong LU, Vice President",
            "",
            "Speakers",
            "- Mr. Yong LU, Vice President (Presenter)",
            "",
            "Organiser: UN Department of Economic and Social Affairs (UN DESA)",
            "Register: https://example.org/register",
            "Programme and materials: http://testserver/events/cities/",
        ]
    )


def test_ics_description_turns_the_markdown_into_plain_text(client, make_event):
    event = make_event(
        title="DPI",
        summary="Digital public infrastructure.",
        description=(
            "## About\n\nThe **DPI** series by [UN DESA](https://www.un.org/desa) &amp; "
            "partners.\n\n- *Day one*\n- Day two: <https://example.org/two>"
        ),
        start=datetime.datetime(2021, 9, 9, 12, 0, tzinfo=UTC),
        timezone="America/New_York",
    )
    AgendaItem.objects.create(event=event, title="Open discussion")

    description = _text(_vevent(_ics(client, event))[1], "DESCRIPTION")

    assert description.split("\n")[4:14] == [
        "About",
        "",
        "The DPI series by UN DESA (https://www.un.org/desa) & partners.",
        "",
        "- Day one",
        "- Day two: https://example.org/two",
        "",
        "Agenda",
        "- Open discussion",
        "",
    ]


@pytest.mark.parametrize(
    ("public", "expected"),
    [
        (False, "Online: http://testserver/events/a-webinar/"),
        (True, "Online: https://zoom.us/j/555 http://testserver/events/a-webinar/"),
    ],
)
def test_ics_location_has_the_join_link_only_when_public(client, make_event, public, expected):
    event = make_event(join_url="https://zoom.us/j/555", join_url_is_public=public)

    response = _ics(client, event)
    _calendar, vevent = _vevent(response)

    assert _text(vevent, "LOCATION") == expected
    assert (b"zoom.us/j/555" in response.content) is public


def test_ics_sequence_rises_when_the_time_changes(client, make_event):
    event = make_event(title="Moving webinar")
    first = _vevent(_ics(client, event))[1]

    event.title = "Renamed webinar"
    event.save()
    renamed = _vevent(_ics(client, event))[1]
    event.start += datetime.timedelta(hours=1)
    event.end += datetime.timedelta(hours=1)
    event.save()
    moved = _vevent(_ics(client, event))[1]

    assert (first["SEQUENCE"], renamed["SEQUENCE"], moved["SEQUENCE"]) == (0, 0, 1)
    assert _text(first, "UID") == _text(moved, "UID")


def test_ics_of_a_draft_is_404_for_the_public(client, make_event):
    draft = make_event(title="Zebra secret draft", publication=Event.Publication.DRAFT)
    assert _ics(client, draft).status_code == 404


def test_calendar_feed_holds_published_events_and_no_draft(client, make_event):
    in_geneva = make_event(
        title="Geneva talk", timezone="Europe/Zurich", starts_in=-timezone.timedelta(days=30)
    )
    in_new_york = make_event(title="New York talk", timezone="America/New_York")
    make_event(title="Zebra secret draft", publication=Event.Publication.DRAFT)

    response = client.get(reverse("events:calendar-feed"))
    calendar = icalendar.Calendar.from_ical(response.content)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="webinars.ics"'
    assert [str(e["UID"]) for e in calendar.events] == [str(in_geneva.uid), str(in_new_york.uid)]
    assert sorted(tz.tz_name for tz in calendar.timezones) == ["America/New_York", "Europe/Zurich"]
    assert calendar.get_missing_tzids() == set()
    assert str(calendar["X-WR-CALNAME"]) == "UN DESA Capacity-Building Webinars"
    assert b"Zebra secret draft" not in response.content


def test_calendar_feed_past_its_limit_keeps_what_comes_then_the_latest_past(
    client, make_event, monkeypatch
):
    monkeypatch.setattr("events.models.CALENDAR_FEED_LIMIT", 3)
    past = [
        make_event(title=f"Past {n}", starts_in=-n * datetime.timedelta(days=1)) for n in (1, 2)
    ]
    coming = [
        make_event(title=f"Coming {n}", starts_in=n * datetime.timedelta(days=1)) for n in (2, 1)
    ]

    calendar = icalendar.Calendar.from_ical(client.get(reverse("events:calendar-feed")).content)

    # The oldest past event is the one left out; the rest in start order.
    assert [str(e["SUMMARY"]) for e in calendar.events] == ["Past 1", "Coming 1", "Coming 2"]
    assert len(past + coming) == 4


def test_ics_of_an_event_in_year_9999_saved_without_clean_is_still_a_calendar(client, make_event):
    start = datetime.datetime(9999, 12, 31, 6, 0, tzinfo=datetime.timezone.utc)
    event = make_event(
        title="Far future",
        start=start,
        end=start + datetime.timedelta(hours=2),
        timezone="Pacific/Kiritimati",
    )

    for response in (_ics(client, event), client.get(reverse("events:calendar-feed"))):
        calendar = icalendar.Calendar.from_ical(response.content)
        assert [str(e["SUMMARY"]) for e in calendar.events] == ["Far future"]
        assert calendar.get_missing_tzids() == set()


def test_calendar_feed_with_no_events_is_still_a_calendar(client, db):
    calendar = icalendar.Calendar.from_ical(client.get(reverse("events:calendar-feed")).content)
    assert (calendar.events, str(calendar["VERSION"])) == ([], "2.0")


def test_google_and_outlook_links_carry_utc_times_and_details(make_event):
    event = make_event(
        title="Cities & data",
        start=datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NEW_YORK),
        hours=2.5,
        timezone="America/New_York",
    )
    page = "https://example.org/events/cities/"

    google = parse_qs(urlsplit(google_calendar_url(event, page)).query)
    outlook = parse_qs(urlsplit(outlook_calendar_url(event, page)).query)
    office = urlsplit(outlook_calendar_url(event, page, host="outlook.office.com"))

    assert google["dates"] == ["20210909T120000Z/20210909T143000Z"]
    assert google["text"] == ["Cities & data"]
    assert google["ctz"] == ["America/New_York"]
    assert page in google["details"][0]
    assert (outlook["startdt"], outlook["enddt"]) == (
        ["2021-09-09T12:00:00Z"],
        ["2021-09-09T14:30:00Z"],
    )
    assert (outlook["subject"], outlook["rru"]) == (["Cities & data"], ["addevent"])
    assert outlook["location"] == [f"Online: {page}"]
    assert office.netloc == "outlook.office.com"


def test_event_page_offers_calendar_links_while_upcoming(client, make_event):
    event = make_event(title="Soon")
    links = one(client.get(event.get_absolute_url()).content, ".calendar-links")("a")
    hrefs = [a["href"].split("?")[0] for a in links]
    assert hrefs == [
        "/events/soon/calendar.ics",
        "https://calendar.google.com/calendar/render",
        "https://outlook.live.com/calendar/deeplink/compose",
        "https://outlook.office.com/calendar/deeplink/compose",
    ]
    assert "action=TEMPLATE" in links[1]["href"]


def test_ics_filename_of_a_non_latin_slug_is_encoded_for_browsers(client, make_event):
    event = make_event(title="数字政府")
    response = _ics(client, event)
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E6%95%B0%E5%AD%97%E6%94%BF%E5%BA%9C.ics"
    )
    assert _text(_vevent(response)[1], "SUMMARY") == "数字政府"
