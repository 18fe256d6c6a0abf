"""The pages and the Django admin work in a real browser under the strict CSP.

Headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) signs in through the
admin's form, opens the public pages and the admin's pages, uses the admin's widgets
(calendar, inline rows, autocomplete, the topic chooser) and records every CSP violation
the browser reports. Skipped, saying why, where Chromium is not installed.
"""

import os
import shutil

import pytest

from events.models import AgendaItem, Material

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason="needs Debian's chromium (apt-get install chromium)"
    ),
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " +
    e.sourceFile + ":" + e.lineNumber + " sample=" + e.sample);
});
"""


@pytest.fixture
def browser_page(http_server, browser):
    """A Chromium page that records CSP violations; yields (page, console messages).

    Request it after the fixtures that write to the database: Playwright runs an event loop
    in this thread, and the ORM must not be used inside it."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda m: console.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.set_default_timeout(15000)
    yield page, console
    context.close()


def _violations(page, console):
    return page.evaluate("window.__cspViolations") + console


@pytest.fixture
def site_content(make_event, make_speaker, add_speaker, topic):
    speaker = make_speaker(bio="Leads **digital** work. [Profile](https://example.org/p)")
    event = make_event(
        title="Data for cities",
        slug="data-for-cities",
        description="# Why\nCities *decide*.\n\n- one\n- two",
        registration_url="https://example.org/register",
    )
    event.topics.add(topic)
    add_speaker(event, speaker)
    item = AgendaItem.objects.create(event=event, title="Opening", description="*Short*")
    item.speakers.add(speaker)
    Material.objects.create(event=event, title="Slides", url="https://example.org/s.pdf")
    return event, speaker, topic.get_absolute_url()


def test_public_pages_report_no_csp_violation(site_content, http_server, browser_page):
    page, console = browser_page
    event, speaker, topic_path = site_content
    paths = ["/", "/events/", event.get_absolute_url(), "/speakers/", speaker.get_absolute_url()]
    paths += [topic_path, "/events/no-such-webinar/"]

    seen = {}
    for path in paths:
        response = page.goto(http_server.url + path)
        seen[path] = (response.status, _violations(page, console))
        console.clear()

    assert seen[event.get_absolute_url()][0] == 200
    assert page.goto(http_server.url + event.get_absolute_url()) is not None
    assert page.locator("[data-local-time]").is_visible()  # site.js ran under the CSP
    assert {path: v for path, (status, v) in seen.items() if v} == {}


def test_admin_works_under_csp(site_content, admin_user, http_server, browser_page):
    page, console = browser_page
    event, speaker, _ = site_content
    base = http_server.url

    page.goto(base + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(base + "/admin/")
    violations = {"login": _violations(page, console)}

    for path in [
        "/admin/",
        "/admin/events/event/",
        "/admin/events/event/?q=cities",
        f"/admin/events/event/{event.pk}/change/",
        "/admin/speakers/speaker/",
        f"/admin/speakers/speaker/{speaker.pk}/change/",
        "/admin/events/topic/add/",
        "/admin/auth/group/",
    ]:
        console.clear()
        page.goto(base + path)
        violations[path] = _violations(page, console)

    # The add form with its widgets in use.
    console.clear()
    page.goto(base + "/admin/events/event/add/")
    page.locator("#id_title_en").press_sequentially("A new webinar")
    assert page.input_value("#id_slug") == "a-new-webinar"  # prepopulated_fields (JS)
    page.click("#calendarlink0")  # the date picker
    assert page.locator("#calendarbox0").is_visible()
    page.keyboard.press("Escape")
    agenda_rows = page.locator("#agenda_items-group div.inline-related")  # stacked inline
    rows_before = agenda_rows.count()
    page.click("#agenda_items-group .add-row a")  # "Add another agenda item"
    assert agenda_rows.count() == rows_before + 1
    page.click("#appearances-0 .select2-selection")  # speaker autocomplete
    # Waits for the answer from the admin's autocomplete view (fails after the timeout).
    page.locator(".select2-results__option", has_text=speaker.full_name).wait_for()
    page.keyboard.press("Escape")
    page.click("#id_topics_add_all")  # filter_horizontal "Choose all"
    violations["add form"] = _violations(page, console)

    assert {where: v for where, v in violations.items() if v} == {}
