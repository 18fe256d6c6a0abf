"""The visitor's time zone: the choices offered, the cookie that remembers the choice, and
tables of one moment across the world.

Zones are IANA names (tzdata, through zoneinfo). Offsets are read for a given instant, so a
zone with daylight saving time shows the offset in force then (New York: UTC−4 in September,
UTC−5 in December).
"""

import datetime
import functools
import importlib.resources
import pathlib
import zoneinfo
from importlib import resources

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.dates import exemplar_city, offset_label, short_date, time_from, time_range

#: The cookie that holds the visitor's chosen zone, an IANA name such as "Asia/Shanghai".
COOKIE_NAME = "tz"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # seconds

#: Regions under which the full list groups zones: the first part of the IANA name.
REGIONS = {
    "Africa": _("Africa"),
    "America": _("Americas"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic Ocean"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific Ocean"),
}

#: Zones offered in the selector on every page, with the cities that keep the same clock:
#: each offset in use, and the capitals of the countries the webinars serve most (least
#: developed, small island and landlocked countries).
COMMON_ZONES = {
    "Pacific/Pago_Pago": _("Pago Pago"),
    "Pacific/Honolulu": _("Honolulu"),
    "America/Los_Angeles": _("Los Angeles, Vancouver"),
    "America/Mexico_City": _("Mexico City, Guatemala City"),
    "America/New_York": _("New York, Washington, Toronto"),
    "America/Bogota": _("Bogotá, Lima, Panama City"),
    "America/Port-au-Prince": _("Port-au-Prince"),
    "America/Port_of_Spain": _("Port of Spain, Bridgetown, La Paz"),
    "America/Sao_Paulo": _("Brasília, São Paulo, Buenos Aires"),
    "Atlantic/Cape_Verde": _("Praia"),
    "UTC": _("Coordinated Universal Time"),
    "Europe/London": _("London, Dublin, Lisbon"),
    "Africa/Dakar": _("Dakar, Accra, Bamako"),
    "Africa/Lagos": _("Lagos, Kinshasa, N'Djamena"),
    "Europe/Zurich": _("Geneva, Paris, Brussels"),
    "Africa/Cairo": _("Cairo"),
    "Africa/Johannesburg": _("Johannesburg, Maputo, Lusaka"),
    "Africa/Nairobi": _("Nairobi, Addis Ababa, Kampala"),
    "Asia/Riyadh": _("Riyadh, Baghdad, Sana'a"),
    "Europe/Moscow": _("Moscow, Minsk"),
    "Asia/Tehran": _("Tehran"),
    "Asia/Dubai": _("Dubai, Baku, Port Louis"),
    "Asia/Kabul": _("Kabul"),
    "Asia/Karachi": _("Islamabad, Karachi"),
    "Asia/Tashkent": _("Tashkent, Dushanbe, Malé"),
    "Asia/Kolkata": _("New Delhi, Colombo"),
    "Asia/Kathmandu": _("Kathmandu"),
    "Asia/Dhaka": _("Dhaka, Thimphu, Bishkek"),
    "Asia/Yangon": _("Yangon"),
    "Asia/Bangkok": _("Bangkok, Jakarta, Vientiane"),
    "Asia/Shanghai": _("Beijing, Shanghai"),
    "Asia/Manila": _("Manila, Singapore, Ulaanbaatar"),
    "Asia/Tokyo": _("Tokyo, Seoul, Dili"),
    "Australia/Sydney": _("Sydney, Melbourne"),
    "Pacific/Port_Moresby": _("Port Moresby"),
    "Pacific/Guadalcanal": _("Honiara, Port Vila, Nouméa"),
    "Pacific/Fiji": _("Suva"),
    "Pacific/Tarawa": _("Tarawa, Funafuti, Majuro"),
    "Pacific/Auckland": _("Auckland, Wellington"),
    "Pacific/Apia": _("Apia, Nuku'alofa"),
    "Pacific/Kiritimati": _("Kiritimati"),
}

#: The handful of zones on an event's world clock table, beside the organiser's and the
#: visitor's own.
WORLD_CLOCK_ZONES = [
    "America/Los_Angeles",
    "America/New_York",
    "America/Port_of_Spain",
    "America/Sao_Paulo",
    "UTC",
    "Africa/Dakar",
    "Africa/Lagos",
    "Europe/Zurich",
    "Africa/Johannesburg",
    "Africa/Nairobi",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Dhaka",
    "Asia/Bangkok",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Fiji",
    "Pacific/Apia",
]


#: Entries of the zoneinfo database that are not IANA zones a person can be in: the system's
#: own "localtime" link, tzdata's "Factory" placeholder and the "posix/" and "right/" copies
#: (the latter counting leap seconds) that some systems install.
NOT_ZONES = frozenset({"localtime", "Factory"})
NOT_ZONE_PREFIXES = ("posix/", "right/")


@functools.cache
def known_names():
    """Every IANA zone name accepted as a time zone (frozenset of str): zoneinfo's available
    zones without NOT_ZONES and the NOT_ZONE_PREFIXES copies."""
    return frozenset(
        name
        for name in zoneinfo.available_timezones()
        if name not in NOT_ZONES and not name.startswith(NOT_ZONE_PREFIXES)
    )


@functools.cache
def listed_names():
    """The zones a person chooses from (frozenset of str): one IANA name per zone in use,
    as tzdata's zone.tab lists them, under their current names (Asia/Kolkata, Europe/Kyiv;
    never the old links Asia/Calcutta or Europe/Kiev beside them), plus UTC. Old names stay
    accepted (known_names) for cookies and data saved before a rename."""
    table = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text()
    names = {
        line.split("\t")[2] for line in table.splitlines() if line and not line.startswith("#")
    }
    return frozenset(names & known_names() | {"UTC"})


def is_zone_name(name):
    """True if `name` (any value) is one of known_names()."""
    return isinstance(name, str) and name in known_names()


def get_zone(name):
    """The ZoneInfo for an IANA name (str), or None if `name` is not one."""
    if not is_zone_name(name):
        return None
    return zoneinfo.ZoneInfo(name)


def visitor_zone(request):
    """The zone the visitor chose (a ZoneInfo, from the cookie), or None if none or invalid."""
    return get_zone(request.COOKIES.get(COOKIE_NAME))


def cookie_zone_name(value):
    """The IANA name (str) a `tz` cookie value chooses, or "" when it chooses none: pages
    are the same for every invalid value, so the page cache keys them all alike."""
    zone = get_zone(value)
    return zone.key if zone is not None else ""


def city_name(name):
    """A place name for an IANA zone name in the active language: the translated cities of
    COMMON_ZONES ("Los Ángeles, Vancouver"), else CLDR's city (common.dates.exemplar_city)."""
    if name in COMMON_ZONES:
        return str(COMMON_ZONES[name])
    return exemplar_city(name)


def zone_choices(at, names=None):
    """Options for a zone selector: [(IANA name, label)] sorted by the offset at `at` (an
    aware datetime), then by label. Labels read "(UTC+8) Beijing, Shanghai". `names`
    defaults to COMMON_ZONES."""
    rows = []
    for name in COMMON_ZONES if names is None else names:
        offset = at.astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
        city = city_name(name)
        rows.append((offset, city, name, f"({offset_label(offset)}) {city}"))
    rows.sort(key=lambda row: (row[0], row[1]))
    return [(name, label) for _offset, _city, name, label in rows]


def zone_groups(at):
    """Every geographic IANA zone, grouped for a full selector: [(region label, [(IANA name,
    label)])], regions in REGIONS' order, zones by offset at `at` within each, plus UTC."""
    by_region = {region: [] for region in REGIONS}
    for name in listed_names():
        region = name.split("/", 1)[0]
        if "/" in name and region in by_region:
            by_region[region].append(name)
    groups = [(_("Universal"), zone_choices(at, ["UTC"]))]
    groups += [(REGIONS[r], zone_choices(at, names)) for r, names in by_region.items() if names]
    return groups


def world_clock(start, end, names, marks=None):
    """One span of time in many zones: a list of dicts sorted by offset, each with
    `name` (IANA), `city` (CLDR's city in the active language, "Лос-Анджелес"), `start`
    and `end` (aware datetimes in that zone; end None for an end not announced), `date`
    and `times` (their text, from common.dates), `offset` ("UTC+8"), `day_shift` (days
    between the local start date and the UTC start date: -1, 0 or 1) and `mark`
    (marks.get(name), e.g. "Organiser"). Names repeat at most once.
    """
    marks = marks or {}
    rows, seen = [], set()
    utc_day = start.astimezone(datetime.timezone.utc).date()
    for name in [*marks, *names]:
        zone = get_zone(name)
        if zone is None or name in seen:
            continue
        seen.add(name)
        local_start = start.astimezone(zone)
        local_end = end.astimezone(zone) if end is not None else None
        rows.append(
            {
                "name": name,
                "city": exemplar_city(name),
                "start": local_start,
                "end": local_end,
                "date": short_date(local_start),
                "times": (
                    time_range(local_start, local_end)
                    if local_end is not None
                    else time_from(local_start)
                ),
                "offset": offset_label(local_start.utcoffset()),
                "day_shift": (local_start.date() - utc_day).days,
                "mark": marks.get(name, ""),
            }
        )
    rows.sort(key=lambda row: (row["start"].utcoffset(), row["city"]))
    return rows


# -- Names staff choose from, and names to warn about ---------------------------------------

#: Old names that are no place: a fixed offset or one country's summer-time rules, not the
#: history of a city. Saved as given, with a warning that says what they mean.
RULE_NAMES = frozenset(
    {"EST", "MST", "HST", "EST5EDT", "CST6CDT", "MST7MDT", "PST8PDT", "CET", "MET", "EET", "WET"}
)
#: Other spellings of UTC: saved as "UTC".
UTC_NAMES = frozenset(
    {
        "Etc/UTC",
        "Etc/UCT",
        "Etc/Universal",
        "Etc/Zulu",
        "Etc/GMT",
        "Etc/GMT0",
        "Etc/GMT+0",
        "Etc/GMT-0",
        "Etc/Greenwich",
        "GMT",
        "GMT0",
        "GMT+0",
        "GMT-0",
        "Greenwich",
        "UCT",
        "Universal",
        "Zulu",
    }
)


def _data_texts(filename):
    """The text of a tz database table (zone.tab, iso3166.tab, tzdata.zi) from each place
    zoneinfo reads zones from: the system's TZPATH first, then the tzdata package. A list
    of str, [] when no copy is found."""
    texts = []
    for directory in zoneinfo.TZPATH:
        path = pathlib.Path(directory, filename)
        if path.is_file():
            texts.append(path.read_text(encoding="utf-8"))
            break
    try:
        resource = importlib.resources.files("tzdata").joinpath("zoneinfo", filename)
        texts.append(resource.read_text(encoding="utf-8"))
    except (ModuleNotFoundError, FileNotFoundError):
        pass
    return texts


def _rows(filename):
    """The tab-separated rows of the first copy of a tz table, comments left out."""
    texts = _data_texts(filename)
    lines = texts[0].splitlines() if texts else []
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@functools.cache
def current_zones():
    """The current IANA names staff choose from: {name: country (English name from
    iso3166.tab, "" for UTC)}, one per zone of a country as zone.tab lists them (Asia/Kolkata,
    Europe/Kyiv), plus "UTC". Names zoneinfo cannot load are left out."""
    countries = {row[0]: row[1].strip() for row in _rows("iso3166.tab") if len(row) > 1}
    names = known_names()
    zones = {
        row[2]: countries.get(row[0], row[0])
        for row in _rows("zone.tab")
        if len(row) > 2 and row[2] in names
    }
    zones["UTC"] = ""
    return zones


@functools.cache
def aliases():
    """{old name: current name} for the deprecated names tzdata keeps as links
    ("Asia/Calcutta": "Asia/Kolkata", "Europe/Kiev": "Europe/Kyiv", "US/Eastern":
    "America/New_York"), the UTC_NAMES (to "UTC"); never the RULE_NAMES."""
    links = {}
    for text in _data_texts("tzdata.zi"):
        for line in text.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[0] == "L":
                links.setdefault(parts[2], parts[1])
    current, names = current_zones(), known_names()
    result = {name: "UTC" for name in UTC_NAMES if name in names}
    for alias, target in links.items():
        if alias in current or alias in RULE_NAMES or alias in result or alias not in names:
            continue
        seen = set()
        while target not in current and target in links and target not in seen:
            seen.add(target)
            target = links[target]
        if target in current:
            result[alias] = target
    return result


def current_name(name):
    """The current IANA name for `name` (str): its alias target, else `name` itself."""
    return aliases().get(name, name)


def is_trap(name):
    """True for a known name that is no place: RULE_NAMES and Etc/GMT±N (N not 0)."""
    return (
        name in known_names()
        and name not in UTC_NAMES
        and (name in RULE_NAMES or name.startswith("Etc/"))
    )


def trap_warning(name, year=None):
    """What a name that is no place really means, for staff (str), or None for a place.

    "Etc/GMT+2" says it is UTC−2 all year (the sign of these names is reversed); "EST" that
    it is UTC−5 all year, without summer time; "CET" between which offsets it switches.
    year: the year whose January and July offsets are read (default: this year).
    """
    if not is_trap(name):
        return None
    year = year or datetime.date.today().year
    zone = zoneinfo.ZoneInfo(name)
    winter, summer = (
        datetime.datetime(year, month, 1, 12, tzinfo=zone).utcoffset() for month in (1, 7)
    )
    if winter == summer:
        sentences = [
            gettext("“%(name)s” is not a place: it is %(offset)s all year, with no summer time.")
            % {"name": name, "offset": offset_label(winter)}
        ]
    else:
        low, high = sorted([winter, summer])
        sentences = [
            gettext(
                "“%(name)s” is not a place: it switches between %(winter)s and %(summer)s on "
                "dates that may not be those of the event's city."
            )
            % {"name": name, "winter": offset_label(low), "summer": offset_label(high)}
        ]
    if name.startswith("Etc/GMT"):
        sentences.append(
            gettext(
                "The sign of these names is reversed: %(name)s is %(offset)s, not the other way."
            )
            % {"name": name, "offset": offset_label(winter)}
        )
    sentences.append(
        gettext("Choose the city where the event is held, so that its clock changes are followed.")
    )
    return " ".join(sentences)


def zone_label(name, at):
    """A picker label for a current zone: "Kyiv, Ukraine (UTC+2) · Europe/Kyiv" with the
    offset in force at `at` (an aware datetime); "UTC · Coordinated Universal Time"."""
    if name == "UTC":
        return f"UTC · {COMMON_ZONES['UTC']}"
    offset = offset_label(at.astimezone(zoneinfo.ZoneInfo(name)).utcoffset())
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    country = current_zones().get(name, "")
    place = f"{city}, {country}" if country else city
    return f"{place} ({offset}) · {name}"


def picker_groups(at):
    """Every current zone for the admin's time zone picker: [(group label, [(name, label)])],
    UTC first, then REGIONS in order, zones by label (zone_label at `at`) within each."""
    by_region = {region: [] for region in REGIONS}
    for name in current_zones():
        region = name.split("/", 1)[0]
        if region in by_region:
            by_region[region].append((name, zone_label(name, at)))
    groups = [(_("Universal"), [("UTC", zone_label("UTC", at))])]
    for region, rows in by_region.items():
        if rows:
            groups.append((REGIONS[region], sorted(rows, key=lambda row: row[1])))
    return groups
