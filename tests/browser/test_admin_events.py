"""Events of each kind entered through the admin in Chromium, as staff do, then read on
their public page: several sessions, dates only, an end not announced, in person with an
address. (Organisers and agenda speakers use autocomplete widgets: tests/events/test_admin.py
posts them.)"""

import pytest
from django.contrib.auth import get_user_model

from events.models import Event

PASSWORD = "pw-admin-browser-1"


@pytest.fixture
def signed_in(browser, live_server, local_http, db):
    """A Playwright page signed in to the admin as a superuser."""
    get_user_model().objects.create_superuser("staff", "staff@example.org", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "staff")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    yield page
    context.close()


def _new_event(page, url, title, kind, zone="America/New_York"):
    page.goto(url + "/admin/events/event/add/")
    page.fill("#id_title_en", title)
    page.select_option("#id_kind", kind)
    page.fill("#id_summary_en", f"{title}: a summary.")
    page.select_option("#id_timezone", zone)
    page.select_option("#id_publication", "published")


def _save_and_open(page, url, slug):
    page.click("input[name=_save]")
    page.wait_for_load_state()
    # A form sent back names its fields' errors (clearer than a timeout below).
    errors = page.eval_on_selector_all(
        "ul.errorlist",
        "lists => lists.map(l => [l.closest('[class*=field-]')?.className, l.textContent.trim()])",
    )
    assert errors == [], errors
    page.wait_for_url("**/admin/events/event/")
    page.goto(f"{url}/events/{slug}/")
    return page


def _text(page, selector):
    return " ".join(page.locator(selector).first.text_content().split())


def test_workshop_of_several_sessions(signed_in, live_server):
    page, url = signed_in, live_server.url
    _new_event(page, url, "Workshop on open data", "workshop")
    page.fill("#id_sessions-0-start_0", "2027-01-26")
    page.fill("#id_sessions-0-start_1", "08:00")
    page.fill("#id_sessions-0-end_0", "2027-01-26")
    page.fill("#id_sessions-0-end_1", "11:00")
    page.click("#sessions-group .add-row a")
    page.fill("#id_sessions-1-start_0", "2027-02-04")
    page.fill("#id_sessions-1-start_1", "08:00")
    page.fill("#id_sessions-1-end_0", "2027-02-04")
    page.fill("#id_sessions-1-end_1", "11:00")
    _save_and_open(page, url, "workshop-on-open-data")

    assert _text(page, ".eyebrow") == "Workshop"
    assert _text(page, "p.when") == "Jan 26 – Feb 4, 2027, 2 sessions"
    assert page.locator("ol.sessions li").count() == 2
    assert Event.objects.get(slug="workshop-on-open-data").sessions.count() == 2


def test_in_person_forum_known_by_its_dates(signed_in, live_server):
    page, url = signed_in, live_server.url
    _new_event(page, url, "Forum in Geneva", "forum", zone="Europe/Zurich")
    page.fill("#id_sessions-0-start_date", "2027-10-03")
    page.fill("#id_sessions-0-end_date", "2027-10-06")
    page.select_option("#id_attendance_mode", "OfflineEventAttendanceMode")
    page.fill("#id_venue_en", "Palais des Nations")
    page.fill("#id_address_locality_en", "Geneva")
    page.fill("#id_address_country_en", "Switzerland")
    _save_and_open(page, url, "forum-in-geneva")

    assert _text(page, ".eyebrow") == "Forum"
    assert _text(page, "p.when") == "Oct 3 – 6, 2027"
    assert _text(page, "p.venue") == "Palais des Nations, Geneva, Switzerland"
    assert page.locator("[data-local-time]").count() == 0


def test_launch_whose_end_was_not_announced(signed_in, live_server):
    page, url = signed_in, live_server.url
    _new_event(page, url, "Launch of a report", "launch")
    page.fill("#id_sessions-0-start_0", "2027-03-09")
    page.fill("#id_sessions-0-start_1", "09:00")
    _save_and_open(page, url, "launch-of-a-report")

    assert _text(page, ".eyebrow") == "Launch"
    assert _text(page, "p.when") == "Tuesday, March 9, 2027, from 9:00 AM UTC−5"
