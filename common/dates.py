"""Text for dates, times, time ranges and time zones: the one place that writes them.

Template tags (events.templatetags.event_tags), the feeds and the calendar descriptions
call these functions; nothing else formats a date for people to read. Every function
takes aware datetimes (any tzinfo) and `zone`, the zone to show them in: an IANA name
such as "America/New_York" (or a tzinfo); None keeps each datetime's own zone. Each
returns a str in the active language. Sentences are whole gettext messages with named
placeholders, so that a translator can reorder them.

Output today (English): "Thursday 9 September 2021, 8:00–10:30 am EDT (UTC−4)".
"""

import zoneinfo

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

__all__ = [
    "date_text",
    "datetime_range",
    "offset_label",
    "time_range",
    "time_text",
    "zone_label",
]


def _in_zone(dt, zone):
    """`dt` in `zone` (IANA name, tzinfo or None). Raises zoneinfo.ZoneInfoNotFoundError
    for an unknown name."""
    if zone is None:
        return dt
    return dt.astimezone(zoneinfo.ZoneInfo(zone) if isinstance(zone, str) else zone)


def offset_label(offset):
    """ "UTC+5:45", "UTC−3" or "UTC" for a timedelta offset from UTC (a true minus sign)."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, minutes = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def zone_label(dt, zone=None):
    """The zone in force at `dt`, told apart from others with the same letters:
    "EDT (UTC−4)", "CST (UTC+8)" (China, not US Central), "IST (UTC+5:30)"; only the offset
    where tzdata has no abbreviation ("+0545" gives "UTC+5:45"); "UTC" for UTC itself."""
    dt = _in_zone(dt, zone)
    name, offset = dt.tzname(), offset_label(dt.utcoffset())
    if name[:1] in "+-" or name == offset:
        return offset
    return _("%(abbreviation)s (%(offset)s)") % {"abbreviation": name, "offset": offset}


def time_text(dt, zone=None, *, with_period=True):
    """ "8:00 am" for `dt`; "8:00" with with_period=False (for the first of two times that
    share the period)."""
    dt = _in_zone(dt, zone)
    clock = dateformat.format(dt, "g:i")
    if not with_period:
        return clock
    period = pgettext("before noon", "am") if dt.hour < 12 else pgettext("after noon", "pm")
    return pgettext("clock time", "%(time)s %(period)s") % {"time": clock, "period": period}


def date_text(dt, zone=None):
    """ "Thursday 9 September 2021": the day of `dt`."""
    return dateformat.format(_in_zone(dt, zone), _("l j F Y"))


def _times(start, end):
    """ "8:00–10:30 am" (one period named once) or "11:00 am – 1:00 pm"; same zone."""
    if (start.hour < 12) == (end.hour < 12):
        return _("%(start)s–%(end)s") % {
            "start": time_text(start, with_period=False),
            "end": time_text(end),
        }
    return _("%(start)s – %(end)s") % {"start": time_text(start), "end": time_text(end)}


def time_range(start, end=None, zone=None):
    """Clock times only, for an agenda: "8:00–8:10 am", "11:50 am – 12:10 pm", or "8:00 am"
    when `end` is None."""
    start = _in_zone(start, zone)
    if end is None:
        return time_text(start)
    return _times(start, _in_zone(end, zone))


def datetime_range(start, end, zone=None):
    """A span of time with its day and zone: "Thursday 9 September 2021, 8:00–10:30 am EDT
    (UTC−4)". A span that crosses midnight names both days; one that crosses a change of
    offset (daylight saving time) names both zones."""
    start, end = _in_zone(start, zone), _in_zone(end, zone)
    start_zone, end_zone = zone_label(start), zone_label(end)
    if start.date() != end.date():
        return _(
            "%(start_date)s, %(start_time)s %(start_zone)s – "
            "%(end_date)s, %(end_time)s %(end_zone)s"
        ) % {
            "start_date": date_text(start),
            "start_time": time_text(start),
            "start_zone": start_zone,
            "end_date": date_text(end),
            "end_time": time_text(end),
            "end_zone": end_zone,
        }
    if start_zone != end_zone:
        return _("%(date)s, %(start_time)s %(start_zone)s – %(end_time)s %(end_zone)s") % {
            "date": date_text(start),
            "start_time": time_text(start),
            "start_zone": start_zone,
            "end_time": time_text(end),
            "end_zone": end_zone,
        }
    return _("%(date)s, %(times)s %(zone)s") % {
        "date": date_text(start),
        "times": _times(start, end),
        "zone": start_zone,
    }
