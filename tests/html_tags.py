"""Read rendered HTML as a browser would, for assertions on elements instead of substrings.

    page = parse_html(response.content)
    page.select_one("h1").get_text()      # Beautiful Soup Tags, CSS selectors (soupsieve)
    texts(page, ".speaker-list li h3")    # ["Ms. Zhu Lin", ...], whitespace collapsed
    one(page, "a.button")["href"]         # exactly one match, or the test fails

`find_tags(body, "img")` gives each <img>'s attributes (a dict, plus "tag").
"""

from bs4 import BeautifulSoup


def parse_html(body):
    """The document (bs4.BeautifulSoup) for `body` (bytes or str), parsed by html.parser."""
    if isinstance(body, bytes):
        body = body.decode()
    return BeautifulSoup(body, "html.parser")


def _root(page):
    return page if hasattr(page, "select") else parse_html(page)


def text(tag):
    """The text of `tag` with runs of whitespace collapsed to one space and trimmed."""
    return " ".join(tag.get_text(" ").split())


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


def find_tags(body, *names):
    """The attributes (a dict, plus "tag") of every start tag in `names`, in document order."""
    return [
        {
            "tag": tag.name,
            **{k: " ".join(v) if isinstance(v, list) else v for k, v in tag.attrs.items()},
        }
        for tag in _root(body).find_all(list(names))
    ]
