"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every page type the site has is listed once in PAGE_TYPES; the tests parametrize over it, so a
new kind of page gets every check by adding one line there (and its data to `site_pages`).

Chromium is /usr/bin/chromium (`make test` installs Debian's package when it is missing;
CHROMIUM overrides the path). No browser is ever downloaded by Playwright.
"""

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

WIDTHS = {"desktop": 1280, "phone": 375}
HEIGHT = 800


@dataclass(frozen=True)
class PageType:
    name: str
    status: int = 200


# The kinds of page a visitor can land on. `site_pages` maps each name to a URL.
PAGE_TYPES = [
    PageType("home"),
    PageType("event-list"),
    PageType("event-past"),
    PageType("event-upcoming"),
    PageType("topic"),
    PageType("world-clock"),
    PageType("time-zone"),
    PageType("filtered-list"),
    PageType("speaker-list"),
    PageType("speaker"),
    PageType("not-found", status=404),
]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if item.path.is_relative_to(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def site_pages(db, make_event, make_speaker, add_speaker):
    """Content for every page type, and {page type name: path}.

    The demo webinar (past, with agenda and speakers) plus an upcoming webinar with a public
    join link, registration, agenda times and materials, and a draft that must never show.
    """
    from events.models import AgendaItem, Event, Material, Topic

    call_command("load_demo", stdout=io.StringIO())
    demo = Event.objects.get()
    topic = Topic.objects.get(slug="digital-government")
    start = (timezone.now() + datetime.timedelta(days=10)).replace(
        hour=13, minute=0, second=0, microsecond=0
    )
    upcoming = make_event(
        title="Open data for local governments",
        summary="How cities publish and use open data.",
        start=start,
        hours=2,
        timezone="Europe/Paris",
        platform="Zoom",
        registration_url="https://example.org/register",
        join_url="https://example.org/join",
        join_url_is_public=True,
        concept_note="Why open data matters for local services.",
        description="Cities share what they learned.",
    )
    upcoming.topics.add(topic)
    speaker = demo.appearances.first().speaker
    add_speaker(upcoming, speaker)
    add_speaker(upcoming, make_speaker(full_name="Ana María Gómez", organization="City of Quito"))
    item = AgendaItem.objects.create(
        event=upcoming, title="Opening", start=start, end=start + datetime.timedelta(minutes=10)
    )
    item.speakers.add(speaker)
    Material.objects.create(
        event=upcoming, title="Concept note", kind="concept-note", url="https://example.org/c.pdf"
    )
    make_event(title="Zebra secret draft", publication=Event.Publication.DRAFT)
    return {
        "home": reverse("home"),
        "event-list": reverse("events:list"),
        "event-past": demo.get_absolute_url(),
        "event-upcoming": upcoming.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "world-clock": reverse("events:world-clock", kwargs={"slug": demo.slug}),
        "time-zone": reverse("timezones:choose"),
        "filtered-list": reverse("events:list") + "?q=Shanghai&topic=digital-government&when=past",
        "speaker-list": reverse("speakers:list"),
        "speaker": speaker.get_absolute_url(),
        "not-found": "/events/no-such-webinar/",
    }


# Recorded in every page before its own scripts run: CSP violations and uncaught errors.
WATCH_SCRIPT = """
window.__problems = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__problems.push("CSP: " + e.violatedDirective + " blocked " + e.blockedURI);
});
"""


class Visit:
    """One page opened in a fresh browser context, with what went wrong while loading it."""

    def __init__(self, browser, url, width, **context_options):
        self.context = browser.new_context(
            viewport={"width": width, "height": HEIGHT}, **context_options
        )
        self.page = self.context.new_page()
        self.errors = []
        self.failed = []
        self.page.on(
            "console",
            lambda message: (
                self.errors.append(f"console {message.type}: {message.text}")
                if message.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on(
            "response",
            lambda response: (
                self.failed.append(f"HTTP {response.status} {response.url}")
                if response.status >= 400
                else None
            ),
        )
        if context_options.get("java_script_enabled", True):
            self.page.add_init_script(WATCH_SCRIPT)
        self.response = self.page.goto(url, wait_until="load")

    def problems(self, expected_status=200):
        """Console errors and warnings, uncaught errors, CSP violations and failed requests
        (list of str). A page expected to answer 404 may do so itself."""
        # Chromium's "Failed to load resource" console line names no URL: failed requests are
        # listed from the responses instead.
        found = [e for e in self.errors if "Failed to load resource" not in e]
        expected = f"HTTP {expected_status} {self.page.url}"
        found += [f for f in self.failed if f != expected]
        return found + self.page.evaluate("window.__problems || []")

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, live_server, local_http):
    """visit(path, width=1280, **context options) -> Visit; contexts are closed afterwards."""
    opened = []

    def open_page(path, width=WIDTHS["desktop"], **options):
        page = Visit(browser, live_server.url + path, width, **options)
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.close()
