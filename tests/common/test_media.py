"""Serving uploads from MEDIA_ROOT (settings.SERVE_MEDIA): types, cache headers, refusals."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.http import http_date

from events.models import Material
from tests import sample_files as sf


@pytest.fixture
def speaker(make_speaker):
    return make_speaker(photo=SimpleUploadedFile("p.jpg", sf.encode(sf.portrait(300, 300), "JPEG")))


def test_renditions_are_served_with_a_year_of_caching(client, speaker):
    entry = speaker.photo_renditions[0]
    for key, content_type in (("webp", "image/webp"), ("jpeg", "image/jpeg")):
        response = client.get(default_storage.url(entry[key]))
        with default_storage.open(entry[key], "rb") as stored:
            assert b"".join(response.streaming_content) == stored.read()
        assert (response["Content-Type"], response["Cache-Control"]) == (
            content_type,
            "public, max-age=31536000, immutable",
        )
        assert response["X-Content-Type-Options"] == "nosniff"


def test_documents_are_served_with_their_type_and_a_day_of_caching(client, make_event):
    material = Material.objects.create(
        event=make_event(), title="Agenda", file=SimpleUploadedFile("a.pdf", sf.minimal_pdf())
    )
    response = client.get(material.file.url)
    assert b"".join(response.streaming_content) == sf.minimal_pdf()
    assert (response["Content-Type"], response["Cache-Control"], response["Content-Length"]) == (
        "application/pdf",
        "public, max-age=86400",
        str(len(sf.minimal_pdf())),
    )


def test_unchanged_media_answers_304(client, speaker):
    url = default_storage.url(speaker.photo_renditions[0]["webp"])
    response = client.get(url, HTTP_IF_MODIFIED_SINCE=http_date())
    assert response.status_code == 304


@pytest.mark.parametrize(
    "name",
    ["page.html", "drawing.svg", "script.js", "notes.txt", "upload.png", "noextension"],
)
def test_file_types_that_uploads_never_produce_are_not_served(client, db, name):
    stored = default_storage.save(name, ContentFile(b"<script>alert(1)</script>"))
    response = client.get(default_storage.url(stored))
    assert response.status_code == 404
    assert b"alert(1)" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/media/../webinar_site/settings.py",
        "/media/%2e%2e/manage.pdf",
        "/media/missing.pdf",
        "/media/speakers/",
    ],
)
def test_paths_outside_media_root_or_missing_are_404(client, db, path):
    assert client.get(path).status_code == 404
