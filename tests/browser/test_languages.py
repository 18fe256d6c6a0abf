"""Every page type in Arabic (right to left) and Chinese, once each, on a phone: the layout
holds (no horizontal scrolling, nothing past either edge), axe finds no WCAG A/AA violation,
and no font file is downloaded."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import PAGE_TYPES, WIDTHS
from .test_pages import WCAG_TAGS

LANGUAGES = [("ar", "rtl"), ("zh-hans", "ltr")]

# Elements sticking out past either side of the viewport (an RTL layout breaks on the left).
OUTSIDE = """() => [...document.querySelectorAll("body *")]
  .filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > innerWidth + 1 || box.left < -1);
  })
  .map((el) => el.tagName + "." + el.className).slice(0, 5)"""


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda p: p.name)
@pytest.mark.parametrize(("language", "direction"), LANGUAGES, ids=[c for c, _d in LANGUAGES])
def test_page_in_arabic_and_chinese_on_a_phone(visit, site_pages, page_type, language, direction):
    fonts = []
    rendered = visit(f"/{language}{site_pages[page_type.name]}", WIDTHS["phone"], bypass_csp=True)
    page = rendered.page
    page.on("request", lambda r: fonts.append(r.url) if r.resource_type == "font" else None)
    page.reload(wait_until="load")

    assert rendered.response.status == page_type.status
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        language,
        direction,
    ]
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert (overflow, page.evaluate(OUTSIDE)) == (0, [])
    assert fonts == []
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    assert results.violations_count == 0, results.generate_report()
