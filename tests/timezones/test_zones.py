import datetime

import pytest
from django.utils import translation

from timezones.zones import (
    COMMON_ZONES,
    aliases,
    current_name,
    current_zones,
    get_zone,
    is_trap,
    known_names,
    trap_warning,
    world_clock,
    zone_choices,
    zone_groups,
)

UTC = datetime.timezone.utc


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "", None, "../../etc/passwd", "utc "])
def test_get_zone_refuses_what_is_not_an_iana_name(name):
    assert get_zone(name) is None


@pytest.mark.parametrize("name", ["localtime", "Factory", "posix/Asia/Tokyo", "right/UTC"])
def test_get_zone_refuses_zoneinfo_entries_that_are_no_zone(name):
    assert get_zone(name) is None


def test_known_names_keep_real_zones_and_drop_the_rest():
    names = known_names()
    assert {"UTC", "Asia/Tokyo", "Pacific/Kiritimati"} <= names
    assert [
        n for n in names if n in {"localtime", "Factory"} or n.startswith(("posix/", "right/"))
    ] == []


def test_zone_choices_follow_daylight_saving_time_of_the_date():
    september = dict(zone_choices(datetime.datetime(2021, 9, 9, 12, tzinfo=UTC)))
    december = dict(zone_choices(datetime.datetime(2021, 12, 9, 12, tzinfo=UTC)))
    assert september["America/New_York"] == "(UTC\u22124) New York, Washington, Toronto"
    assert december["America/New_York"] == "(UTC\u22125) New York, Washington, Toronto"
    assert len(september) == len(COMMON_ZONES)


def test_zone_choices_are_sorted_west_to_east():
    at = datetime.datetime(2021, 9, 9, 12, tzinfo=UTC)
    names = [name for name, _label in zone_choices(at)]
    offsets = [at.astimezone(get_zone(n)).utcoffset() for n in names]
    assert offsets == sorted(offsets)
    assert (names[0], names[-1]) == ("Pacific/Pago_Pago", "Pacific/Kiritimati")


def test_world_clock_shows_local_dates_and_day_shifts():
    start = datetime.datetime(2021, 9, 9, 12, 0, tzinfo=UTC)  # 8:00 in New York
    rows = world_clock(
        start,
        start + datetime.timedelta(hours=2, minutes=30),
        ["Asia/Shanghai", "Pacific/Apia", "Pacific/Honolulu", "Asia/Shanghai", "Bad/Zone"],
        marks={"America/New_York": "Organiser"},
    )
    summary = [
        (r["name"], r["start"].strftime("%d %H:%M"), r["end"].strftime("%H:%M"), r["day_shift"])
        for r in rows
    ]
    assert summary == [
        ("Pacific/Honolulu", "09 02:00", "04:30", 0),
        ("America/New_York", "09 08:00", "10:30", 0),
        ("Asia/Shanghai", "09 20:00", "22:30", 0),
        ("Pacific/Apia", "10 01:00", "03:30", 1),
    ]
    assert [r["mark"] for r in rows] == ["", "Organiser", "", ""]


# -- The admin's picker: current names, old names, names that are no place ------------------


def test_current_zones_are_one_per_country_zone_with_the_country():
    zones = current_zones()
    assert (zones["Europe/Kyiv"], zones["Asia/Kolkata"], zones["UTC"]) == ("Ukraine", "India", "")
    assert {"Europe/Kiev", "Asia/Calcutta", "US/Eastern", "EST", "Etc/GMT+2"} & set(zones) == set()


@pytest.mark.parametrize(
    ("old", "current"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("US/Eastern", "America/New_York"),
        ("Asia/Saigon", "Asia/Ho_Chi_Minh"),
        ("Zulu", "UTC"),
        ("Asia/Tokyo", "Asia/Tokyo"),  # already current
        ("EST", "EST"),  # no place: never silently moved to a city
    ],
)
def test_current_name_maps_deprecated_aliases(old, current):
    assert current_name(old) == current


def test_every_known_name_is_current_an_alias_or_a_trap():
    left = [
        name
        for name in known_names()
        if name not in current_zones() and name not in aliases() and not is_trap(name)
    ]
    assert left == []


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("Etc/GMT+2", "“Etc/GMT+2” is not a place: it is UTC−2 all year"),
        ("Etc/GMT-14", "“Etc/GMT-14” is not a place: it is UTC+14 all year"),
        ("MST", "“MST” is not a place: it is UTC−7 all year"),
        ("PST8PDT", "“PST8PDT” is not a place: it switches between UTC−8 and UTC−7"),
    ],
)
def test_trap_warning_says_what_the_name_means(name, start):
    assert trap_warning(name, year=2026).startswith(start)


@pytest.mark.parametrize("name", ["America/New_York", "UTC", "Asia/Calcutta", "Mars/Base"])
def test_trap_warning_is_none_for_places_and_unknown_names(name):
    assert trap_warning(name) is None


def test_full_zone_list_has_current_names_only():
    at = datetime.datetime(2021, 9, 9, 12, tzinfo=UTC)
    listed = {name for _region, zones in zone_groups(at) for name, _label in zones}
    assert {"Asia/Kolkata", "Europe/Kyiv", "America/Argentina/Buenos_Aires", "UTC"} <= listed
    assert listed.isdisjoint({"Asia/Calcutta", "Europe/Kiev", "America/Buenos_Aires", "GB"})
    # The old names are still understood (cookies and data saved before a rename).
    assert get_zone("Asia/Calcutta") is not None


def test_world_clock_names_cities_in_the_page_language():
    start = datetime.datetime(2021, 9, 9, 12, 0, tzinfo=UTC)
    with translation.override("ru"):
        rows = world_clock(start, start + datetime.timedelta(hours=1), ["America/Los_Angeles"])
    assert [(r["city"], r["date"], r["times"]) for r in rows] == [
        ("Лос-Анджелес", "чт, 9 сент. 2021 г.", "05:00–06:00")
    ]
