import datetime
import zoneinfo

import pytest

from common.dates import datetime_range, offset_label, time_range

NY = zoneinfo.ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (
            datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY),
            datetime.datetime(2021, 9, 9, 10, 30, tzinfo=NY),
            "Thursday 9 September 2021, 8:00–10:30 am EDT (UTC\u22124)",
        ),
        (
            datetime.datetime(2021, 12, 9, 11, 0, tzinfo=NY),
            datetime.datetime(2021, 12, 9, 13, 0, tzinfo=NY),
            "Thursday 9 December 2021, 11:00 am – 1:00 pm EST (UTC\u22125)",
        ),
        (
            datetime.datetime(2021, 9, 9, 23, 0, tzinfo=NY),
            datetime.datetime(2021, 9, 10, 1, 0, tzinfo=NY),
            "Thursday 9 September 2021, 11:00 pm EDT (UTC\u22124) – "
            "Friday 10 September 2021, 1:00 am EDT (UTC\u22124)",
        ),
        (
            datetime.datetime(2021, 11, 7, 0, 30, tzinfo=NY),
            datetime.datetime(2021, 11, 7, 3, 0, tzinfo=NY),
            "Sunday 7 November 2021, 12:30 am EDT (UTC\u22124) – 3:00 am EST (UTC\u22125)",
        ),
    ],
)
def test_datetime_range_names_the_zone_in_force(start, end, expected):
    assert datetime_range(start, end) == expected


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        # CST is China Standard Time here, not US Central; IST is India, not Ireland or Israel.
        ("Asia/Shanghai", "Thursday 9 September 2021, 8:00–10:30 pm CST (UTC+8)"),
        ("America/Chicago", "Thursday 9 September 2021, 7:00–9:30 am CDT (UTC\u22125)"),
        ("Asia/Kolkata", "Thursday 9 September 2021, 5:30–8:00 pm IST (UTC+5:30)"),
        ("Europe/Dublin", "Thursday 9 September 2021, 1:00–3:30 pm IST (UTC+1)"),
        # tzdata has no letters for Nepal ("+0545"): the offset alone, not repeated.
        ("Asia/Kathmandu", "Thursday 9 September 2021, 5:45–8:15 pm UTC+5:45"),
        ("UTC", "Thursday 9 September 2021, 12:00–2:30 pm UTC"),
    ],
)
def test_datetime_range_names_the_zone_with_its_offset(zone, expected):
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc)

    text = datetime_range(
        start.astimezone(tz), (start + datetime.timedelta(hours=2.5)).astimezone(tz)
    )

    assert text == expected


def test_datetime_range_across_spring_forward_names_both_zones():
    london = zoneinfo.ZoneInfo("Europe/London")
    start = datetime.datetime(2021, 3, 28, 0, 30, tzinfo=london)  # clocks go forward at 1:00

    text = datetime_range(start, datetime.datetime(2021, 3, 28, 3, 0, tzinfo=london))

    assert text == "Sunday 28 March 2021, 12:30 am GMT (UTC) – 3:00 am BST (UTC+1)"


def test_datetime_range_converts_to_the_named_zone():
    start = datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc)

    text = datetime_range(start, start + datetime.timedelta(hours=2.5), "America/New_York")

    assert text == "Thursday 9 September 2021, 8:00–10:30 am EDT (UTC\u22124)"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((8, 0), (8, 10), "8:00–8:10 am"),
        ((11, 50), (12, 10), "11:50 am – 12:10 pm"),
        ((8, 0), None, "8:00 am"),
    ],
)
def test_time_range_names_the_period_once_when_shared(start, end, expected):
    day = datetime.datetime(2021, 9, 9, tzinfo=NY)
    start_dt = day.replace(hour=start[0], minute=start[1])
    end_dt = day.replace(hour=end[0], minute=end[1]) if end else None

    assert time_range(start_dt, end_dt, "America/New_York") == expected


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, "UTC"), (480, "UTC+8"), (345, "UTC+5:45"), (-180, "UTC\u22123"), (-570, "UTC\u22129:30")],
)
def test_offset_label(minutes, expected):
    assert offset_label(datetime.timedelta(minutes=minutes)) == expected
