"""Text for dates, times, time ranges and time zones: the one place that writes them.

Template tags (events.templatetags.event_tags), the world clock, the feeds, the calendar
descriptions and emails call these functions; nothing else formats a date for people to read.
The words and patterns come from CLDR through Babel, in the active Django language (or the
`language` given): month and day names, the order of day, month and year, 12- or 24-hour
clocks, how a range of times is written, and city names. Digits are Latin in every language
(as on UN pages in Arabic). Only the glue of a whole sentence ("%(date)s, %(times)s %(zone)s")
is a gettext message, so that a translator can reorder it.

Every function takes aware datetimes (any tzinfo) and `zone`, the zone to show them in: an
IANA name such as "America/New_York" (or a tzinfo); None keeps each datetime's own zone.
Each returns a str.

The visitor's-time script (static/js/site.js) writes the same text with Intl.DateTimeFormat
(dateStyle "full", timeStyle "short", formatRange) from the same CLDR patterns, and the
sentence patterns handed to it in data attributes (local_time_patterns()).

English: "Thursday, September 9, 2021, 8:00 – 10:30 AM UTC−4"; French: "jeudi 9 septembre
2021, 08:00 – 10:30 UTC−4". Spaces are plain ones, as browsers write them (_PLAIN_SPACES).
"""

import contextlib
import functools
import zoneinfo
from importlib import resources

from babel import Locale
from babel import dates as cldr
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

__all__ = [
    "babel_locale",
    "date_span",
    "date_text",
    "dated_time",
    "datetime_from",
    "datetime_range",
    "exemplar_city",
    "local_time_patterns",
    "moved_from",
    "offset_label",
    "postponed",
    "sessions_summary",
    "short_date",
    "time_from",
    "time_range",
    "time_text",
    "times_in_zone",
    "zone_label",
]


@functools.cache
def _locale(language):
    return Locale.parse(translation.to_locale(language))


#: CLDR's thin space (around range dashes) and narrow no-break space (before AM/PM) become
#: plain spaces, as browsers' Intl writes them (Chromium does so for compatibility with old
#: pages), so that the server's text and the visitor's-time script's are the same.
_PLAIN_SPACES = str.maketrans({"\u2009": " ", "\u202f": " "})


def _plain(text):
    return text.translate(_PLAIN_SPACES)


def babel_locale(language=None):
    """The Babel Locale for a Django language code ("zh-hans" gives zh_Hans), by default
    the active language."""
    return _locale(language or translation.get_language() or "en")


def _language(language):
    """A context in which gettext speaks `language` (a Django code), or the active one."""
    return translation.override(language) if language else contextlib.nullcontext()


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
    """The offset in force at `dt`: "UTC−4", "UTC+5:45", "UTC". The same in every language
    and never ambiguous (letters such as "CST" or "IST" name several zones, and exist for
    few zones in few languages)."""
    return offset_label(_in_zone(dt, zone).utcoffset())


def _short_time_skeleton(locale):
    """ "hm" where the language writes a 12-hour clock (its CLDR short time pattern has h),
    else "Hm"."""
    pattern = locale.time_formats["short"].pattern
    return "hm" if "h" in pattern.replace("'h'", "") else "Hm"


def time_text(dt, zone=None, *, language=None):
    """ "8:00 AM" (English), "08:00" (French): the CLDR short time of `dt`."""
    dt = _in_zone(dt, zone)
    return _plain(cldr.format_time(dt, "short", tzinfo=dt.tzinfo, locale=babel_locale(language)))


def date_text(dt, zone=None, *, language=None):
    """ "Thursday, September 9, 2021", "jeudi 9 septembre 2021", "2021年9月9日星期四": the
    CLDR full date of `dt`'s day."""
    return _plain(
        cldr.format_date(_in_zone(dt, zone).date(), "full", locale=babel_locale(language))
    )


def short_date(dt, zone=None, *, language=None):
    """ "Thu, Sep 9, 2021", "jeu. 9 sept. 2021": the day of `dt`, abbreviated (tables)."""
    dt = _in_zone(dt, zone)
    return _plain(
        cldr.format_skeleton("yMMMEd", dt, tzinfo=dt.tzinfo, locale=babel_locale(language))
    )


def time_range(start, end=None, zone=None, *, language=None):
    """Clock times only, for an agenda or a table: "8:00 – 8:10 AM", "11:50 AM – 12:10 PM",
    "08:00–08:10" (Chinese), CLDR's interval patterns; time_text(start) when `end` is None."""
    start = _in_zone(start, zone)
    if end is None:
        return time_text(start, language=language)
    end = _in_zone(end, start.tzinfo)
    locale = babel_locale(language)
    return _plain(
        cldr.format_interval(
            start, end, _short_time_skeleton(locale), tzinfo=start.tzinfo, locale=locale
        )
    )


def datetime_range(start, end, zone=None, *, language=None):
    """A span of time with its day and zone: "Thursday, September 9, 2021, 8:00 – 10:30 AM
    UTC−4". A span that crosses midnight or a change of offset (daylight saving time) names
    the day, time and offset of both ends."""
    with _language(language):
        start, end = _in_zone(start, zone), _in_zone(end, zone)
        start_zone, end_zone = zone_label(start), zone_label(end)
        if start.date() == end.date() and start_zone == end_zone:
            return _("%(date)s, %(times)s %(zone)s") % {
                "date": date_text(start),
                "times": time_range(start, end),
                "zone": start_zone,
            }
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


def date_span(first, last=None, *, short=False, language=None):
    """Days without times (datetime.date values; they never move with a zone), on CLDR's
    date intervals: one day in full, "Sunday, October 3, 2021"; several, "Oct 3 – 6, 2021",
    "3–6 oct. 2021" (French), "2021年10月3日至6日" (Chinese), "Dec 28, 2021 – Jan 3, 2022".
    short: no weekday for one day ("Oct 3, 2021") and abbreviated months, for lists.
    (CLDR has no full-month interval for English, so English ranges abbreviate anyway.)"""
    locale = babel_locale(language)
    if last is None or last == first:
        if short:
            return _plain(cldr.format_skeleton("yMMMd", first, locale=locale))
        return _plain(cldr.format_date(first, "full", locale=locale))
    return _plain(cldr.format_interval(first, last, "yMMMd" if short else "yMMMMd", locale=locale))


def datetime_from(start, zone=None, *, language=None):
    """A start whose end was not announced: "Thursday, September 9, 2021, from 8:00 AM
    UTC−4"."""
    start = _in_zone(start, zone)
    with _language(language):
        return _("%(date)s, from %(time)s %(zone)s") % {
            "date": date_text(start),
            "time": time_text(start),
            "zone": zone_label(start),
        }


def time_from(start, zone=None, *, language=None):
    """An agenda time whose end is not given: "from 8:00 AM"."""
    with _language(language):
        return _("from %(time)s") % {"time": time_text(_in_zone(start, zone))}


def sessions_summary(first, last, count, *, language=None):
    """An event of several sessions in a list: "Jan 26 – Feb 4, 2021, 4 sessions".
    first, last: the first and last days (dates, in the event's zone); count: int."""
    with _language(language):
        return ngettext("%(dates)s, %(count)s session", "%(dates)s, %(count)s sessions", count) % {
            "dates": date_span(first, last, short=True),
            "count": count,
        }


def times_in_zone(zone_text, *, language=None):
    """The sentence under an agenda heading: "Times in UTC−4."; zone_text as zone_label()
    gives it."""
    with _language(language):
        return _("Times in %(zone)s.") % {"zone": zone_text}


def moved_from(previous, zone=None, *, language=None):
    """A rescheduled event: "Moved from Thursday, September 9, 2021, 8:00 AM UTC−4."."""
    previous = _in_zone(previous, zone)
    with _language(language):
        return _("Moved from %(date)s, %(time)s %(zone)s.") % {
            "date": date_text(previous),
            "time": time_text(previous),
            "zone": zone_label(previous),
        }


def postponed(previous=None, zone=None, *, language=None):
    """A postponed event: "Postponed to a date to be announced; it was to start on Thursday,
    September 9, 2021, 8:00 AM UTC−4." (the second part only when `previous` is known)."""
    with _language(language):
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


def dated_time(dt, clock, zone=None, *, language=None):
    """A clock time with its day, for agendas over several days: "Tuesday, October 5,
    2021, 8:00 – 10:00 AM"; `clock` as time_range() or time_from() gives it."""
    with _language(language):
        return _("%(date)s, %(time)s") % {"date": date_text(dt, zone), "time": clock}


def local_time_patterns():
    """The sentence patterns of datetime_range and datetime_from in the active language,
    for the script that writes the visitor's time in the browser: {"day": ..., "days":
    ..., "from": ...}."""
    return {
        "day": _("%(date)s, %(times)s %(zone)s"),
        "days": _(
            "%(start_date)s, %(start_time)s %(start_zone)s – "
            "%(end_date)s, %(end_time)s %(end_zone)s"
        ),
        "from": _("%(date)s, from %(time)s %(zone)s"),
    }


@functools.cache
def _links():
    """{IANA name: other names of the same zone}, from tzdata's links (Asia/Kolkata and
    Asia/Calcutta, Europe/Kyiv and Europe/Kiev): CLDR keys some zones by the old name."""
    text = resources.files("tzdata.zoneinfo").joinpath("tzdata.zi").read_text()
    names = {}
    for line in text.splitlines():
        if line.startswith("L "):
            _tag, target, alias = line.split()[:3]
            names.setdefault(target, []).append(alias)
            names.setdefault(alias, []).append(target)
    return names


def exemplar_city(name, *, language=None):
    """The city of an IANA zone in the page's language, from CLDR: "Los Ángeles" (Spanish)
    for America/Los_Angeles, "Калькутта" (Russian) for Asia/Kolkata; for UTC the words for
    Coordinated Universal Time; else the name's last part without underscores."""
    if name in ("UTC", "Etc/UTC"):
        with _language(language):
            return _("Coordinated Universal Time")
    zones = babel_locale(language).time_zones
    for key in (name, *_links().get(name, ())):
        city = zones.get(key, {}).get("city")
        if city:
            return city
    return name.rsplit("/", 1)[-1].replace("_", " ")
