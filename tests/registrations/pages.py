"""Text of elements in rendered HTML, parsed (not substrings of the markup)."""

from html.parser import HTMLParser

VOID = {"br", "hr", "img", "input", "link", "meta", "source", "wbr", "col", "area", "base"}


class _Texts(HTMLParser):
    def __init__(self, tag, attrs):
        super().__init__()
        self.tag, self.attrs = tag, attrs
        self.found, self.depth = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        if self.depth:
            self.depth += 1
        elif tag == self.tag and all(dict(attrs).get(k) == v for k, v in self.attrs.items()):
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


def texts(body, tag, **attrs):
    """The text (whitespace collapsed) of every `tag` element whose attributes include
    `attrs` (use class_ for class), in document order."""
    attrs = {k.rstrip("_"): v for k, v in attrs.items()}
    parser = _Texts(tag, attrs)
    parser.feed(body if isinstance(body, str) else body.decode())
    return [" ".join(t.split()) for t in parser.found]
