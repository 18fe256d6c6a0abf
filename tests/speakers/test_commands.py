"""`manage.py regenerate_renditions`."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image

from speakers import photos
from speakers.models import Speaker
from tests import sample_files as sf


def photo():
    return SimpleUploadedFile("p.jpg", sf.encode(sf.portrait(600, 600), "JPEG"))


def test_regenerate_renditions_makes_new_files_at_the_new_sizes(
    make_speaker, settings, capsys, django_capture_on_commit_callbacks
):
    speaker = make_speaker(photo=photo())
    without = make_speaker(full_name="No Photo")
    old = photos.rendition_names(speaker.photo_renditions)
    settings.SPEAKER_PHOTO_SIZES = [100, 200]
    with django_capture_on_commit_callbacks(execute=True):
        call_command("regenerate_renditions")
    speaker.refresh_from_db()
    without.refresh_from_db()
    assert [entry["width"] for entry in speaker.photo_renditions] == [100, 200]
    new = photos.rendition_names(speaker.photo_renditions)
    assert [default_storage.exists(name) for name in old] == [False] * len(old)
    assert [default_storage.exists(name) for name in new] == [True] * 4
    assert without.photo_renditions == []
    assert capsys.readouterr().out.startswith("Made renditions for 1 photo(s): 4 files, ")


def test_regenerate_renditions_cleans_a_photo_stored_before_cleaning(
    make_speaker, django_capture_on_commit_callbacks
):
    """An upload stored as it came (with its GPS data) is replaced by a clean master."""
    speaker = make_speaker(full_name="Old Upload")
    legacy = default_storage.save(
        "speakers/old.jpg", ContentFile(sf.jpeg_with_orientation_and_gps())
    )
    Speaker.objects.filter(pk=speaker.pk).update(photo=legacy)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("regenerate_renditions", speaker.slug)
    speaker.refresh_from_db()
    assert speaker.photo.name.startswith(photos.MASTER_DIR)
    assert not default_storage.exists(legacy)
    with default_storage.open(speaker.photo.name, "rb") as master:
        data = master.read()
        master.seek(0)
        assert Image.open(master).size == (400, 600)
    assert sf.CAMERA.encode() not in data and b"Exif" not in data
    assert len(speaker.photo_renditions) == 5


def test_regenerate_renditions_reports_unreadable_photos_and_does_the_rest(make_speaker):
    broken = make_speaker(full_name="Broken Photo")
    Speaker.objects.filter(pk=broken.pk).update(photo="speakers/photos/missing.jpg")
    fine = make_speaker(full_name="Fine Photo", photo=photo())
    before = fine.photo_renditions
    with pytest.raises(CommandError, match="broken-photo: "):
        call_command("regenerate_renditions")
    fine.refresh_from_db()
    assert fine.photo_renditions != before
    assert len(fine.photo_renditions) == 5
