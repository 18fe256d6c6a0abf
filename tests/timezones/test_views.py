"""The visitor's time zone: a plain form and a cookie, no JavaScript needed."""

import datetime

import pytest
from django.urls import reverse

from tests.html_tags import one, parse_html, text, texts
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
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "",
        "foo",
        "events:list",
        "\ufffd",
        "?x=1",
    ],
)
def test_choosing_a_zone_never_redirects_off_site(client, db, target):
    response = client.get(reverse("timezones:choose"), {"tz": "UTC", "next": target})
    assert (response.status_code, response["Location"]) == (302, "/")


@pytest.mark.parametrize(
    "query", ["tz=UTC&next=foo", "tz=UTC&next=%ff", "tz=&next=x", "next=%ff", "tz=UTC&next=%0a/x"]
)
def test_a_next_that_is_not_a_local_path_goes_home(client, db, query):
    """A `next` that is a word or a broken encoding was read as a view name: a 500."""
    response = client.get(f"{reverse('timezones:choose')}?{query}")
    if "tz=" in query:
        assert (response.status_code, response["Location"]) == (302, "/")
    else:  # the full list, whose form sends the visitor home afterwards
        assert response.status_code == 200
        assert response.context["next"] == "/"


@pytest.mark.parametrize(
    "bad", ["Mars/Olympus_Mons", "Asia/Shanghai; Path=/admin", "x" * 300, "localtime", "Factory"]
)
def test_unknown_zone_gets_an_error_and_sets_nothing(client, db, bad):
    client.cookies[COOKIE_NAME] = "Europe/Zurich"
    response = client.get(reverse("timezones:choose"), {"tz": bad, "next": "/"})
    assert response.status_code == 400
    assert any(
        "is not a time zone we know" in t for t in texts(response.content, "main p, main li")
    )
    assert COOKIE_NAME not in response.cookies


def test_empty_choice_forgets_the_zone(client, db):
    client.cookies[COOKIE_NAME] = "Asia/Shanghai"
    response = client.get(reverse("timezones:choose"), {"tz": "", "next": "/events/"})
    assert (response.status_code, response["Location"]) == (302, "/events/")
    assert response.cookies[COOKIE_NAME]["max-age"] == 0


def test_full_list_page_offers_every_region_and_preselects_the_choice(client, db):
    client.cookies[COOKIE_NAME] = "Pacific/Funafuti"
    form = one(client.get(reverse("timezones:choose"), {"next": "/events/"}).content, ".tz-choose")
    assert "Pacific Ocean" in [group["label"] for group in form("optgroup")]
    assert [o["value"] for o in form.select("#tz-all option[selected]")] == ["Pacific/Funafuti"]
    assert one(form, 'input[type="hidden"][name="next"]')["value"] == "/events/"


@pytest.mark.parametrize("url", ["/", "/events/", "/speakers/", "/time-zone/"])
def test_every_page_has_the_zone_form_without_javascript(client, db, url):
    response = client.get(url)
    form = one(response.content, "form#time-zone")
    assert (form["method"], form["action"]) == ("get", "/time-zone/")
    assert one(form, 'input[type="hidden"][name="next"]')["value"] == url
    assert text(one(form, 'option[value="Asia/Kathmandu"]')) == "(UTC+5:45) Kathmandu"
    assert "Cookie" in response["Vary"]


def test_event_page_shows_the_chosen_zone_beside_the_organisers(client, seed_like):
    # The full no-JavaScript round trip: submit the form, follow the redirect.
    response = client.get(
        reverse("timezones:choose"),
        {"tz": "Asia/Shanghai", "next": seed_like.get_absolute_url()},
        follow=True,
    )
    page = parse_html(response.content)

    assert text(one(page, ".event-header .when")) == (
        "Thursday, September 9, 2021, 8:00 – 10:30 AM UTC\u22124"
    )
    assert texts(page, ".local-time") == [
        "In your time zone (Shanghai): Thursday, September 9, 2021, 8:00 – 10:30 PM UTC+8"
    ]
    assert [o["value"] for o in page.select("#tz-select option[selected]")] == ["Asia/Shanghai"]
    assert page.select("[data-local-time]") == []  # the script has nothing left to do


def test_zone_without_abbreviation_shows_utc_offset(client, seed_like):
    client.cookies[COOKIE_NAME] = "Asia/Kathmandu"
    response = client.get(seed_like.get_absolute_url())
    expected = "Thursday, September 9, 2021, 5:45 – 8:15 PM UTC+5:45"
    assert texts(response.content, ".local-time") == [f"In your time zone (Kathmandu): {expected}"]


def test_chosen_zone_outside_the_short_list_still_shows_as_selected(client, db):
    client.cookies[COOKIE_NAME] = "Pacific/Funafuti"
    response = client.get("/")
    assert texts(response.content, "#tz-select option[selected]") == ["(UTC+12) Funafuti"]
    assert one(response.content, "#tz-select option[selected]")["value"] == "Pacific/Funafuti"


def test_without_a_choice_the_page_leaves_the_visitor_zone_to_the_script(client, seed_like):
    body = client.get(seed_like.get_absolute_url()).content.decode()
    assert "In your time zone" not in body
    placeholder = one(body, "p.local-time")
    assert (placeholder["data-start"], placeholder.has_attr("hidden")) == (
        "2021-09-09T12:00:00+00:00",
        True,
    )


def test_a_forged_cookie_is_ignored(client, seed_like):
    client.cookies[COOKIE_NAME] = "<script>alert(1)</script>"
    body = client.get(seed_like.get_absolute_url()).content.decode()
    assert "In your time zone" not in body
    assert "<script>alert(1)" not in body


def test_world_clock_table_has_major_zones_the_organisers_and_the_visitors(client, seed_like):
    client.cookies[COOKIE_NAME] = "Asia/Kathmandu"
    response = client.get(reverse("events:world-clock", kwargs={"slug": seed_like.slug}))
    rows = {row["name"]: row for row in response.context["tables"][0][1]}
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
    shanghai = next(tr for tr in parse_html(body).select("tbody tr") if "Shanghai" in text(tr))
    assert text(shanghai.select_one("th")) == "Shanghai UTC+8"  # a city, not "Asia/Shanghai"
    times = [(t["datetime"], text(t)) for t in shanghai("time")]
    assert times == [("2021-09-09T20:00:00+08:00", "8:00 – 10:30 PM")]
    assert "(next day)" in texts(body, "tbody .day-shift")


def test_event_page_links_to_the_world_clock(client, seed_like):
    links = one(client.get(seed_like.get_absolute_url()).content, ".time-links")("a")
    assert (text(links[0]), links[0]["href"]) == (
        "This time around the world",
        f"/events/{seed_like.slug}/world-clock/",
    )


def test_chosen_zone_where_the_event_crosses_midnight_names_both_days(client, seed_like):
    client.cookies[COOKIE_NAME] = "Australia/Sydney"
    response = client.get(seed_like.get_absolute_url())
    expected = (
        "Thursday, September 9, 2021, 10:00 PM UTC+10 – Friday, September 10, 2021, 12:30 AM UTC+10"
    )
    assert texts(response.content, ".local-time") == [f"In your time zone (Sydney): {expected}"]
