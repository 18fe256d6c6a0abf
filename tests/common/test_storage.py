"""Media storage: the local disk by default, S3-compatible object storage when configured."""

import json
import os
import subprocess
import sys

import boto3
import pytest
from django.conf import settings as django_settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from moto import mock_aws

from events.models import Material
from speakers import photos
from tests import sample_files as sf

BUCKET = "webinar-media"


def settings_under(env):
    """STORAGES["default"] and SERVE_MEDIA as settings.py makes them from `env`."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.STORAGES['default'], settings.SERVE_MEDIA]))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_MEDIA")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "webinar_site.settings",
            "DJANGO_SECRET_KEY": "test",
            **env,
        },
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_media_storage_defaults_to_the_local_disk_served_by_django():
    result = settings_under({})
    assert json.loads(result.stdout) == [
        {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        True,
    ]


def test_media_storage_s3_is_configured_from_the_environment():
    result = settings_under(
        {
            "DJANGO_MEDIA_STORAGE": "s3",
            "DJANGO_MEDIA_S3_BUCKET": BUCKET,
            "DJANGO_MEDIA_S3_ENDPOINT_URL": "https://s3.example.net",
            "DJANGO_MEDIA_S3_CUSTOM_DOMAIN": "media.example.org",
        }
    )
    backend, serve_media = json.loads(result.stdout)
    assert backend == {
        "BACKEND": "common.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "endpoint_url": "https://s3.example.net",
            "region_name": None,
            "custom_domain": "media.example.org",
            "location": "",
            "default_acl": None,
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }
    assert serve_media is False


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DJANGO_MEDIA_STORAGE": "ftp"},
            "DJANGO_MEDIA_STORAGE is 'ftp'; use 'filesystem' or 's3'",
        ),
        ({"DJANGO_MEDIA_STORAGE": "s3"}, "Set the DJANGO_MEDIA_S3_BUCKET environment variable"),
    ],
)
def test_media_storage_misconfiguration_stops_with_a_message(env, message):
    result = settings_under(env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.fixture
def s3(settings, monkeypatch):
    """An in-process S3 (moto) with one bucket, as the default storage."""
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "testing")
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "common.storage.MediaS3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET,
                    "region_name": "us-east-1",
                    "custom_domain": "media.example.org",
                    "querystring_auth": False,
                    "file_overwrite": False,
                },
            },
        }
        yield client


def keys(client):
    return sorted(o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_photos_and_renditions_go_to_the_bucket_with_their_headers(
    s3, make_speaker, django_capture_on_commit_callbacks
):
    speaker = make_speaker(photo=SimpleUploadedFile("p.jpg", sf.jpeg_with_orientation_and_gps()))
    names = [speaker.photo.name, *photos.rendition_names(speaker.photo_renditions)]
    assert keys(s3) == sorted(names)
    webp = s3.head_object(Bucket=BUCKET, Key=speaker.photo_renditions[0]["webp"])
    assert (webp["ContentType"], webp["CacheControl"]) == (
        "image/webp",
        "public, max-age=31536000, immutable",
    )
    body = s3.get_object(Bucket=BUCKET, Key=speaker.photo_renditions[-1]["jpeg"])["Body"].read()
    assert sf.CAMERA.encode() not in body and b"Exif" not in body
    assert speaker.photo_sources.src == (
        f"https://media.example.org/{speaker.photo_renditions[1]['jpeg']}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        speaker.delete()
    assert keys(s3) == []


def test_documents_go_to_the_bucket_with_their_headers(s3, make_event):
    material = Material.objects.create(
        event=make_event(), title="Agenda", file=SimpleUploadedFile("a.pdf", sf.minimal_pdf())
    )
    head = s3.head_object(Bucket=BUCKET, Key=material.file.name)
    assert (head["ContentType"], head["CacheControl"], head["ContentLength"]) == (
        "application/pdf",
        "public, max-age=86400",
        len(sf.minimal_pdf()),
    )
    assert material.href == f"https://media.example.org/{material.file.name}"
    assert default_storage.exists(material.file.name)
