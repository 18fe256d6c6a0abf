"""The event form as staff see it in Chromium at 1280 px: it fits the screen, the time zone is
picked by searching a city or country, and the date and time shortcuts speak of the event's
zone, not the server's (the browser here runs in Tokyo, the server in UTC)."""

import datetime
import io
import os
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from events.models import Event

PASSWORD = "pw-admin-form-1"
#: Set to a directory to keep the screenshots (for a person to look at).
SHOTS = os.environ.get("ADMIN_SCREENSHOTS")


@pytest.fixture
def demo_form(browser, live_server, local_http, db):
    """The demo webinar's change form (sessions, seven speakers, eight agenda items), open in
    a 1280 px browser whose clock is in Tokyo, signed in as a superuser."""
    call_command("load_demo", stdout=io.StringIO())
    get_user_model().objects.create_superuser("staff", "staff@example.org", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="Asia/Tokyo")
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    event = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")
    page.goto(live_server.url + reverse("admin:events_event_change", args=[event.pk]))
    yield page
    context.close()


def test_event_form_fits_a_1280_px_screen(demo_form):
    page = demo_form
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "event-form-1280.png"), full_page=True)
    titles = page.locator('#agenda_items-group input[name^="agenda_items-"][name$="-title_en"]')
    assert titles.count() >= 8  # the demo's agenda, and the blank rows
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280


def test_no_server_time_notes_and_now_is_in_the_events_zone(demo_form):
    page = demo_form
    assert page.locator(".datetimeshortcuts").count() > 0  # the shortcuts are there
    assert page.locator(".timezonewarning").count() == 0

    page.select_option("#id_timezone", "Pacific/Kiritimati")  # UTC+14: never Tokyo's date
    page.locator(".field-start .datetimeshortcuts a", has_text="Now").first.click()
    page.locator(".field-start .datetimeshortcuts a", has_text="Today").first.click()
    kiritimati = datetime.datetime.now(zoneinfo.ZoneInfo("Pacific/Kiritimati"))

    day = page.input_value("#id_sessions-0-start_0")
    clock = page.input_value("#id_sessions-0-start_1")
    typed = datetime.datetime.strptime(f"{day} {clock}", "%Y-%m-%d %H:%M:%S")
    assert abs(typed - kiritimati.replace(tzinfo=None, microsecond=0)) < datetime.timedelta(
        minutes=2
    )


def test_time_zone_is_found_by_country(demo_form):
    page = demo_form
    page.click("#id_timezone + .select2")
    page.fill(".select2-search__field", "ukraine")
    options = page.locator(".select2-results__option[role=option]")
    assert [" ".join(t.split()) for t in options.all_text_contents()] == [
        "Kyiv, Ukraine (UTC+2) · Europe/Kyiv",
        "Simferopol, Ukraine (UTC+3) · Europe/Simferopol",
    ]
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "time-zone-search.png"))
    page.keyboard.press("Enter")
    assert page.input_value("#id_timezone") == "Europe/Kyiv"
