import gzip
import re

import brotli
import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

YEAR = 365 * 24 * 3600


@pytest.fixture
def collected(settings, tmp_path):
    """The site's own static files collected as in production (admin files left out)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", "--ignore=admin", verbosity=0)
    return settings.STATIC_ROOT


@pytest.mark.parametrize("name", ["css/site.css", "js/site.js"])
@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [("gzip, deflate, br", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress)],
)
def test_static_file_is_hashed_compressed_and_cached_for_a_year(
    collected, name, accept, encoding, decode
):
    url = staticfiles_storage.url(name)
    whitenoise = WhiteNoiseMiddleware(lambda request: HttpResponseNotFound())

    response = whitenoise(RequestFactory().get(url, HTTP_ACCEPT_ENCODING=accept))

    stem, suffix = name.rsplit(".", 1)
    assert re.fullmatch(rf"/static/{stem}\.[0-9a-f]{{12}}\.{suffix}", url)
    assert response["Content-Encoding"] == encoding
    directives = [d.strip() for d in response["Cache-Control"].split(",")]
    assert int(directives[0].removeprefix("max-age=")) >= YEAR
    assert directives[1:] == ["public", "immutable"]
    body = b"".join(response.streaming_content)
    assert decode(body) == (collected / url.removeprefix("/static/")).read_bytes()
