"""Event times in templates: `{% load event_tags %}` then `{{ event|when }}`. The text
itself is written by common.dates."""

from django import template

from common.dates import datetime_range, exemplar_city, local_time_patterns, time_range

register = template.Library()


@register.filter
def when(event):
    """The event's date and time in the organiser's zone (common.dates.datetime_range)."""
    return datetime_range(event.start, event.end, event.timezone)


@register.filter
def when_in(event, zone):
    """The event's date and time in `zone` (a ZoneInfo, e.g. the visitor's); "" when zone
    is None."""
    if zone is None:
        return ""
    return datetime_range(event.start, event.end, zone)


@register.filter
def clock_range(item, zone):
    """An agenda item's "8:00–8:10 am" in `zone` (a ZoneInfo); "" when it has no times."""
    if not item.start:
        return ""
    return time_range(item.start, item.end, zone)


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
