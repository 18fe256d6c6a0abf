"""common.dates: every date and time on the site, on CLDR data (Babel), in each language."""

import datetime
import zoneinfo

import pytest
from django.utils import translation

from common.dates import (
    date_text,
    datetime_range,
    exemplar_city,
    offset_label,
    short_date,
    time_range,
)

NY = zoneinfo.ZoneInfo("America/New_York")
UTC = datetime.timezone.utc
# CLDR's thin space (around the range dash) and narrow no-break space (before AM/PM) are
# written as plain spaces, as browsers' Intl writes them.
THIN = NNBSP = " "
START = datetime.datetime(2021, 9, 9, 12, 0, tzinfo=UTC)  # 8:00 in New York
END = START + datetime.timedelta(hours=2, minutes=30)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", f"Thursday, September 9, 2021, 8:00{THIN}–{THIN}10:30{NNBSP}AM UTC−4"),
        ("fr", f"jeudi 9 septembre 2021, 08:00{THIN}–{THIN}10:30 UTC−4"),
        ("es", "jueves, 9 de septiembre de 2021, 8:00–10:30 UTC−4"),
        ("ru", f"четверг, 9 сентября 2021{NNBSP}г., 08:00–10:30 UTC−4"),
        ("zh-hans", "2021年9月9日星期四 08:00–10:30（UTC−4）"),
        ("ar", "الخميس، 9 سبتمبر 2021، 8:00–10:30 ص UTC−4"),
    ],
)
def test_datetime_range_in_each_language(language, expected):
    with translation.override(language):
        assert datetime_range(START, END, "America/New_York") == expected


def test_datetime_range_takes_the_language_as_an_argument():
    assert datetime_range(START, END, "Asia/Tokyo", language="fr") == (
        f"jeudi 9 septembre 2021, 21:00{THIN}–{THIN}23:30 UTC+9"
    )


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("Asia/Shanghai", "UTC+8"),
        ("America/Chicago", "UTC−5"),
        ("Asia/Kolkata", "UTC+5:30"),
        ("Asia/Kathmandu", "UTC+5:45"),
        ("UTC", "UTC"),
    ],
)
def test_datetime_range_names_the_offset_in_force(zone, expected):
    with translation.override("en"):
        assert datetime_range(START, END, zone).endswith(f" {expected}")


def test_datetime_range_across_midnight_names_both_days():
    with translation.override("en"):
        text = datetime_range(START, START + datetime.timedelta(hours=14), "Asia/Tokyo")
    assert text == (
        f"Thursday, September 9, 2021, 9:00{NNBSP}PM UTC+9 – "
        f"Friday, September 10, 2021, 11:00{NNBSP}AM UTC+9"
    )


def test_datetime_range_across_a_change_of_offset_names_both():
    london = zoneinfo.ZoneInfo("Europe/London")
    start = datetime.datetime(2021, 3, 28, 0, 30, tzinfo=london)  # clocks go forward at 1:00

    with translation.override("fr"):
        text = datetime_range(start, datetime.datetime(2021, 3, 28, 3, 0, tzinfo=london))

    assert text == "du dimanche 28 mars 2021, 00:30 UTC, au dimanche 28 mars 2021, 03:00 UTC+1"


@pytest.mark.parametrize(
    ("language", "start", "end", "expected"),
    [
        ("en", (8, 0), (8, 10), f"8:00{THIN}–{THIN}8:10{NNBSP}AM"),
        ("en", (11, 50), (12, 10), f"11:50{NNBSP}AM{THIN}–{THIN}12:10{NNBSP}PM"),
        ("en", (8, 0), None, f"8:00{NNBSP}AM"),
        ("ru", (11, 50), (12, 10), "11:50–12:10"),
        ("zh-hans", (8, 0), (8, 10), "08:00–08:10"),
    ],
)
def test_time_range_follows_the_languages_clock(language, start, end, expected):
    day = datetime.datetime(2021, 9, 9, tzinfo=NY)
    start_dt = day.replace(hour=start[0], minute=start[1])
    end_dt = day.replace(hour=end[0], minute=end[1]) if end else None

    with translation.override(language):
        assert time_range(start_dt, end_dt, "America/New_York") == expected


def test_dates_are_written_with_cldr_names():
    assert date_text(START, "Asia/Tokyo", language="ru") == f"четверг, 9 сентября 2021{NNBSP}г."
    assert short_date(START, "Asia/Tokyo", language="es") == "jue, 9 sept 2021"


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [
        ("America/Los_Angeles", "es", "Los Ángeles"),
        ("America/Los_Angeles", "ru", "Лос-Анджелес"),
        # CLDR keys these by their old names (Asia/Calcutta, Europe/Kiev): found all the same.
        ("Asia/Kolkata", "ru", "Калькутта"),
        ("Europe/Kyiv", "ru", "Киев"),
        ("America/Argentina/Buenos_Aires", "zh-hans", "布宜诺斯艾利斯"),
        ("UTC", "fr", "Temps universel coordonné"),
    ],
)
def test_exemplar_city_names_the_city_in_the_language(name, language, expected):
    assert exemplar_city(name, language=language) == expected


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, "UTC"), (480, "UTC+8"), (345, "UTC+5:45"), (-180, "UTC\u22123"), (-570, "UTC\u22129:30")],
)
def test_offset_label(minutes, expected):
    assert offset_label(datetime.timedelta(minutes=minutes)) == expected


def test_no_thin_or_narrow_spaces_reach_the_text():
    for language in ("en", "fr", "ru", "es"):
        text = datetime_range(START, END, "America/New_York", language=language)
        assert not {"\u2009", "\u202f"} & set(text), (language, text)
