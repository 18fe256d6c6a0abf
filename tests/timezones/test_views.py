"""The visitor's time zone: a plain form and a cookie, no JavaScript needed."""

import datetime

import pytest
from django.urls import reverse

from timezones.zones import COOKIE_NAME

UTC = datetime.timezone.utc


@pytest.fixture
def seed_like(make_event):
    return make_event(
        title="Cities and data",
        start=datetime.datetime(2021, 9, 9, 12, 0, tzinfo=UTC),
        hours=2.5,
        timezone="America/New_York",
    )


def test_choosing_a_zone_sets_the_cookie_and_goes_back(client, db):
    response = client.get(
        reverse("timezones:choose"), {"tz": "Asia/Shanghai", "next": "/events/?topic=x"}
    )
    cookie = response.cookies[COOKIE_NAME]
    assert (response.status_code, response["Location"]) == (302, "/events/?topic=x")
    assert cookie.value == "Asia/Shanghai"
    assert (cookie["samesite"], cookie["httponly"], cookie["max-age"]) == (
        "Lax",
        True,
        365 * 24 * 3600,
    )


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]
)
def test_choosing_a_zone_never_redirects_off_site(client, db, target):
    response = client.get(reverse("timezones:choose"), {"tz": "UTC", "next": target})
    assert (response.status_code, response["Location"]) == (302, "/")


@pytest.mark.parametrize(
    "bad", ["Mars/Olympus_Mons", "Asia/Shanghai; Path=/admin", "x" * 300, "localtime", "Factory"]
)
def test_unknown_zone_gets_an_error_and_sets_nothing(client, db, bad):
    client.cookies[COOKIE_NAME] = "Europe/Zurich"
    response = client.get(reverse("timezones:choose"), {"tz": bad, "next": "/"})
    assert response.status_code == 400
    assert "is not a time zone we know" in response.content.decode()
    assert COOKIE_NAME not in response.cookies


def test_empty_choice_forgets_the_zone(client, db):
    client.cookies[COOKIE_NAME] = "Asia/Shanghai"
    response = client.get(reverse("timezones:choose"), {"tz": "", "next": "/events/"})
    assert (response.status_code, response["Location"]) == (302, "/events/")
    assert response.cookies[COOKIE_NAME]["max-age"] == 0


def test_full_list_page_offers_every_region_and_preselects_the_choice(client, db):
    client.cookies[COOKIE_NAME] = "Pacific/Funafuti"
    body = client.get(reverse("timezones:choose"), {"next": "/events/"}).content.decode()
    assert '<optgroup label="Pacific Ocean">' in body
    assert '<option value="Pacific/Funafuti" selected>' in body
    assert '<input type="hidden" name="next" value="/events/">' in body


@pytest.mark.parametrize("url", ["/", "/events/", "/speakers/", "/time-zone/"])
def test_every_page_has_the_zone_form_without_javascript(client, db, url):
    response = client.get(url)
    body = response.content.decode()
    assert '<form class="tz-form" id="time-zone" method="get" action="/time-zone/"' in body
    assert f'<input type="hidden" name="next" value="{url}">' in body
    assert '<option value="Asia/Kathmandu">(UTC+5:45) Kathmandu</option>' in body
    assert "Cookie" in response["Vary"]


def test_event_page_shows_the_chosen_zone_beside_the_organisers(client, seed_like):
    # The full no-JavaScript round trip: submit the form, follow the redirect.
    response = client.get(
        reverse("timezones:choose"),
        {"tz": "Asia/Shanghai", "next": seed_like.get_absolute_url()},
        follow=True,
    )
    body = response.content.decode()

    assert "Thursday, September 9, 2021, 8:00 – 10:30 AM UTC\u22124" in body
    assert (
        "In your time zone (Shanghai): <bdi>Thursday, September 9, 2021, "
        "8:00 – 10:30 PM UTC+8</bdi>" in body
    )
    assert '<option value="Asia/Shanghai" selected>' in body
    assert "data-local-time" not in body  # the script has nothing left to do


def test_zone_without_abbreviation_shows_utc_offset(client, seed_like):
    client.cookies[COOKIE_NAME] = "Asia/Kathmandu"
    body = client.get(seed_like.get_absolute_url()).content.decode()
    expected = "Thursday, September 9, 2021, 5:45 – 8:15 PM UTC+5:45"
    assert f"In your time zone (Kathmandu): <bdi>{expected}</bdi>" in body


def test_chosen_zone_outside_the_short_list_still_shows_as_selected(client, db):
    client.cookies[COOKIE_NAME] = "Pacific/Funafuti"
    body = client.get("/").content.decode()
    assert '<option value="Pacific/Funafuti" selected>(UTC+12) Funafuti</option>' in body


def test_without_a_choice_the_page_leaves_the_visitor_zone_to_the_script(client, seed_like):
    body = client.get(seed_like.get_absolute_url()).content.decode()
    assert "In your time zone" not in body
    assert 'data-local-time data-start="2021-09-09T12:00:00+00:00"' in body


def test_a_forged_cookie_is_ignored(client, seed_like):
    client.cookies[COOKIE_NAME] = "<script>alert(1)</script>"
    body = client.get(seed_like.get_absolute_url()).content.decode()
    assert "In your time zone" not in body
    assert "<script>alert(1)" not in body


def test_world_clock_table_has_major_zones_the_organisers_and_the_visitors(client, seed_like):
    client.cookies[COOKIE_NAME] = "Asia/Kathmandu"
    response = client.get(reverse("events:world-clock", kwargs={"slug": seed_like.slug}))
    rows = {row["name"]: row for row in response.context["rows"]}
    body = response.content.decode()

    def local(name):
        row = rows[name]
        return row["start"].strftime("%a %d %H:%M"), row["end"].strftime("%H:%M")

    assert local("America/New_York") == ("Thu 09 08:00", "10:30")
    assert local("Europe/Zurich") == ("Thu 09 14:00", "16:30")
    assert local("Asia/Shanghai") == ("Thu 09 20:00", "22:30")
    assert local("Pacific/Apia") == ("Fri 10 01:00", "03:30")
    assert local("Asia/Kathmandu") == ("Thu 09 17:45", "20:15")
    assert rows["America/New_York"]["mark"] == "Organiser"
    assert rows["Asia/Kathmandu"]["mark"] == "Your time zone"
    assert '<time datetime="2021-09-09T20:00:00+08:00">8:00 – 10:30 PM</time>' in body
    assert '<th scope="row">Shanghai<span class="zone-id" dir="ltr">UTC+8</span></th>' in body
    assert "(next day)" in body


def test_event_page_links_to_the_world_clock(client, seed_like):
    body = client.get(seed_like.get_absolute_url()).content.decode()
    assert f'href="/events/{seed_like.slug}/world-clock/"' in body


def test_chosen_zone_where_the_event_crosses_midnight_names_both_days(client, seed_like):
    client.cookies[COOKIE_NAME] = "Australia/Sydney"
    body = client.get(seed_like.get_absolute_url()).content.decode()
    expected = (
        "Thursday, September 9, 2021, 10:00 PM UTC+10 – Friday, September 10, 2021, 12:30 AM UTC+10"
    )
    assert f"In your time zone (Sydney): <bdi>{expected}</bdi>" in body
