"""Every page type in a real browser, at desktop and phone widths."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import PAGE_TYPES, WIDTHS

page_types = pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
widths = pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())

# axe-core rules for WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Everything a keyboard user can land on, visible or not (the browser skips the invisible).
FOCUSABLE = (
    "a[href], button, input:not([type=hidden]), select, textarea, summary, "
    "[tabindex]:not([tabindex='-1']), [contenteditable='true']"
)
# Elements a keyboard can operate without any script of ours.
NATIVE = re.compile(r"^(a|button|input|select|textarea|summary)$")

MARK_FOCUSABLE = """(selector) => {
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
  };
  const found = [...document.querySelectorAll(selector)].filter((el) => {
    if (el.disabled || el.closest("[hidden], [inert]")) return false;
    // The skip link sits off screen until focused; it is reached all the same.
    return visible(el) || el.classList.contains("skip-link");
  });
  found.forEach((el, i) => el.setAttribute("data-kb", String(i)));
  return found.length;
}"""

FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow && style.boxShadow !== "none";
  const box = el.getBoundingClientRect();
  return {
    kb: el.getAttribute("data-kb"),
    tag: el.tagName.toLowerCase(),
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60),
    indicator: outline || Boolean(ring),
    onScreen: box.bottom > 0 && box.right > 0 && box.left < innerWidth,
  };
}"""


@page_types
@widths
def test_page_loads_without_errors_or_csp_violations(visit, site_pages, page_type, width):
    rendered = visit(site_pages[page_type.name], width)
    # A second visitor gets the page from the page cache, with the headers stored with it.
    cached = visit(site_pages[page_type.name], width)

    assert rendered.response.status == cached.response.status == page_type.status
    assert rendered.problems(page_type.status) == []
    assert cached.problems(page_type.status) == []


@page_types
def test_page_has_no_horizontal_scrolling_on_a_phone(visit, site_pages, page_type):
    page = visit(site_pages[page_type.name], WIDTHS["phone"])

    overflow = page.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    wide = page.page.evaluate(
        """() => [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > innerWidth + 1)
        .map((el) => el.tagName + "." + el.className).slice(0, 5)"""
    )

    assert (overflow, wide) == (0, [])


@page_types
@widths
def test_skip_link_is_first_and_moves_focus_to_main(visit, site_pages, page_type, width):
    page = visit(site_pages[page_type.name], width).page

    page.keyboard.press("Tab")
    first = page.evaluate(FOCUS_STATE)
    page.keyboard.press("Enter")
    target = page.evaluate("() => [document.activeElement.id, location.hash]")
    page.keyboard.press("Tab")
    after = page.evaluate("() => document.activeElement.closest('main') !== null")

    assert first["text"] == "Skip to main content"
    assert first["indicator"] and first["onScreen"]
    assert target == ["content", "#content"]
    assert after, "the next Tab after the skip link should land inside <main>"


@page_types
@widths
def test_every_interactive_element_is_reached_by_keyboard_with_visible_focus(
    visit, site_pages, page_type, width
):
    page = visit(site_pages[page_type.name], width).page
    count = page.evaluate(MARK_FOCUSABLE, FOCUSABLE)

    reached = []
    for _ in range(count + 3):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None or (reached and state["kb"] == reached[0]["kb"]):
            break  # focus left the page or came round again
        reached.append(state)

    assert count > 0
    assert sorted(int(s["kb"]) for s in reached if s["kb"] is not None) == list(range(count))
    assert [s for s in reached if not s["indicator"]] == [], "focus must be visible"
    assert [s for s in reached if not NATIVE.match(s["tag"])] == [], "native controls only"


def test_link_is_followed_with_the_enter_key(visit, site_pages):
    page = visit(site_pages["home"]).page

    page.focus("nav a[href='/speakers/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith("/speakers/")
    assert page.locator("h1").inner_text() == "Speakers"


@page_types
@widths
def test_page_has_no_wcag_a_or_aa_violations(visit, site_pages, page_type, width):
    # axe is injected as a script: CSP is bypassed in this context only.
    page = visit(site_pages[page_type.name], width, bypass_csp=True).page

    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )

    assert results.violations_count == 0, results.generate_report()


READ_CONTENT = """() => {
  // The local-time line, the device-zone option and anything marked data-js-only exist
  // only with scripts; everything else must match.
  const scripted = "[data-local-time], [data-js-only], [data-tz-auto]";
  document.querySelectorAll(scripted).forEach((el) => el.remove());
  const text = document.body.innerText.split(/\\s+/).filter(Boolean).join(" ");
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href"));
  return { text, links };
}"""


@page_types
def test_page_content_and_links_are_the_same_without_javascript(visit, site_pages, page_type):
    with_js = visit(site_pages[page_type.name])
    without_js = visit(site_pages[page_type.name], java_script_enabled=False)

    enhanced = with_js.page.evaluate(READ_CONTENT)
    # With scripts off page.evaluate still runs (in Playwright's own world), reading the DOM.
    plain = without_js.page.evaluate(READ_CONTENT)

    assert enhanced["links"] == plain["links"]
    assert enhanced["text"] == plain["text"]
    assert len(plain["text"]) > 100


@pytest.mark.parametrize(
    ("prefix", "language"),
    [
        ("", "en"),
        ("/fr", "fr"),
        ("/ar", "ar"),
        ("/zh-hans", "zh-hans"),
        ("/ru", "ru"),
        ("/es", "es"),
    ],
)
@pytest.mark.parametrize("locale", ["en-GB", "ar-EG"])
def test_local_time_reads_as_the_server_writes_it(visit, site_pages, prefix, language, locale):
    """The script's line (Intl.DateTimeFormat) equals common.dates for the visitor's zone,
    whatever the browser's own language."""
    from common.dates import datetime_range
    from events.models import Event

    demo = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")
    page = visit(prefix + site_pages["event-past"], timezone_id="Asia/Tokyo", locale=locale).page

    local = page.locator("[data-local-time]")

    assert local.is_visible()
    shown = local.locator("bdi").evaluate("el => el.textContent")
    assert shown == datetime_range(demo.start, demo.end, "Asia/Tokyo", language=language)


def test_local_time_is_absent_without_javascript(visit, site_pages):
    page = visit(site_pages["event-past"], java_script_enabled=False, timezone_id="Asia/Tokyo")

    assert page.page.locator("[data-local-time]").is_hidden()
    assert page.page.locator(".when").evaluate("el => el.textContent") == (
        "Thursday, September 9, 2021, 8:00 – 10:30 AM UTC\u22124"
    )
