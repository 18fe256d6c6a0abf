"""Read rendered HTML as a browser would, for assertions on elements instead of substrings.

    page = parse_html(response.content)
    page.select_one("h1").get_text()      # Beautiful Soup Tags, CSS selectors (soupsieve)
    texts(page, ".speaker-list li h3")    # ["Ms. Zhu Lin", ...], whitespace collapsed
    one(page, "a.button")["href"]         # exactly one match, or the test fails

`find_tags(body, "img")` gives each <img>'s attributes (a dict, plus "tag").
"""

import re

from bs4 import BeautifulSoup

# HTML's own whitespace; a no-break space (U+00A0) is text and is kept.
_SPACES = re.compile(r"[ \t\n\r\f]+")


def parse_html(body):
    """The document (bs4.BeautifulSoup) for `body` (bytes or str), parsed by html.parser."""
    if isinstance(body, bytes):
        body = body.decode()
    return BeautifulSoup(body, "html.parser")


def _root(page):
    return page if hasattr(page, "select") else parse_html(page)


def text(tag):
    """The text of `tag` with runs of HTML whitespace collapsed to one space and trimmed
    (no-break spaces stay)."""
    return _SPACES.sub(" ", tag.get_text(" ")).strip(" ")


def texts(page, selector):
    """text() of every element matching the CSS `selector`, in document order. `page` is a
    parsed document or the HTML itself."""
    return [text(tag) for tag in _root(page).select(selector)]


def one(page, selector):
    """The single element matching the CSS `selector`; AssertionError with the count if
    there are none or several."""
    found = _root(page).select(selector)
    assert len(found) == 1, f"{len(found)} elements match {selector!r}"
    return found[0]


def meta_tags(page):
    """{name or property: content} of the <meta> tags of `page` ("og:title", "description"),
    plus "canonical": the href of <link rel="canonical"> when there is one."""
    root = _root(page)
    tags = {
        tag.get("name") or tag.get("property"): tag.get("content")
        for tag in root.select("meta[content]")
        if tag.get("name") or tag.get("property")
    }
    canonical = root.select_one('link[rel="canonical"]')
    if canonical is not None:
        tags["canonical"] = canonical["href"]
    return tags


def find_tags(body, *names):
    """The attributes (a dict, plus "tag") of every start tag in `names`, in document order."""
    return [
        {
            "tag": tag.name,
            **{k: " ".join(v) if isinstance(v, list) else v for k, v in tag.attrs.items()},
        }
        for tag in _root(body).find_all(list(names))
    ]
