import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from events.models import Event, EventSpeaker, Topic
from speakers.models import Speaker


@pytest.fixture(autouse=True)
def _test_storage(settings, tmp_path):
    """Plain static storage (no manifest needed) and a throwaway MEDIA_ROOT."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """The test client speaks plain http: no redirect to https (the production default,
    tested in tests/webinar_site/test_settings.py). Secure cookies, HSTS and CSP stay on."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def make_event(db):
    """Create an Event; `starts_in` (timedelta from now) and `hours` set its times."""

    def make(starts_in=datetime.timedelta(days=7), hours=2, **fields):
        start = fields.pop("start", timezone.now() + starts_in)
        values = {
            "title": "A webinar",
            "summary": "Short summary.",
            "start": start,
            "end": start + datetime.timedelta(hours=hours),
            "state": Event.State.PUBLISHED,
            **fields,
        }
        return Event.objects.create(**values)

    return make


@pytest.fixture
def make_speaker(db):
    def make(full_name="Deniz Susar", **fields):
        return Speaker.objects.create(full_name=full_name, **fields)

    return make


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Digital Government", slug="digital-government")


@pytest.fixture
def add_speaker():
    def add(event, speaker, role=EventSpeaker.Role.PRESENTATION, position=0):
        return EventSpeaker.objects.create(
            event=event, speaker=speaker, role=role, position=position
        )

    return add


@pytest.fixture
def editor(django_user_model):
    """A staff member with the permissions to edit events and speakers."""
    user = django_user_model.objects.create_user("editor", password="pw-editor-123", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["events", "speakers"])
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
