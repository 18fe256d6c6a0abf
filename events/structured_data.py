"""schema.org Event and EventSeries, as dicts ready for JSON-LD (common.jsonld).

Follows schema.org/Event and the properties search engines read: name, description,
startDate/endDate (with the organiser's UTC offset; a date alone, "2021-10-03", for a
date-only session; no endDate when the end was not announced), eventStatus,
previousStartDate, eventAttendanceMode, location (a VirtualLocation whose URL is our event
page, never the join link, and/or a Place with its PostalAddress), organizer (every
organiser and co-organiser), sponsor, contributor (partners), performer, superEvent (the
series), image, and, once past, the recording.
"""

from django.templatetags.static import static

from common.context_processors import DEFAULT_SHARE_IMAGE
from common.links import safe_link
from speakers.structured_data import person_schema

from .models import Event, EventOrganizer

SCHEMA = "https://schema.org/"


def bcp47(code):
    """A Django language code as BCP 47 writes it: "zh-hans" gives "zh-Hans"."""
    language, _sep, script = code.partition("-")
    return f"{language}-{script.title()}" if len(script) == 4 else code


def event_schema(event, request, *, context=True):
    """The schema.org Event for `event` (with details prefetched) as a dict.

    request: gives the absolute URLs (request.build_absolute_uri). context: include
    "@context" (False for an event nested in another object).
    """
    absolute = request.build_absolute_uri
    page_url = absolute(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"{page_url}#event",
        "name": event.title,
        "description": event.summary,
        "url": page_url,
        **_dates(event),
        "eventStatus": SCHEMA + event.status,
        "eventAttendanceMode": SCHEMA + event.attendance_mode,
        "location": _locations(event, page_url),
    }
    if not context:
        del data["@context"]
    if event.previous_start and (event.is_rescheduled or event.is_postponed):
        data["previousStartDate"] = event.previous_start.astimezone(event.tzinfo).isoformat()
    roles = EventOrganizer.Role
    for key, wanted in (
        ("organizer", (roles.ORGANIZER, roles.CO_ORGANIZER)),
        ("sponsor", (roles.SPONSOR,)),
        ("contributor", (roles.PARTNER,)),
    ):
        found = [
            _organization(row.organization) for row in event.organizer_rows if row.role in wanted
        ]
        if found:
            data[key] = found
    # The languages the webinar is held in (BCP 47), then those interpreted into.
    spoken = [bcp47(code) for code in [*event.languages, *event.interpretation_languages]]
    if spoken:
        data["inLanguage"] = spoken[0] if len(spoken) == 1 else list(dict.fromkeys(spoken))
    performers, seen = [], set()
    for appearance in event.appearances.all():
        if appearance.speaker_id not in seen:
            seen.add(appearance.speaker_id)
            performers.append(person_schema(appearance.speaker, absolute))
    if performers:
        data["performer"] = performers
    if event.series is not None:
        data["superEvent"] = series_reference(event.series, absolute)
    keywords = [t.name for t in event.topics.all()] + [str(g) for g in event.sdgs.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    # The 1200×630 rendition, or the site's default: search engines want an image.
    data["image"] = [
        absolute(event.sharing_image_url or static(DEFAULT_SHARE_IMAGE)),
    ]
    if event.has_recording and event.is_past and not event.is_cancelled:
        data["recordedIn"] = {
            "@type": "VideoObject",
            "name": event.title,
            "description": event.summary,
            # The counted redirect, as on the page: the stored link may carry a passcode.
            "url": absolute(event.recording_path),
        }
    return data


def series_reference(series, absolute):
    """A short EventSeries (its @id, name, url) to point at from an event."""
    url = absolute(series.get_absolute_url())
    return {"@type": "EventSeries", "@id": f"{url}#series", "name": series.title, "url": url}


def series_schema(series, events, request):
    """The schema.org EventSeries for `series`, with its published `events` (details
    prefetched) as subEvent, as a dict."""
    data = {
        "@context": "https://schema.org",
        **series_reference(series, request.build_absolute_uri),
    }
    if series.description:
        data["description"] = series.description
    sub_events = []
    for event in events:
        sub = event_schema(event, request, context=False)
        sub.pop("superEvent", None)
        sub_events.append(sub)
    if sub_events:
        data["subEvent"] = sub_events
    return data


def _dates(event):
    """startDate and endDate: the first session's start and the last one's end, as dates
    for date-only sessions; no endDate when the last end was not announced."""
    sessions = event.schedule
    if not sessions:
        return {}
    first, last = sessions[0], max(sessions, key=lambda s: s.effective_end)
    if first.is_date_only:
        dates = {"startDate": first.start_date.isoformat()}
    else:
        dates = {"startDate": first.local("start").isoformat()}
    if last.is_date_only:
        dates["endDate"] = last.last_date.isoformat()
    elif last.end is not None:
        dates["endDate"] = last.local("end").isoformat()
    return dates


def _locations(event, page_url):
    online = {"@type": "VirtualLocation", "url": page_url}
    if event.attendance_mode == Event.AttendanceMode.ONLINE or not event.address_text:
        return online
    address = {"@type": "PostalAddress"}
    for key, value in (
        ("streetAddress", event.street_address),
        ("addressLocality", event.address_locality),
        ("addressCountry", event.address_country),
    ):
        if value:
            address[key] = value
    place = {"@type": "Place", "name": event.venue or event.address_locality}
    place["address"] = address if len(address) > 1 else event.address_text
    if event.attendance_mode == Event.AttendanceMode.OFFLINE:
        return place
    return [online, place]


def _organization(organization):
    data = {"@type": "Organization", "name": organization.name}
    if organization.acronym:
        data["alternateName"] = organization.acronym
    if url := safe_link(organization.url):
        data["url"] = url
    return data
