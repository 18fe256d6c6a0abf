"""Formatting of event times: `{% load event_tags %}` then `{{ event|when }}`."""

from django import template
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from timezones.zones import offset_label

register = template.Library()


def _clock(dt, with_period=True):
    """ "8:00 am" (or "8:00" without the period) for an aware datetime, in its own zone."""
    clock = dateformat.format(dt, "g:i")
    if not with_period:
        return clock
    period = pgettext("before noon", "am") if dt.hour < 12 else pgettext("after noon", "pm")
    return f"{clock} {period}"


def _day(dt):
    """ "Thursday 9 September 2021", translated with the active language."""
    return dateformat.format(dt, _("l j F Y"))


def _zone(dt):
    """The zone in force at an aware datetime, told apart from others with the same letters:
    "EDT (UTC−4)", "CST (UTC+8)" (China, not US Central), "IST (UTC+5:30)"; only the offset
    where tzdata has no abbreviation ("+0545" gives "UTC+5:45"); "UTC" for UTC itself."""
    name, offset = dt.tzname(), offset_label(dt.utcoffset())
    return offset if name[:1] in "+-" or name == offset else f"{name} ({offset})"


def format_range(start, end):
    """Human text for a span of time, both ends already in the zone to show them in.

    Returns e.g. "Thursday 9 September 2021, 8:00–10:30 am EDT (UTC−4)". A span that
    crosses midnight names both days; one that crosses a change of offset names both zones.
    """
    start_zone, end_zone = _zone(start), _zone(end)
    if start.date() != end.date():
        return (
            f"{_day(start)}, {_clock(start)} {start_zone} – {_day(end)}, {_clock(end)} {end_zone}"
        )
    if start_zone != end_zone:
        return f"{_day(start)}, {_clock(start)} {start_zone} – {_clock(end)} {end_zone}"
    if (start.hour < 12) == (end.hour < 12):
        times = f"{_clock(start, with_period=False)}–{_clock(end)}"
    else:
        times = f"{_clock(start)} – {_clock(end)}"
    return f"{_day(start)}, {times} {start_zone}"


@register.filter
def when(event):
    """The event's date and time in the organiser's zone, as format_range gives it."""
    return format_range(event.local_start, event.local_end)


@register.filter
def when_in(event, zone):
    """The event's date and time in `zone` (a ZoneInfo, e.g. the visitor's), as
    format_range gives it; "" when zone is None."""
    if zone is None:
        return ""
    return format_range(event.start.astimezone(zone), event.end.astimezone(zone))


@register.filter
def clock_range(item, tz):
    """An agenda item's "8:00–8:10 am" in the ZoneInfo `tz`; "" when it has no times."""
    if not item.start:
        return ""
    start = item.start.astimezone(tz)
    if not item.end:
        return _clock(start)
    end = item.end.astimezone(tz)
    if (start.hour < 12) == (end.hour < 12):
        return f"{_clock(start, with_period=False)}–{_clock(end)}"
    return f"{_clock(start)} – {_clock(end)}"
