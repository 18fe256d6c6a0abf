"""The event page's first view fits one TCP initial window (14 KB) on the wire.

First view = the HTML as the page cache serves it, plus every stylesheet and script it
loads, each compressed as WhiteNoise ships it (gzip level 9 and Brotli); images are lazy and
left out. Fonts are the system's: no font file may be loaded at all.
"""

import gzip
import io
from html.parser import HTMLParser

import brotli
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command

from events.models import Event

BUDGET = 14 * 1024  # bytes


class Subresources(HTMLParser):
    """Collects the URLs a page loads before it can be shown: stylesheets, scripts, fonts."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").split()
        if tag == "link" and ({"stylesheet", "preload", "modulepreload"} & set(rel)):
            self.urls.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])


def static_bytes(url):
    assert url.startswith(settings.STATIC_URL), f"{url} is not a static file"
    path = finders.find(url.removeprefix(settings.STATIC_URL))
    assert path, f"{url} not found"
    with open(path, "rb") as f:
        return f.read()


ENCODINGS = {
    "gzip": lambda b: gzip.compress(b, compresslevel=9),
    "br": lambda b: brotli.compress(b, mode=brotli.MODE_TEXT, quality=11),
}

DECODERS = {"gzip": gzip.decompress, "br": brotli.decompress}


@pytest.mark.parametrize("encoding", ["gzip", "br"])
# Arabic and Chinese take more bytes a character (UTF-8) and the demo is translated there.
@pytest.mark.parametrize("prefix", ["", "/ar", "/zh-hans"], ids=["en", "ar", "zh-hans"])
def test_event_page_first_view_fits_14_kb(client, db, encoding, prefix):
    call_command("load_demo", stdout=io.StringIO())
    event = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")

    response = client.get(prefix + event.get_absolute_url(), HTTP_ACCEPT_ENCODING=encoding)
    html = response.content  # compressed by the page cache
    parser = Subresources()
    parser.feed(DECODERS[encoding](html).decode())
    assets = {url: len(ENCODINGS[encoding](static_bytes(url))) for url in parser.urls}
    total = len(html) + sum(assets.values())

    print(
        f"\nfirst view ({prefix or 'en'}, {encoding}): "
        f"html {len(html)} B + {assets} = {total} B of {BUDGET}"
    )
    assert response["Content-Encoding"] == encoding
    assert sorted(u.rsplit(".", 1)[-1] for u in assets) == ["css", "js"]
    assert total <= BUDGET


def test_stylesheets_use_system_fonts_only():
    css = static_bytes(settings.STATIC_URL + "css/site.css").decode()
    assert "@font-face" not in css
    assert "@import" not in css
