"""Sessions: the model, and how one-session, multi-session, date-only and open-ended
events come out on every output (page, card, world clock, .ics, JSON-LD, feed)."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from events.models import AgendaItem, AgendaItemSpeaker, Event, Session

NY = zoneinfo.ZoneInfo("America/New_York")
ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")
UTC = datetime.timezone.utc


def _ics_events(client, url):
    return icalendar.Calendar.from_ical(client.get(url).content).events


# -- The model ------------------------------------------------------------------------------


def test_event_made_with_a_start_and_end_gets_one_session_with_its_uid(make_event):
    start = datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY)
    event = make_event(start=start, hours=2.5)

    (session,) = event.sessions.all()

    assert (session.start, session.end, session.uid) == (start, event.end, event.uid)
    assert (event.start, event.end) == (session.effective_start, session.effective_end)


def test_event_span_is_first_start_to_last_end_and_sessions_come_in_order(workshop):
    starts = [s.start.astimezone(NY).date() for s in workshop.sessions.all()]

    assert starts == [
        datetime.date(2027, 1, 26),
        datetime.date(2027, 1, 28),
        datetime.date(2027, 2, 2),
        datetime.date(2027, 2, 4),
    ]
    assert workshop.start == datetime.datetime(2027, 1, 26, 8, 0, tzinfo=NY)
    assert workshop.end == datetime.datetime(2027, 2, 4, 11, 0, tzinfo=NY)
    assert len({s.uid for s in workshop.sessions.all()} | {workshop.uid}) == 4


def test_date_only_session_counts_the_days_of_the_events_zone(forum):
    (session,) = forum.sessions.all()

    assert (session.start, session.end) == (None, None)
    assert forum.start == datetime.datetime(2021, 10, 3, 0, 0, tzinfo=ZURICH)
    assert forum.end == datetime.datetime(2021, 10, 7, 0, 0, tzinfo=ZURICH)


def test_date_only_span_follows_a_change_of_the_events_zone(forum):
    forum.timezone = "Asia/Tokyo"
    forum.save()

    forum.refresh_from_db()
    tokyo = zoneinfo.ZoneInfo("Asia/Tokyo")
    assert forum.start == datetime.datetime(2021, 10, 3, 0, 0, tzinfo=tokyo)
    assert forum.sessions.get().start_date == datetime.date(2021, 10, 3)


def test_unannounced_end_counts_until_the_end_of_that_day(make_event):
    start = datetime.datetime(2027, 3, 9, 9, 0, tzinfo=NY)
    event = Event.objects.create(
        title="Launch", summary="A report.", start=start, publication="published"
    )

    (session,) = event.sessions.all()

    assert session.end is None
    assert event.end == datetime.datetime(2027, 3, 10, 0, 0, tzinfo=NY)


def test_changing_a_one_session_events_start_moves_its_session(make_event):
    event = make_event(start=datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY), hours=2)
    event.start = datetime.datetime(2021, 9, 10, 8, 0, tzinfo=NY)
    event.end = datetime.datetime(2021, 9, 10, 10, 0, tzinfo=NY)
    event.save()

    (session,) = Event.objects.get(pk=event.pk).sessions.all()
    assert (session.start, session.end) == (event.start, event.end)
    assert Event.objects.get(pk=event.pk).sequence == 1


def test_moving_one_of_several_sessions_is_a_new_calendar_revision(workshop):
    before = workshop.sequence
    session = workshop.sessions.last()
    session.start += datetime.timedelta(hours=1)
    session.end += datetime.timedelta(hours=1)
    session.save()

    event = Event.objects.get(pk=workshop.pk)
    assert event.end == datetime.datetime(2027, 2, 4, 12, 0, tzinfo=NY)
    assert event.sequence == before + 1


def test_deleting_a_session_shrinks_the_span(workshop):
    workshop.sessions.last().delete()
    assert Event.objects.get(pk=workshop.pk).end == datetime.datetime(2027, 2, 2, 11, 0, tzinfo=NY)


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        (
            {
                "start": datetime.datetime(2027, 1, 1, 8, tzinfo=UTC),
                "start_date": datetime.date(2027, 1, 1),
            },
            "__all__",
        ),
        ({}, "__all__"),
        (
            {
                "start": datetime.datetime(2027, 1, 1, 8, tzinfo=UTC),
                "end": datetime.datetime(2027, 1, 1, 7, tzinfo=UTC),
            },
            "end",
        ),
        (
            {"start_date": datetime.date(2027, 1, 5), "end_date": datetime.date(2027, 1, 4)},
            "end_date",
        ),
        ({"start_date": datetime.date(2101, 1, 5)}, "start_date"),
    ],
)
def test_session_clean_refuses_what_cannot_be(make_event, fields, key):
    session = Session(event=make_event(), **fields)
    with pytest.raises(ValidationError) as excinfo:
        session.full_clean()
    assert key in excinfo.value.message_dict


def test_database_refuses_a_session_with_both_a_time_and_dates(make_event):
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            event=event,
            start=datetime.datetime(2027, 1, 1, 8, tzinfo=UTC),
            start_date=datetime.date(2027, 1, 1),
        )


def test_agenda_item_outside_the_sessions_is_refused_with_the_sessions_named(workshop):
    item = AgendaItem(
        event=workshop,
        title="On a day off",
        start=datetime.datetime(2027, 1, 27, 9, 0, tzinfo=NY),
        end=datetime.datetime(2027, 1, 27, 10, 0, tzinfo=NY),
    )

    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()

    (message,) = excinfo.value.message_dict["start"]
    assert message.startswith("This item is outside the event's sessions (Tuesday, January 26")
    assert "Thursday, February 4, 2027, 8:00 – 11:00 AM UTC−5" in message


def test_agenda_item_within_a_later_session_passes(workshop):
    item = AgendaItem(
        event=workshop,
        title="Practice",
        start=datetime.datetime(2027, 2, 4, 9, 0, tzinfo=NY),
        end=datetime.datetime(2027, 2, 4, 11, 0, tzinfo=NY),
    )
    item.full_clean()


def test_rescheduling_keeps_the_previous_start(make_event):
    start = datetime.datetime(2027, 4, 1, 10, 0, tzinfo=NY)
    event = make_event(start=start)
    event.status = Event.Status.RESCHEDULED
    event.save()
    assert Event.objects.get(pk=event.pk).previous_start == start


def test_speaking_order_is_the_one_staff_give(make_event, make_speaker):
    event = make_event()
    item = AgendaItem.objects.create(event=event, title="Panel")
    zhu, abe = make_speaker(full_name="Zhu Lin"), make_speaker(full_name="Abe Aalto")
    AgendaItemSpeaker.objects.create(item=item, speaker=zhu, role="chair", position=1)
    AgendaItemSpeaker.objects.create(item=item, speaker=abe, role="panellist", position=2)

    assert [(r.speaker.full_name, r.role) for r in item.roles.all()] == [
        ("Zhu Lin", "chair"),
        ("Abe Aalto", "panellist"),
    ]


def test_honorific_is_free_text(make_speaker):
    speaker = make_speaker(full_name="Siti Aminah", honorific="Pn.")
    speaker.full_clean()
    assert speaker.display_name == "Pn. Siti Aminah"


# -- Pages ----------------------------------------------------------------------------------


def test_one_session_event_page_reads_as_before(client, make_event, texts):
    event = make_event(start=datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY), hours=2.5)
    body = client.get(event.get_absolute_url()).content.decode()

    assert texts(body, "p", "when") == ["Thursday, September 9, 2021, 8:00 – 10:30 AM UTC−4"]
    assert texts(body, "p", "eyebrow") == ["Webinar"]
    assert texts(body, "ol", "sessions") == []


def test_multi_session_page_lists_each_session_with_its_date(client, workshop, texts):
    body = client.get(workshop.get_absolute_url()).content.decode()

    assert texts(body, "p", "eyebrow") == ["Workshop"]
    assert texts(body, "p", "when") == ["Jan 26 – Feb 4, 2027, 4 sessions"]
    sessions = texts(body, "ol", "sessions")[0]
    assert "Tuesday, January 26, 2027, 8:00 – 11:00 AM UTC−5 · Day 26" in sessions
    assert "Thursday, February 4, 2027, 8:00 – 11:00 AM UTC−5 · Day 4" in sessions
    assert texts(body, "section", "organizer")[0].endswith(
        "UN Department of Economic and Social Affairs (UN DESA) (Organiser)"
        "International Telecommunication Union (ITU) (Co-organiser)"
    )


def test_multi_session_page_shows_each_session_in_the_visitors_zone(client, workshop, texts):
    client.cookies["tz"] = "Asia/Tokyo"
    body = client.get(workshop.get_absolute_url()).content.decode()

    local = texts(body, "ul", "local-times")[0]
    assert "Tuesday, January 26, 2027, 10:00 PM UTC+9 – Wednesday, January 27, 2027" in local
    assert local.count("UTC+9") == 8


def test_date_only_page_never_moves_the_days_for_a_visitor_far_away(client, forum, texts):
    client.cookies["tz"] = "Pacific/Kiritimati"
    body = client.get(forum.get_absolute_url()).content.decode()

    assert texts(body, "p", "when") == ["Oct 3 – 6, 2021"]
    assert texts(body, "p", "local-time") == []
    assert "23:59" not in body
    assert texts(body, "p", "venue") == ["BERNEXPO, Mingerstrasse 6, Bern, Switzerland"]


def test_unannounced_end_is_shown_as_from(client, db, texts):
    event = Event.objects.create(
        title="Launch",
        summary="A report.",
        kind=Event.Kind.LAUNCH,
        start=datetime.datetime(2027, 3, 9, 9, 0, tzinfo=NY),
        publication="published",
    )
    body = client.get(event.get_absolute_url()).content.decode()
    assert texts(body, "p", "when") == ["Tuesday, March 9, 2027, from 9:00 AM UTC−5"]


def test_list_card_shows_the_span_and_the_number_of_sessions(client, workshop, texts):
    body = client.get(reverse("events:list")).content.decode()
    assert texts(body, "p", "when") == ["Jan 26 – Feb 4, 2027, 4 sessions"]


def test_in_person_past_event_never_says_no_recording_yet(client, forum, texts):
    forum.attendance_mode = Event.AttendanceMode.OFFLINE
    forum.save()
    body = client.get(forum.get_absolute_url()).content.decode()
    assert "No recording is available yet." not in body


def test_recording_elsewhere_is_named_without_a_link(client, forum, texts):
    forum.recording_site = "UN Web TV"
    forum.save()
    body = client.get(forum.get_absolute_url()).content.decode()
    (cta,) = texts(body, "section", "cta")
    assert cta == "A recording exists on UN Web TV; this site has no direct link to it."


def test_postponed_event_shows_no_calendar_links(client, make_event, texts):
    start = datetime.datetime(2027, 5, 3, 9, 0, tzinfo=NY)
    event = make_event(start=start)
    event.status = Event.Status.POSTPONED
    event.save()
    body = client.get(event.get_absolute_url()).content.decode()

    assert texts(body, "p", "when") == [
        "Postponed to a date to be announced; it was to start on Monday, May 3, 2027, "
        "9:00 AM UTC−4."
    ]
    assert texts(body, "p", "calendar-links") == []


def test_rescheduled_event_says_where_it_moved_from(client, make_event, texts):
    event = make_event(start=datetime.datetime(2027, 4, 1, 10, 0, tzinfo=NY), hours=2)
    event.status = Event.Status.RESCHEDULED
    event.save()
    event.start = datetime.datetime(2027, 4, 8, 10, 0, tzinfo=NY)
    event.end = datetime.datetime(2027, 4, 8, 12, 0, tzinfo=NY)
    event.save()
    body = client.get(event.get_absolute_url()).content.decode()

    assert texts(body, "p", "when") == ["Thursday, April 8, 2027, 10:00 AM – 12:00 PM UTC−4"]
    assert texts(body, "p", "status-note") == [
        "Moved from Thursday, April 1, 2027, 10:00 AM UTC−4."
    ]


def test_agenda_names_its_zone_and_each_items_day_over_several_days(client, workshop, texts):
    AgendaItem.objects.create(
        event=workshop,
        title="Practice",
        position=1,
        start=datetime.datetime(2027, 2, 4, 9, 0, tzinfo=NY),
        end=datetime.datetime(2027, 2, 4, 10, 0, tzinfo=NY),
    )
    body = client.get(workshop.get_absolute_url()).content.decode()

    assert "Times in UTC−5." in texts(body, "p", "meta")
    assert texts(body, "span", "agenda-time") == ["Thursday, February 4, 2027, 9:00 – 10:00 AM"]


def test_world_clock_has_a_table_per_session(client, workshop, texts):
    response = client.get(reverse("events:world-clock", kwargs={"slug": workshop.slug}))
    body = response.content.decode()

    assert len(response.context["tables"]) == 4
    headings = texts(body, "h2")
    assert (
        headings[0] == "Session 1 of 4: Tuesday, January 26, 2027, 8:00 – 11:00 AM UTC−5 · Day 26"
    )
    tokyo = [row for row in response.context["tables"][0][1] if row["name"] == "Asia/Tokyo"]
    assert tokyo[0]["start"].hour == 22 and tokyo[0]["day_shift"] == 0


def test_world_clock_of_a_date_only_event_lists_the_dates(client, forum, texts):
    response = client.get(reverse("events:world-clock", kwargs={"slug": forum.slug}))
    assert response.context["tables"] == []
    assert "Oct 3 – 6, 2021" in texts(response.content.decode(), "li")


# -- Calendars ------------------------------------------------------------------------------


def test_ics_has_one_vevent_per_session_with_stable_uids(client, workshop):
    url = reverse("events:calendar", kwargs={"slug": workshop.slug})
    first, again = _ics_events(client, url), _ics_events(client, url)

    assert [str(v["UID"]) for v in first] == [str(s.uid) for s in workshop.sessions.all()]
    assert [str(v["UID"]) for v in again] == [str(v["UID"]) for v in first]
    assert str(first[0]["UID"]) == str(workshop.uid)
    assert [v.decoded("DTSTART") for v in first][1] == datetime.datetime(
        2027, 1, 28, 8, 0, tzinfo=NY
    )
    assert str(first[1]["SUMMARY"]) == "Data governance workshop: Day 28 (2 of 4)"


def test_ics_date_only_session_is_all_day_dates(client, forum):
    (vevent,) = _ics_events(client, reverse("events:calendar", kwargs={"slug": forum.slug}))

    assert vevent.decoded("DTSTART") == datetime.date(2021, 10, 3)
    assert vevent.decoded("DTEND") == datetime.date(2021, 10, 7)  # exclusive
    assert b"DTSTART;VALUE=DATE:20211003" in vevent.to_ical()


def test_ics_unannounced_end_has_no_dtend(client, db):
    event = Event.objects.create(
        title="Launch",
        summary="A report.",
        start=datetime.datetime(2027, 3, 9, 9, 0, tzinfo=NY),
        publication="published",
    )
    (vevent,) = _ics_events(client, reverse("events:calendar", kwargs={"slug": event.slug}))

    assert vevent.decoded("DTSTART") == datetime.datetime(2027, 3, 9, 9, 0, tzinfo=NY)
    assert "DTEND" not in vevent and "DURATION" not in vevent


# -- JSON-LD and feeds ----------------------------------------------------------------------


def test_jsonld_of_a_date_only_hybrid_forum(client, forum, jsonld):
    (data,) = jsonld(client.get(forum.get_absolute_url()).content.decode())
    page = f"http://testserver{forum.get_absolute_url()}"

    assert (data["startDate"], data["endDate"]) == ("2021-10-03", "2021-10-06")
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"] == [
        {"@type": "VirtualLocation", "url": page},
        {
            "@type": "Place",
            "name": "BERNEXPO",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Mingerstrasse 6",
                "addressLocality": "Bern",
                "addressCountry": "Switzerland",
            },
        },
    ]
    assert data["superEvent"] == {
        "@type": "EventSeries",
        "@id": "http://testserver/series/world-data-forum/#series",
        "name": "World Data Forum",
        "url": "http://testserver/series/world-data-forum/",
    }


def test_jsonld_lists_every_organiser_and_the_previous_start(client, workshop, jsonld):
    workshop.status = Event.Status.RESCHEDULED
    workshop.save()
    (data,) = jsonld(client.get(workshop.get_absolute_url()).content.decode())

    assert [o["name"] for o in data["organizer"]] == [
        "UN Department of Economic and Social Affairs",
        "International Telecommunication Union",
    ]
    assert data["previousStartDate"] == "2027-01-26T08:00:00-05:00"
    assert data["endDate"] == "2027-02-04T11:00:00-05:00"


def test_jsonld_unannounced_end_has_no_end_date(client, db, jsonld):
    event = Event.objects.create(
        title="Launch",
        summary="A report.",
        start=datetime.datetime(2027, 3, 9, 9, 0, tzinfo=NY),
        publication="published",
    )
    (data,) = jsonld(client.get(event.get_absolute_url()).content.decode())
    assert data["startDate"] == "2027-03-09T09:00:00-05:00"
    assert "endDate" not in data


def test_feed_entry_gives_the_span_of_the_sessions(client, workshop):
    import xml.etree.ElementTree as ET

    rss = ET.fromstring(client.get(reverse("events:feed")).content)
    (item,) = rss.iter("item")
    assert item.findtext("description") == (
        "Jan 26 – Feb 4, 2027, 4 sessions. Four mornings on data governance."
    )
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == (
        "UN Department of Economic and Social Affairs (UN DESA)"
    )


def test_calendar_links_of_a_date_only_event_are_all_day(client, forum):
    from urllib.parse import parse_qs, urlsplit

    response = client.get(forum.get_absolute_url())
    google = parse_qs(urlsplit(response.context["google_calendar_url"]).query)
    outlook = parse_qs(urlsplit(response.context["outlook_calendar_url"]).query)

    assert google["dates"] == ["20211003/20211007"]
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (
        ["2021-10-03"],
        ["2021-10-07"],
        ["true"],
    )


def test_multi_session_event_offers_only_the_ics_file(client, workshop, texts):
    response = client.get(workshop.get_absolute_url())
    assert response.context["google_calendar_url"] == ""
    (links,) = texts(response.content.decode(), "p", "calendar-links")
    assert links == (
        "Add to your calendar: every session (.ics file for Apple, Google, Outlook and others)"
    )


def test_admin_changelist_shows_a_date_only_start_as_a_date(admin_client, forum):
    body = admin_client.get(reverse("admin:events_event_changelist")).content.decode()
    assert '<td class="field-local_start">2021-10-03</td>' in body


def test_changes_to_sessions_organisers_and_series_purge_the_pages_that_show_them(forum):
    from events.models import EventOrganizer, Organization

    host = Organization.objects.create(name="Host")
    row = EventOrganizer.objects.create(event=forum, organization=host)
    event_key, series_key = f"event-{forum.pk}", f"series-{forum.series_id}"

    assert {event_key, "event-list", series_key} <= forum.sessions.get().purge_keys()
    assert {event_key, "event-list"} <= host.purge_keys()
    assert {event_key, series_key} <= row.purge_keys()
    assert {series_key, "event-list"} <= forum.series.purge_keys()
