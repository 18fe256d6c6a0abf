"""Event times in templates: `{% load event_tags %}` then `{{ event|when }}`. The text
itself is written by common.dates (through Event.schedule_text and Session.describe)."""

from django import template

from common.dates import (
    date_text,
    exemplar_city,
    local_time_patterns,
    time_from,
    time_range,
    times_in_zone,
    zone_label,
)

register = template.Library()


@register.filter
def when(event):
    """When the event takes place, in the organiser's zone: its one session's date and time
    ("Thursday 9 September 2021, 8:00–10:30 am EDT (UTC−4)"), its dates, or for several
    sessions "26 Jan – 4 Feb 2021, 4 sessions" (Event.schedule_text)."""
    return event.schedule_text()


@register.filter
def when_in(event, zone):
    """The event's one session in `zone` (a ZoneInfo, e.g. the visitor's); "" when zone is
    None or the session has dates only (dates never move)."""
    sessions = event.timed_sessions
    if zone is None or not sessions:
        return ""
    return sessions[0].describe(zone)


@register.filter
def describe_in(session, zone):
    """A session's date and time in `zone` (a ZoneInfo; None: the event's zone)."""
    return session.describe(zone)


@register.filter
def clock_range(item, zone):
    """An agenda item's "8:00–8:10 am" (or "from 8:00 am") in `zone` (a ZoneInfo); "" when
    it has no times."""
    if not item.start:
        return ""
    if not item.end:
        return time_from(item.start, zone)
    return time_range(item.start, item.end, zone)


@register.filter
def day_of(item, zone):
    """The day an agenda item starts, "Tuesday, October 5, 2021", in `zone` (a ZoneInfo)."""
    return date_text(item.start, zone) if item.start else ""


@register.filter
def agenda_zone(event):
    """The sentence naming the agenda's zone, "Times in UTC−4.", read at the first
    timed agenda item (or the event's start); "" when nothing has a time."""
    item = next((i for i in event.agenda_items.all() if i.start), None)
    moment = item.start if item else None
    if moment is None:
        return ""
    return times_in_zone(zone_label(moment, event.tzinfo))


@register.filter
def zone_city(zone):
    """The city of a zone (a ZoneInfo or an IANA name) in the page's language
    (common.dates.exemplar_city): "Лос-Анджелес"."""
    return exemplar_city(getattr(zone, "key", zone))


@register.simple_tag
def local_time_pattern(name):
    """The sentence pattern "day" or "days" of common.dates.datetime_range in the page's
    language, for the visitor's-time script."""
    return local_time_patterns()[name]
