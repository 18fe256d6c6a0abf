"""The event's sharing image goes through the photo pipeline (issue 9, item 9): checked by
content, cleaned of metadata, stored under a random name, cropped to 1200×630 for og:image,
twitter:image and JSON-LD; pages without an image use the site's default."""

import io

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from events.models import Event
from tests import sample_files
from tests.html_tags import find_tags

DEFAULT_IMAGE = "http://testserver/static/img/share-default.png"


def _meta(body, key):
    return [
        tag["content"]
        for tag in find_tags(body, "meta")
        if tag.get("property") == key or tag.get("name") == key
    ]


def _with_image(make_event, data, name="photo.jpg", **fields):
    event = make_event(**fields)
    event.image = SimpleUploadedFile(name, data)
    event.full_clean()
    event.save()
    event.refresh_from_db()
    return event


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (sample_files.jpeg_with_orientation_and_gps(), "holiday-in-nyc.pdf"),
        (sample_files.rgba_png(), "logo.png"),
        (sample_files.webp_photo(), "banner.jpeg"),
    ],
    ids=["jpeg-named-pdf", "png", "webp-named-jpeg"],
)
def test_sharing_image_is_cleaned_renamed_and_cropped(client, make_event, data, name):
    event = _with_image(make_event, data, name)

    master = Image.open(default_storage.open(event.image.name))
    card = Image.open(default_storage.open(event.image_rendition))

    assert event.image.name.startswith("events/images/") and event.image.name.endswith(".jpg")
    assert name.rsplit(".", 1)[0] not in event.image.name  # a random token, not the upload's
    assert (master.format, dict(master.getexif()), master.info.get("comment")) == ("JPEG", {}, None)
    assert (card.format, card.size, dict(card.getexif())) == ("JPEG", (1200, 630), {})
    for stored in (event.image.name, event.image_rendition):
        response = client.get(f"/media/{stored}")
        assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")


def test_sharing_rendition_is_in_og_twitter_and_jsonld(client, make_event, jsonld):
    event = _with_image(make_event, sample_files.jpeg_with_orientation_and_gps())
    expected = f"http://testserver/media/{event.image_rendition}"

    body = client.get(event.get_absolute_url()).content.decode()
    (data,) = jsonld(body)

    assert _meta(body, "og:image") == [expected]
    assert _meta(body, "twitter:image") == [expected]
    assert _meta(body, "twitter:card") == ["summary_large_image"]
    assert data["image"] == [expected]
    assert event.image.name not in body  # the master is never what is shared


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (sample_files.HTML_AS_JPEG, "invalid_image"),
        (sample_files.SVG, "invalid_image"),
        (sample_files.gif(), "invalid_image"),
        (sample_files.truncated_jpeg(), "damaged_image"),
        (sample_files.png_header_claiming(50_000, 50_000), "too_many_pixels"),
    ],
    ids=["html", "svg", "gif", "truncated", "bomb"],
)
def test_bad_sharing_images_are_refused_with_a_reason(make_event, data, code):
    event = make_event()
    event.image = SimpleUploadedFile("image.jpg", data)

    with pytest.raises(ValidationError) as refused:
        event.full_clean()

    assert [e.code for e in refused.value.error_dict["image"]] == [code]


def test_sharing_image_over_the_size_limit_is_refused(make_event, settings):
    settings.PHOTO_UPLOAD_MAX_BYTES = 1000
    event = make_event()
    event.image = SimpleUploadedFile("big.jpg", sample_files.jpeg_with_orientation_and_gps())

    with pytest.raises(ValidationError) as refused:
        event.full_clean()

    assert [e.code for e in refused.value.error_dict["image"]] == ["file_too_large"]


def test_replacing_or_clearing_the_image_deletes_the_old_files(
    make_event, django_capture_on_commit_callbacks
):
    event = _with_image(make_event, sample_files.webp_photo())
    first = [event.image.name, event.image_rendition]

    with django_capture_on_commit_callbacks(execute=True):
        event.image = SimpleUploadedFile("new.png", sample_files.rgba_png())
        event.save()
    second = [event.image.name, event.image_rendition]
    with django_capture_on_commit_callbacks(execute=True):
        event.image = None
        event.save()
    event.refresh_from_db()

    assert [default_storage.exists(name) for name in first + second] == [False] * 4
    assert (event.image.name or "", event.image_rendition) == ("", "")


def test_pages_without_an_image_share_the_site_default(
    client, make_event, make_speaker, add_speaker, jsonld
):
    event = make_event()
    speaker = make_speaker()
    add_speaker(event, speaker)

    pages = [event.get_absolute_url(), speaker.get_absolute_url(), "/", "/events/"]
    bodies = [client.get(url).content.decode() for url in pages]
    (event_data,) = jsonld(bodies[0])

    assert [_meta(body, "og:image") for body in bodies] == [[DEFAULT_IMAGE]] * 4
    assert event_data["image"] == [DEFAULT_IMAGE]
    image = Image.open(finders.find("img/share-default.png"))
    assert (image.format, image.size) == ("PNG", (1200, 630))


def test_regenerate_sharing_images_cleans_rows_stored_before_the_pipeline(
    client, make_event, django_capture_on_commit_callbacks
):
    """Old rows kept the upload as it came (a PNG name /media/ does not serve, GPS data)
    and have no rendition: the command gives them both."""
    old_name = default_storage.save("events/images/logo.png", io.BytesIO(sample_files.rgba_png()))
    event = make_event()
    Event.objects.filter(pk=event.pk).update(image=old_name)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("regenerate_sharing_images", stdout=io.StringIO())
    event.refresh_from_db()

    assert event.image.name.endswith(".jpg") and event.image_rendition
    assert not default_storage.exists(old_name)
    body = client.get(event.get_absolute_url()).content.decode()
    assert _meta(body, "og:image") == [f"http://testserver/media/{event.image_rendition}"]
    assert client.get(f"/media/{event.image_rendition}").status_code == 200
