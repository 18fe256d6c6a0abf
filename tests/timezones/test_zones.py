import datetime

import pytest
from django.utils import translation

from timezones.zones import (
    COMMON_ZONES,
    get_zone,
    known_names,
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
