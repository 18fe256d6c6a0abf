"""Webinars as iCalendar (RFC 5545) through the icalendar library, and the links that add
a webinar to Google Calendar and Outlook on the web.

Every VEVENT carries a stable UID (Event.uid), DTSTAMP and LAST-MODIFIED (Event.updated, in
UTC), DTSTART/DTEND in the organiser's zone with TZID and a matching VTIMEZONE, SEQUENCE
(Event.sequence), STATUS, SUMMARY, a plain-text DESCRIPTION (summary, time, description,
agenda, speakers, links), URL and LOCATION. icalendar escapes text values, folds lines at
75 octets and ends them with CRLF.
"""

import datetime
from urllib.parse import urlencode

import icalendar
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from common.controls import strip_controls
from common.dates import datetime_range, exemplar_city, time_range, zone_label
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
    """Where to attend, as one line: "Online (Zoom): <event page>", with the venue first for
    in-person and mixed events, and the join link before the page only when staff made it
    public."""
    places = []
    if event.attendance_mode != Event.AttendanceMode.ONLINE and event.venue:
        places.append(event.venue)
    if event.is_online:
        if event.platform:
            places.append(_("Online (%(platform)s)") % {"platform": event.platform})
        else:
            places.append(_("Online"))
    links = " ".join(filter(None, [event.public_join_url, page_url]))
    return f"{'; '.join(places)}: {links}" if places else links


def description_text(event, page_url):
    """The webinar as plain text for a calendar entry (str, lines separated by "\\n"); the
    Markdown description through render_plain_text(), agenda times in the event's zone.

    Uses the prefetched topics, agenda and speakers of Event.objects.with_details().
    """
    lines = [event.summary, "", datetime_range(event.start, event.end, event.timezone)]
    if event.is_cancelled:
        lines += ["", _("This webinar has been cancelled.")]
    if event.description:
        lines += ["", render_plain_text(event.description)]
    agenda = list(event.agenda_items.all())
    if agenda:
        clocks = [
            time_range(item.start, item.end, event.timezone) if item.start else ""
            for item in agenda
        ]
        if any(clocks):
            zone = f"{exemplar_city(event.timezone)}, {zone_label(event.start, event.timezone)}"
            lines += ["", _("Agenda (times in %(zone)s)") % {"zone": zone}]
        else:
            lines += ["", _("Agenda")]
        for item, clock in zip(agenda, clocks, strict=True):
            people = "; ".join(_person(s) for s in item.speakers.all())
            entry = f"- {clock} {item.title}" if clock else f"- {item.title}"
            lines.append(f"{entry}: {people}" if people else entry)
    appearances = list(event.appearances.all())
    if appearances:
        lines += ["", _("Speakers")]
        lines += [f"- {_person(a.speaker)} ({a.get_role_display()})" for a in appearances]
    lines.append("")
    lines.append(_("Organiser: %(name)s") % {"name": event.organizer})
    if registration := safe_link(event.registration_url):
        lines.append(_("Register: %(url)s") % {"url": registration})
    if event.public_join_url:
        lines.append(_("Join: %(url)s") % {"url": event.public_join_url})
    lines.append(_("Programme and materials: %(url)s") % {"url": page_url})
    return "\n".join(lines)


def _person(speaker):
    return ", ".join(part for part in (speaker.display_name, speaker.affiliation) if part)


def summary_text(event):
    """The entry's title: the webinar's, with "Cancelled: " in front once it is cancelled
    (many calendars show STATUS:CANCELLED no differently)."""
    if event.is_cancelled:
        return _("Cancelled: %(title)s") % {"title": event.title}
    return event.title


def vevent(event, page_url):
    """The VEVENT (icalendar.Event) for one webinar; `page_url` is its absolute address.

    Text values lose any control character a stored row may still hold (RFC 5545 allows
    none but tab in text; see common.controls).
    """
    categories = [
        strip_controls(name, multiline=False)
        for name in [t.name for t in event.topics.all()] + [g.code for g in event.sdgs.all()]
    ]
    component = icalendar.Event.new(
        uid=str(event.uid),
        stamp=_utc(event.updated),
        last_modified=_utc(event.updated),
        created=_utc(event.created),
        start=event.local_start,
        end=event.local_end,
        summary=strip_controls(summary_text(event), multiline=False),
        description=strip_controls(description_text(event, page_url)),
        location=strip_controls(location_text(event, page_url), multiline=False),
        url=page_url,
        sequence=event.sequence,
        status=STATUS[event.status],
        categories=categories,
        transparency="OPAQUE",
    )
    # No ORGANIZER: RFC 5545 wants an e-mail (cal-address) there, which staff do not enter;
    # the description names the organiser instead.
    return component


def _utc(value):
    return value.astimezone(datetime.timezone.utc)


def build_calendar(events, page_url, *, name, description="", uid, url=""):
    """An icalendar.Calendar (METHOD:PUBLISH) with one VEVENT per event and the VTIMEZONEs
    they use, each covering the dates of the events.

    events: Events with details prefetched. page_url: callable Event -> absolute address.
    name, description: X-WR-CALNAME/NAME and X-WR-CALDESC/DESCRIPTION. uid: a stable UID for
    the calendar itself (str). url: the calendar's own address, if any.
    """
    # icalendar 7.3 writes NAME, X-WR-CALNAME and X-WR-CALDESC unescaped: keep them to one
    # line so that no value can break the file.
    calendar = icalendar.Calendar.new(
        prodid=PRODID,
        method="PUBLISH",
        name=" ".join(name.split()),
        description=" ".join(description.split()) or None,
        uid=uid,
        url=url or None,
        refresh_interval=datetime.timedelta(hours=12),
    )
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(datetime.timedelta(hours=12)))
    first = last = None
    for event in events:
        calendar.add_component(vevent(event, page_url(event)))
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
                datetime_range(event.start, event.end, event.timezone),
                _("Programme and materials: %(url)s") % {"url": page_url},
            ]
        )
    )


def google_calendar_url(event, page_url):
    """A Google Calendar "create event" link with the times in UTC ("Z")."""
    stamp = "%Y%m%dT%H%M%SZ"
    query = {
        "action": "TEMPLATE",
        "text": summary_text(event),
        "dates": f"{_utc(event.start).strftime(stamp)}/{_utc(event.end).strftime(stamp)}",
        "details": _link_details(event, page_url),
        "location": location_text(event, page_url),
        "ctz": event.timezone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(event, page_url, host="outlook.live.com"):
    """An Outlook on the web "new event" link with the times in UTC; `host` is
    outlook.live.com (personal accounts) or outlook.office.com (Microsoft 365)."""
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": summary_text(event),
        "startdt": _utc(event.start).strftime(stamp),
        "enddt": _utc(event.end).strftime(stamp),
        "body": _link_details(event, page_url),
        "location": location_text(event, page_url),
    }
    return f"https://{host}/calendar/deeplink/compose?" + urlencode(query)
