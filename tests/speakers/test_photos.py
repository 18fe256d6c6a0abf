"""Speaker photos: what is refused, and what is stored for what is accepted."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from PIL import Image

from httpcache.version import bump
from speakers import photos
from speakers.models import Speaker
from tests import sample_files as sf


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data)


def open_stored(name):
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    image.load()
    return data, image


def assert_no_metadata(data, image):
    assert len(image.getexif()) == 0
    assert not {"exif", "icc_profile", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info)
    for secret in (b"Exif\x00\x00", b"LeakyCam", sf.CAMERA.encode(), sf.COMMENT, b"GPS"):
        assert secret not in data


def stored_files(speaker):
    return [speaker.photo.name, *photos.rendition_names(speaker.photo_renditions)]


# --- Refused -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (sf.HTML_AS_JPEG, "photo.jpg", "not a JPEG, PNG or WebP image"),
        (sf.SVG, "photo.svg", "not a JPEG, PNG or WebP image"),
        (sf.gif(), "photo.gif", "not a JPEG, PNG or WebP image"),
        (b"", "photo.jpg", "not a JPEG, PNG or WebP image"),
        (sf.truncated_jpeg(), "photo.jpg", "damaged or incomplete"),
        (sf.png_header_claiming(30_000, 30_000), "bomb.png", "limit of 40 megapixels"),
        (
            sf.png_header_claiming(8000, 6000),
            "big.png",
            "8000 × 6000 pixels (48.0 megapixels); the limit is 40 megapixels",
        ),
    ],
    ids=["html-renamed-jpg", "svg", "gif", "empty", "truncated", "bomb", "over-pixel-limit"],
)
def test_load_photo_refuses_with_the_reason(data, name, message):
    with pytest.raises(ValidationError) as caught:
        photos.load_photo(upload(data, name))
    assert message in caught.value.messages[0]


def test_load_photo_refuses_a_file_over_the_size_limit(settings):
    settings.PHOTO_UPLOAD_MAX_BYTES = 20_000
    data = sf.encode(sf.portrait(600, 600, noise=80), "JPEG", quality=95)
    assert len(data) > 20_000
    with pytest.raises(ValidationError) as caught:
        photos.load_photo(upload(data))
    assert caught.value.messages == [
        f"This file is {len(data) / 1024:.1f}\xa0KB; photos can be at most 19.5\xa0KB."
    ]


HOSTILE = [
    pytest.param(sf.HTML_AS_JPEG, "photo.jpg", "not a JPEG, PNG or WebP image", id="html"),
    pytest.param(sf.SVG, "photo.svg", "not a JPEG, PNG or WebP image", id="svg"),
    pytest.param(sf.truncated_jpeg(), "photo.jpg", "damaged or incomplete", id="truncated"),
    pytest.param(sf.png_header_claiming(30_000, 30_000), "b.png", "40 megapixels", id="bomb"),
]


@pytest.mark.parametrize(("data", "name", "message"), HOSTILE)
def test_photo_validation_runs_in_full_clean(db, data, name, message):
    speaker = Speaker(full_name="Zhu Lin", photo=upload(data, name))
    with pytest.raises(ValidationError) as caught:
        speaker.full_clean()
    assert list(caught.value.message_dict) == ["photo"]
    assert message in caught.value.message_dict["photo"][0]


@pytest.mark.parametrize(("data", "name", "message"), HOSTILE)
def test_photo_validation_runs_in_any_model_form(db, data, name, message):
    form_class = modelform_factory(Speaker, fields=["full_name", "photo"])
    form = form_class({"full_name": "Zhu Lin"}, {"photo": upload(data, name)})
    assert not form.is_valid()
    assert list(form.errors) == ["photo"]
    assert message in form.errors["photo"][0]


def test_save_refuses_a_bad_photo_without_storing_anything(db, settings):
    speaker = Speaker(full_name="Zhu Lin", photo=upload(sf.truncated_jpeg()))
    with pytest.raises(ValidationError):
        speaker.save()
    assert Speaker.objects.count() == 0
    assert not (settings.MEDIA_ROOT / "speakers").exists()


# --- Accepted: cleaned, oriented, cropped --------------------------------------------


def test_exif_orientation_is_applied_and_metadata_removed(make_speaker):
    speaker = make_speaker(photo=upload(sf.jpeg_with_orientation_and_gps()))
    # Shown upright the photo is 400 × 600: the master keeps that shape.
    data, master = open_stored(speaker.photo.name)
    assert master.size == (400, 600)
    assert_no_metadata(data, master)
    for entry in speaker.photo_renditions:
        for key in ("webp", "jpeg"):
            data, image = open_stored(entry[key])
            assert_no_metadata(data, image)
            width = image.width
            # The stored top-left red block is at the top right once turned upright.
            assert image.convert("RGB").getpixel((int(width * 0.9), int(width * 0.05)))[0] > 180
            assert image.convert("RGB").getpixel((int(width * 0.1), int(width * 0.05))) > (
                230,
                230,
                230,
            )


@pytest.mark.parametrize(
    ("data", "name", "corner", "centre"),
    [
        (sf.cmyk_jpeg(), "cmyk.jpg", sf.RED, sf.RED),
        (sf.rgba_png(), "rgba.png", sf.WHITE, sf.BLUE),
        (sf.palette_png_with_transparency(), "palette.png", sf.WHITE, sf.BLUE),
    ],
    ids=["cmyk-jpeg", "rgba-png", "palette-png-transparent"],
)
def test_colours_and_transparency_are_converted(make_speaker, data, name, corner, centre):
    speaker = make_speaker(photo=upload(data, name))
    for entry in speaker.photo_renditions:
        for key in ("webp", "jpeg"):
            _, image = open_stored(entry[key])
            assert image.mode == "RGB"
            for point, expected in (((2, 2), corner), ((image.width // 2,) * 2, centre)):
                actual = image.getpixel(point)
                assert max(abs(a - e) for a, e in zip(actual, expected, strict=True)) < 40, (
                    entry["width"],
                    key,
                    point,
                    actual,
                )


def test_renditions_are_squares_at_the_configured_widths(make_speaker):
    speaker = make_speaker(photo=upload(sf.encode(sf.portrait(900, 1200), "JPEG", quality=90)))
    assert [entry["width"] for entry in speaker.photo_renditions] == [80, 160, 240, 320, 480]
    for entry in speaker.photo_renditions:
        _, webp = open_stored(entry["webp"])
        _, jpeg = open_stored(entry["jpeg"])
        assert (webp.format, webp.size) == ("WEBP", (entry["width"], entry["width"]))
        assert (jpeg.format, jpeg.size) == ("JPEG", (entry["width"], entry["width"]))
        assert entry["webp"].startswith(photos.RENDITION_DIR)


def test_small_photos_are_never_upscaled(make_speaker):
    speaker = make_speaker(photo=upload(sf.encode(sf.portrait(200, 260), "PNG"), "small.png"))
    assert [entry["width"] for entry in speaker.photo_renditions] == [80, 160, 200]


def test_webp_upload_is_accepted(make_speaker):
    speaker = make_speaker(photo=upload(sf.webp_photo(), "photo.webp"))
    assert len(speaker.photo_renditions) == 5


@pytest.mark.parametrize("noise", [10, 40, 80])
def test_card_renditions_fit_in_15_kb(make_speaker, noise):
    """What a 375 px phone loads for a 72 px card at 1x to 3x density (80 to 240 px wide)
    stays within 15 KB, even for a grainy photo."""
    data = sf.encode(sf.portrait(1200, 1600, seed=noise, noise=noise), "JPEG", quality=92)
    speaker = make_speaker(photo=upload(data))
    card_sizes = {
        (entry["width"], key): default_storage.size(entry[key])
        for entry in speaker.photo_renditions
        for key in ("webp", "jpeg")
        if entry["width"] <= 240
    }
    assert len(card_sizes) == 6
    assert max(card_sizes.values()) <= 15_000, card_sizes


def test_stored_names_do_not_contain_the_uploaded_name(make_speaker):
    speaker = make_speaker(photo=upload(sf.webp_photo(), "Passport scan of Zhu Lin.webp"))
    assert all("Zhu" not in name and "Passport" not in name for name in stored_files(speaker))
    assert speaker.photo.name.startswith(photos.MASTER_DIR)
    assert speaker.photo.name.endswith(".jpg")


# --- Replaced and deleted ------------------------------------------------------------


def test_replacing_a_photo_replaces_its_renditions(
    make_speaker, django_capture_on_commit_callbacks
):
    speaker = make_speaker(photo=upload(sf.webp_photo(), "first.webp"))
    old_files = stored_files(speaker)
    with django_capture_on_commit_callbacks(execute=True):
        speaker.photo = upload(sf.cmyk_jpeg(), "second.jpg")
        speaker.save()
    speaker.refresh_from_db()
    new_files = stored_files(speaker)
    assert not set(old_files) & set(new_files)
    assert [default_storage.exists(name) for name in old_files] == [False] * len(old_files)
    assert [default_storage.exists(name) for name in new_files] == [True] * len(new_files)


def test_saving_without_a_new_photo_keeps_the_files(
    make_speaker, django_capture_on_commit_callbacks
):
    speaker = make_speaker(photo=upload(sf.webp_photo()))
    files = stored_files(speaker)
    with django_capture_on_commit_callbacks(execute=True):
        speaker = Speaker.objects.get(pk=speaker.pk)
        speaker.bio = "Edited."
        speaker.save()
    assert stored_files(speaker) == files
    assert all(default_storage.exists(name) for name in files)


def test_clearing_a_photo_deletes_its_files(make_speaker, django_capture_on_commit_callbacks):
    speaker = make_speaker(photo=upload(sf.webp_photo()))
    files = stored_files(speaker)
    with django_capture_on_commit_callbacks(execute=True):
        speaker.photo = None
        speaker.save()
    speaker.refresh_from_db()
    assert (speaker.photo.name, speaker.photo_renditions) == ("", [])
    assert [default_storage.exists(name) for name in files] == [False] * len(files)


@pytest.mark.parametrize("how", ["instance", "queryset"])
def test_deleting_a_speaker_deletes_its_files(
    make_speaker, django_capture_on_commit_callbacks, how
):
    speaker = make_speaker(photo=upload(sf.webp_photo()))
    kept = make_speaker(full_name="Deniz Susar", photo=upload(sf.cmyk_jpeg()))
    files = stored_files(speaker)
    with django_capture_on_commit_callbacks(execute=True):
        if how == "instance":
            speaker.delete()
        else:
            Speaker.objects.filter(pk=speaker.pk).delete()
    assert [default_storage.exists(name) for name in files] == [False] * len(files)
    assert all(default_storage.exists(name) for name in stored_files(kept))


def test_files_stay_when_the_transaction_is_rolled_back(
    make_speaker, django_capture_on_commit_callbacks
):
    speaker = make_speaker(photo=upload(sf.webp_photo()))
    files = stored_files(speaker)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        speaker.delete()
    deletions = [c for c in callbacks if c is not bump]  # the page cache bumps on commit too
    assert len(deletions) == 1  # the deletion waits for a commit that never comes
    assert all(default_storage.exists(name) for name in files)
