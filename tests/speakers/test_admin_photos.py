"""Uploading speaker photos in the admin: a clear error on the form, or clean renditions."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from speakers import photos
from speakers.models import Speaker
from tests import sample_files as sf
from tests.html_tags import one, parse_html, texts


def speaker_post(photo=None, **overrides):
    data = {
        "full_name": "Zhu Lin",
        "sort_name": "",
        "slug": "",
        "honorific": "Mrs.",
        "job_title_en": "",
        "organization_en": "",
        "bio_en": "",
        "links-TOTAL_FORMS": "0",
        "links-INITIAL_FORMS": "0",
    }
    if photo is not None:
        data["photo"] = photo
    data.update(overrides)
    return data


BAD_PHOTOS = [
    pytest.param(sf.HTML_AS_JPEG, "photo.jpg", "not a JPEG, PNG or WebP image", id="html"),
    pytest.param(sf.SVG, "photo.svg", "not a JPEG, PNG or WebP image", id="svg"),
    pytest.param(sf.truncated_jpeg(), "photo.jpg", "damaged or incomplete", id="truncated"),
    pytest.param(sf.png_header_claiming(30_000, 30_000), "photo.png", "40 megapixels", id="bomb"),
    pytest.param(
        sf.png_header_claiming(9000, 9000), "photo.png", "9000 × 9000 pixels", id="too-many"
    ),
    pytest.param(sf.EXECUTABLE, "photo.jpg", "not a JPEG, PNG or WebP image", id="program"),
    pytest.param(sf.minimal_pdf(), "photo.png", "not a JPEG, PNG or WebP image", id="pdf"),
    pytest.param(b"", "photo.jpg", "The submitted file is empty.", id="empty"),
]


@pytest.mark.parametrize(("data", "name", "message"), BAD_PHOTOS)
def test_admin_add_speaker_with_bad_photo_shows_the_error(admin_client, data, name, message):
    response = admin_client.post(
        reverse("admin:speakers_speaker_add"),
        speaker_post(photo=SimpleUploadedFile(name, data)),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["photo"]
    assert message in errors["photo"][0]
    assert any(message in error for error in texts(response.content, ".field-photo .errorlist li"))
    assert Speaker.objects.count() == 0


@pytest.mark.parametrize(("data", "name", "message"), BAD_PHOTOS)
def test_admin_change_speaker_with_bad_photo_keeps_the_old_one(
    admin_client, make_speaker, data, name, message
):
    speaker = make_speaker(full_name="Zhu Lin", photo=SimpleUploadedFile("a.webp", sf.webp_photo()))
    before = (speaker.photo.name, speaker.photo_renditions)
    response = admin_client.post(
        reverse("admin:speakers_speaker_change", args=[speaker.pk]),
        speaker_post(photo=SimpleUploadedFile(name, data), slug=speaker.slug),
    )
    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors["photo"][0]
    speaker.refresh_from_db()
    assert (speaker.photo.name, speaker.photo_renditions) == before
    assert default_storage.exists(speaker.photo.name)


def test_admin_rejects_a_photo_over_the_size_limit(admin_client, settings):
    settings.PHOTO_UPLOAD_MAX_BYTES = 10_000
    data = sf.encode(sf.portrait(600, 600, noise=60), "JPEG", quality=95)
    response = admin_client.post(
        reverse("admin:speakers_speaker_add"),
        speaker_post(photo=SimpleUploadedFile("photo.jpg", data)),
    )
    assert response.context["adminform"].form.errors["photo"] == [
        f"This file is {len(data) / 1024:.1f}\xa0KB; photos can be at most 9.8\xa0KB."
    ]


GOOD_PHOTOS = [
    pytest.param(sf.jpeg_with_orientation_and_gps(), "gps.jpg", id="exif-gps-jpeg"),
    pytest.param(sf.cmyk_jpeg(), "cmyk.jpg", id="cmyk-jpeg"),
    pytest.param(sf.rgba_png(), "rgba.png", id="rgba-png"),
    pytest.param(sf.palette_png_with_transparency(), "palette.png", id="palette-png"),
    pytest.param(sf.webp_photo(), "photo.webp", id="webp"),
    # The content decides, not the name: a PNG called .jpg is a PNG.
    pytest.param(sf.rgba_png(), "renamed.jpg", id="png-named-jpg"),
]


@pytest.mark.parametrize(("data", "name"), GOOD_PHOTOS)
def test_admin_add_speaker_with_good_photo_makes_clean_renditions(admin_client, data, name):
    response = admin_client.post(
        reverse("admin:speakers_speaker_add"),
        speaker_post(photo=SimpleUploadedFile(name, data)),
    )
    assert response.status_code == 302
    speaker = Speaker.objects.get()
    names = [speaker.photo.name, *photos.rendition_names(speaker.photo_renditions)]
    assert len(names) == 1 + 2 * len(speaker.photo_renditions) >= 9
    for stored in names:
        with default_storage.open(stored, "rb") as file:
            content = file.read()
        assert b"Exif" not in content
        assert sf.CAMERA.encode() not in content


def test_admin_change_page_previews_the_photo(admin_client, make_speaker):
    speaker = make_speaker(photo=SimpleUploadedFile("a.webp", sf.webp_photo()))
    page = parse_html(
        admin_client.get(reverse("admin:speakers_speaker_change", args=[speaker.pk])).content
    )
    assert (
        one(page, 'input[type="file"][name="photo"]')["accept"] == "image/jpeg,image/png,image/webp"
    )
    preview = default_storage.url(speaker.photo_renditions[1]["jpeg"])
    assert preview in [
        img["src"] for img in page.select(".field-photo img, .field-thumbnail img, img")
    ]
