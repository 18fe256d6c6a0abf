"""schema.org Event for a webinar, as a dict ready for JSON-LD (common.jsonld).

Follows schema.org/Event and the properties search engines read: name, description,
startDate/endDate with the organiser's UTC offset, eventStatus, eventAttendanceMode,
location (a VirtualLocation whose URL is our event page, never the join link; a Place for
in-person events), organizer, performer, image, and, once past, the recording.
"""

from django.templatetags.static import static

from common.context_processors import DEFAULT_SHARE_IMAGE
from common.links import safe_link
from speakers.structured_data import person_schema

from .models import Event

SCHEMA = "https://schema.org/"


def bcp47(code):
    """A Django language code as BCP 47 writes it: "zh-hans" gives "zh-Hans"."""
    language, _sep, script = code.partition("-")
    return f"{language}-{script.title()}" if len(script) == 4 else code


def event_schema(event, request):
    """The schema.org Event for `event` (with details prefetched) as a dict.

    request: gives the absolute URLs (request.build_absolute_uri).
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
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventStatus": SCHEMA + event.status,
        "eventAttendanceMode": SCHEMA + event.attendance_mode,
        "location": _locations(event, page_url),
        "organizer": _organizer(event),
    }
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
    keywords = [t.name for t in event.topics.all()] + [str(g) for g in event.sdgs.all()]
    if keywords:
        data["keywords"] = ", ".join(keywords)
    # The 1200×630 rendition, or the site's default: search engines want an image.
    data["image"] = [
        absolute(event.sharing_image_url or static(DEFAULT_SHARE_IMAGE)),
    ]
    if event.has_recording and event.timing == "past" and not event.is_cancelled:
        data["recordedIn"] = {
            "@type": "VideoObject",
            "name": event.title,
            "description": event.summary,
            # The counted redirect, as on the page: the stored link may carry a passcode.
            "url": absolute(event.recording_path),
        }
    return data


def _locations(event, page_url):
    online = {"@type": "VirtualLocation", "url": page_url}
    place = {"@type": "Place", "name": event.venue, "address": event.venue}
    if event.attendance_mode == Event.AttendanceMode.ONLINE or not event.venue:
        return online
    if event.attendance_mode == Event.AttendanceMode.OFFLINE:
        return place
    return [online, place]


def _organizer(event):
    organizer = {"@type": "Organization", "name": event.organizer}
    if url := safe_link(event.organizer_url):
        organizer["url"] = url
    return organizer
