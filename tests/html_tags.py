"""Read tags out of rendered HTML: `find_tags(body, "img")` gives each <img>'s attributes."""

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self, names):
        super().__init__()
        self.names = names
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in self.names:
            self.found.append({"tag": tag, **dict(attrs)})


def find_tags(body, *names):
    """The attributes (a dict, plus "tag") of every start tag in `names`, in document order."""
    collector = _Collector(names)
    collector.feed(body)
    return collector.found
