"""Events as iCalendar (RFC 5545) through the icalendar library, and the links that add
an event to Google Calendar and Outlook on the web.

One VEVENT per session (Session), each with a stable UID (Session.uid; a one-session event's
is the event's own Event.uid), DTSTAMP and LAST-MODIFIED (Event.updated, in UTC), SEQUENCE
(Event.sequence), STATUS, SUMMARY, a plain-text DESCRIPTION (summary, time, description,
agenda, speakers, links), URL and LOCATION. Times:

- a timed session: DTSTART/DTEND in the organiser's zone with TZID and a matching VTIMEZONE;
- an end that was not announced: DTSTART and no DTEND (RFC 5545 3.6.1: the entry then marks
  the start only; no end is made up);
- a date-only session: DTSTART;VALUE=DATE and DTEND;VALUE=DATE the day after its last day
  (DTEND is exclusive), so it shows on the same days in every zone.

icalendar escapes text values, folds lines at 75 octets and ends them with CRLF.
"""

import datetime
from urllib.parse import urlencode

import icalendar
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from common.controls import strip_controls
from common.dates import exemplar_city, zone_label
from common.links import safe_link
from common.markup import render_plain_text

from .models import Event

PRODID = "-//webinar_site//Webinars//EN"

#: RFC 5545 STATUS for each schema.org eventStatus.
STATUS = {
    Event.Status.SCHEDULED: "CONFIRMED",
    Event.Status.RESCHEDULED: "CONFIRMED",
    Event.Status.POSTPONED: "TENTATIVE",
    Event.Status.CANCELLED: "CANCELLED",
}

#: Link builders cut the text they put into a URL to this many characters.
LINK_TEXT_LIMIT = 1000


def location_text(event, page_url):
    """Where to attend, as one line: "Online (Zoom): <event page>", with the venue and its
    address first for in-person and hybrid events, and the join link before the page only
    when staff made it public."""
    places = []
    if event.is_in_person and event.address_text:
        places.append(event.address_text)
    if event.is_online:
        if event.platform:
            places.append(_("Online (%(platform)s)") % {"platform": event.platform})
        else:
            places.append(_("Online"))
    links = " ".join(filter(None, [event.public_join_url, page_url]))
    return f"{'; '.join(places)}: {links}" if places else links


def description_text(event, page_url):
    """The event as plain text for a calendar entry (str, lines separated by "\\n"); the
    Markdown description through render_plain_text(), agenda times in the event's zone.

    Uses the prefetched sessions, topics, agenda, organisers and speakers of
    Event.objects.with_details().
    """
    lines = [event.summary, ""]
    sessions = event.schedule
    if len(sessions) > 1:
        lines.append(event.schedule_text())
        lines += [f"- {_session_line(session)}" for session in sessions]
    else:
        lines.append(event.schedule_text())
    if status := event.status_text():
        lines += ["", status]
    if event.is_cancelled:
        lines += ["", _("This event has been cancelled.")]
    if event.description:
        lines += ["", render_plain_text(event.description)]
    agenda = list(event.agenda_items.all())
    if agenda:
        clocks = [item.time_text() for item in agenda]
        if any(clocks):
            zone = f"{exemplar_city(event.timezone)}, {zone_label(event.start, event.timezone)}"
            lines += ["", _("Agenda (times in %(zone)s)") % {"zone": zone}]
        else:
            lines += ["", _("Agenda")]
        for item, clock in zip(agenda, clocks, strict=True):
            people = "; ".join(_person(row.speaker) for row in item.roles.all())
            entry = f"- {clock} {item.title}" if clock else f"- {item.title}"
            lines.append(f"{entry}: {people}" if people else entry)
    appearances = list(event.appearances.all())
    if appearances:
        lines += ["", _("Speakers")]
        lines += [f"- {_person(a.speaker)} ({a.get_role_display()})" for a in appearances]
    lines.append("")
    for row in event.organizer_rows:
        lines.append(
            _("%(role)s: %(name)s") % {"role": row.get_role_display(), "name": row.organization}
        )
    if registration := safe_link(event.registration_url):
        lines.append(_("Register: %(url)s") % {"url": registration})
    if event.public_join_url:
        lines.append(_("Join: %(url)s") % {"url": event.public_join_url})
    lines.append(_("Programme and materials: %(url)s") % {"url": page_url})
    return "\n".join(lines)


def _session_line(session):
    text = session.describe()
    return f"{session.title}: {text}" if session.title else text


def _person(speaker):
    return ", ".join(part for part in (speaker.display_name, speaker.affiliation) if part)


def summary_text(event, session=None):
    """The entry's title: the event's, with the session's part ("Day 2 (2 of 4)") for an
    event of several sessions, and "Cancelled: " in front once it is cancelled (many
    calendars show STATUS:CANCELLED no differently)."""
    title = event.title
    sessions = event.schedule
    if session is not None and len(sessions) > 1:
        part = {"number": sessions.index(session) + 1, "total": len(sessions)}
        if session.title:
            title = _("%(title)s: %(session)s (%(number)s of %(total)s)") % {
                "title": title,
                "session": session.title,
                **part,
            }
        else:
            title = _("%(title)s (%(number)s of %(total)s)") % {"title": title, **part}
    if event.is_cancelled:
        return _("Cancelled: %(title)s") % {"title": title}
    return title


def vevents(event, page_url):
    """The VEVENTs (icalendar.Event) of one event, one per session, soonest first;
    `page_url` is its absolute address. An event without sessions gives none.

    Text values lose any control character a stored row may still hold (RFC 5545 allows
    none but tab in text; see common.controls).
    """
    categories = [
        strip_controls(name, multiline=False)
        for name in [t.name for t in event.topics.all()] + [g.code for g in event.sdgs.all()]
    ]
    description = strip_controls(description_text(event, page_url))
    location = strip_controls(location_text(event, page_url), multiline=False)
    components = []
    for session in event.schedule:
        if session.is_date_only:
            start = session.start_date
            end = session.last_date + datetime.timedelta(days=1)
        else:
            start = session.local("start")
            end = session.local("end")  # None: not announced, no DTEND
        component = icalendar.Event.new(
            uid=str(session.uid),
            stamp=_utc(event.updated),
            last_modified=_utc(event.updated),
            created=_utc(event.created),
            start=start,
            end=end,
            summary=strip_controls(summary_text(event, session), multiline=False),
            description=description,
            location=location,
            url=page_url,
            sequence=event.sequence,
            status=STATUS[event.status],
            categories=categories,
            transparency="TRANSPARENT" if session.is_date_only else "OPAQUE",
        )
        # No ORGANIZER: RFC 5545 wants an e-mail (cal-address) there, which staff do not
        # enter; the description names the organisers instead.
        components.append(component)
    return components


def _utc(value):
    return value.astimezone(datetime.timezone.utc)


def build_calendar(events, page_url, *, name, description="", uid, url="", method="PUBLISH"):
    """An icalendar.Calendar (METHOD:PUBLISH, or `method`: REQUEST and CANCEL for the
    registrants' emails) with one VEVENT per session of the events and the VTIMEZONEs they
    use, each covering the dates of the events.

    events: Events with details prefetched. page_url: callable Event -> absolute address.
    name, description: X-WR-CALNAME/NAME and X-WR-CALDESC/DESCRIPTION. uid: a stable UID for
    the calendar itself (str). url: the calendar's own address, if any.
    """
    # icalendar 7.3 writes NAME, X-WR-CALNAME and X-WR-CALDESC unescaped: keep them to one
    # line so that no value can break the file.
    calendar = icalendar.Calendar.new(
        prodid=PRODID,
        method=method,
        name=" ".join(name.split()),
        description=" ".join(description.split()) or None,
        uid=uid,
        url=url or None,
        refresh_interval=datetime.timedelta(hours=12),
    )
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(datetime.timedelta(hours=12)))
    first = last = None
    for event in events:
        for component in vevents(event, page_url(event)):
            calendar.add_component(component)
        if event.start is not None:
            first = min(first or event.local_start.date(), event.local_start.date())
            last = max(last or event.local_end.date(), event.local_end.date())
    if first is not None:
        # Whole years around the events: every offset change they can meet, and no more;
        # kept a year inside date's range (icalendar adds offsets to the ends) for events
        # saved before Event.clean() refused dates far in the past or future.
        calendar.add_missing_timezones(
            first_date=datetime.date(max(first.year, datetime.MINYEAR + 1), 1, 1),
            last_date=datetime.date(min(last.year + 1, datetime.MAXYEAR - 1), 1, 1),
        )
    return calendar


def ics_response(calendar, filename):
    """An HttpResponse carrying `calendar` as text/calendar, offered as `filename`."""
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _link_text(text):
    return text if len(text) <= LINK_TEXT_LIMIT else text[: LINK_TEXT_LIMIT - 1] + "…"


def _link_details(event, page_url):
    return _link_text(
        "\n\n".join(
            [
                event.summary,
                event.schedule_text(),
                _("Programme and materials: %(url)s") % {"url": page_url},
            ]
        )
    )


#: Google and Outlook links need an end: for an end that was not announced they are given
#: this long after the start (the .ics file states no end).
LINK_DEFAULT_DURATION = datetime.timedelta(hours=1)


def calendar_links_apply(event):
    """True when one "add to calendar" link can hold the event: exactly one session, and
    a date (the event is not postponed to a date to be announced, nor cancelled)."""
    return len(event.schedule) == 1 and not event.is_postponed and not event.is_cancelled


def _link_times(session):
    """(start, end) for a link: aware UTC datetimes, or dates for a date-only session (end
    exclusive)."""
    if session.is_date_only:
        return session.start_date, session.last_date + datetime.timedelta(days=1)
    end = session.end or session.start + LINK_DEFAULT_DURATION
    return _utc(session.start), _utc(end)


def google_calendar_url(event, page_url):
    """A Google Calendar "create event" link for a one-session event: the times in UTC
    ("Z"), or all-day dates; "" when calendar_links_apply() is False."""
    if not calendar_links_apply(event):
        return ""
    session = event.schedule[0]
    start, end = _link_times(session)
    stamp = "%Y%m%d" if session.is_date_only else "%Y%m%dT%H%M%SZ"
    query = {
        "action": "TEMPLATE",
        "text": summary_text(event),
        "dates": f"{start.strftime(stamp)}/{end.strftime(stamp)}",
        "details": _link_details(event, page_url),
        "location": location_text(event, page_url),
        "ctz": event.timezone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event, page_url, host="outlook.live.com"):
    """An Outlook on the web "new event" link for a one-session event, the times in UTC
    (all day for a date-only session); `host` is outlook.live.com (personal accounts) or
    outlook.office.com (Microsoft 365); "" when calendar_links_apply() is False."""
    if not calendar_links_apply(event):
        return ""
    session = event.schedule[0]
    start, end = _link_times(session)
    stamp = "%Y-%m-%d" if session.is_date_only else "%Y-%m-%dT%H:%M:%SZ"
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": summary_text(event),
        "startdt": start.strftime(stamp),
        "enddt": end.strftime(stamp),
        "body": _link_details(event, page_url),
        "location": location_text(event, page_url),
    }
    if session.is_date_only:
        query["allday"] = "true"
    return f"https://{host}/calendar/deeplink/compose?" + urlencode(query)
