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
from django.utils.translation import ngettext, pgettext

__all__ = [
    "date_span",
    "dated_time",
    "date_text",
    "datetime_from",
    "datetime_range",
    "moved_from",
    "offset_label",
    "postponed",
    "sessions_summary",
    "time_from",
    "time_range",
    "time_text",
    "times_in_zone",
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


def date_span(first, last=None, *, short=False):
    """Days without times (dates, not datetimes; they never move with a zone): "Sunday 3
    October 2021" for one day, "3–6 October 2021", "30 September – 2 October 2021",
    "28 December 2021 – 3 January 2022". short: abbreviated months and no weekday ("3 Oct
    2021", "26 Jan – 4 Feb 2021"), for lists."""
    if last is None or last == first:
        return dateformat.format(first, _("j M Y") if short else _("l j F Y"))
    full = _("j M Y") if short else _("j F Y")
    if (first.year, first.month) == (last.year, last.month):
        return _("%(first)s–%(last)s") % {
            "first": dateformat.format(first, _("j")),
            "last": dateformat.format(last, full),
        }
    if first.year == last.year:
        return _("%(first)s – %(last)s") % {
            "first": dateformat.format(first, _("j M") if short else _("j F")),
            "last": dateformat.format(last, full),
        }
    return _("%(first)s – %(last)s") % {
        "first": dateformat.format(first, full),
        "last": dateformat.format(last, full),
    }


def datetime_from(start, zone=None):
    """A start whose end was not announced: "Thursday 9 September 2021, from 8:00 am EDT
    (UTC−4)"."""
    start = _in_zone(start, zone)
    return _("%(date)s, from %(time)s %(zone)s") % {
        "date": date_text(start),
        "time": time_text(start),
        "zone": zone_label(start),
    }


def time_from(start, zone=None):
    """An agenda time whose end is not given: "from 8:00 am"."""
    return _("from %(time)s") % {"time": time_text(_in_zone(start, zone))}


def sessions_summary(first, last, count):
    """An event of several sessions in a list: "26 Jan – 4 Feb 2021, 4 sessions".
    first, last: the first and last days (dates, in the event's zone); count: int."""
    return ngettext("%(dates)s, %(count)s session", "%(dates)s, %(count)s sessions", count) % {
        "dates": date_span(first, last, short=True),
        "count": count,
    }


def times_in_zone(zone_text):
    """The sentence under an agenda heading: "Times in EDT (UTC−4)."; zone_text as
    zone_label() gives it."""
    return _("Times in %(zone)s.") % {"zone": zone_text}


def moved_from(previous, zone=None):
    """A rescheduled event: "Moved from Thursday 9 September 2021, 8:00 am EDT (UTC−4)."."""
    previous = _in_zone(previous, zone)
    return _("Moved from %(date)s, %(time)s %(zone)s.") % {
        "date": date_text(previous),
        "time": time_text(previous),
        "zone": zone_label(previous),
    }


def postponed(previous=None, zone=None):
    """A postponed event: "Postponed to a date to be announced; it was to start on Thursday
    9 September 2021, 8:00 am EDT (UTC−4)." (the second part only when `previous` is
    known)."""
    if previous is None:
        return _("Postponed to a date to be announced.")
    previous = _in_zone(previous, zone)
    return _(
        "Postponed to a date to be announced; it was to start on %(date)s, %(time)s %(zone)s."
    ) % {
        "date": date_text(previous),
        "time": time_text(previous),
        "zone": zone_label(previous),
    }


def dated_time(dt, clock, zone=None):
    """A clock time with its day, for agendas over several days: "Tuesday 5 October 2021,
    8:00–10:00 am"; `clock` as time_range() or time_from() gives it."""
    return _("%(date)s, %(time)s") % {"date": date_text(dt, zone), "time": clock}
