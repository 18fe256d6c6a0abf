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

__all__ = [
    "babel_locale",
    "date_text",
    "datetime_range",
    "exemplar_city",
    "local_time_patterns",
    "offset_label",
    "short_date",
    "time_range",
    "time_text",
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
    with translation.override(language) if language else contextlib.nullcontext():
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


def local_time_patterns():
    """The two sentence patterns of datetime_range in the active language, for the script
    that writes the visitor's time in the browser: {"day": ..., "days": ...}."""
    return {
        "day": _("%(date)s, %(times)s %(zone)s"),
        "days": _(
            "%(start_date)s, %(start_time)s %(start_zone)s – "
            "%(end_date)s, %(end_time)s %(end_zone)s"
        ),
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
        with translation.override(language) if language else contextlib.nullcontext():
            return _("Coordinated Universal Time")
    zones = babel_locale(language).time_zones
    for key in (name, *_links().get(name, ())):
        city = zones.get(key, {}).get("city")
        if city:
            return city
    return name.rsplit("/", 1)[-1].replace("_", " ")
