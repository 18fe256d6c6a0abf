import copy
import datetime
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.utils import timezone

from events.models import Event, EventSpeaker, Topic
from speakers.models import Speaker


def pytest_sessionstart(session):
    """Compile the catalogues (locale/*/LC_MESSAGES/django.po) that are newer than their
    .mo, as `make compilemessages` does, so that a plain `pytest` sees every language."""
    for po in Path(__file__).resolve().parent.parent.glob("locale/*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            if not shutil.which("msgfmt"):
                raise pytest.UsageError("msgfmt is missing: run `make test` (installs gettext)")
            subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True)
def _test_storage(settings, tmp_path):
    """Plain static storage (no manifest needed) and a throwaway MEDIA_ROOT."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, so no page rendered by another test is served."""
    cache.clear()


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
            "publication": Event.Publication.PUBLISHED,
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
    def add(event, speaker, role=EventSpeaker.Role.PRESENTER, position=0):
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


# -- Reading JSON-LD as a search engine does -------------------------------------------------


class _JsonLdParser(HTMLParser):
    """Collects the text of every <script type="application/ld+json"> in a page."""

    def __init__(self):
        super().__init__()
        self.blocks, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and ("type", "application/ld+json") in attrs
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


@pytest.fixture
def jsonld():
    """A function: HTML (str) -> the list of JSON-LD objects in it, parsed with json."""

    def parse(html):
        parser = _JsonLdParser()
        parser.feed(html)
        return [json.loads(block) for block in parser.blocks]

    return parse


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Users made in tests get quickly hashed passwords (admin tests ran ~1 s a user)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Browser tests run last: Playwright keeps an event loop running in the main thread
    once started, and code under test that calls asyncio.run() must come before it."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


# -- Real browsers and plain http ------------------------------------------------------------

#: Debian's Chromium (`make test` installs it when missing); never a Playwright download.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def local_http(settings):
    """The settings DJANGO_HTTPS=false gives: plain http on this machine (no redirect, no
    HSTS, no secure cookies, no upgrade-insecure-requests); everything else as in production."""
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["upgrade-insecure-requests"] = False
    settings.CONTENT_SECURITY_POLICY = policy
    return settings


@pytest.fixture(scope="session")
def live_server(django_db_setup):
    """pytest-django's live server, started on plain http as `make run` serves: Django's
    SecurityMiddleware reads the redirect and HSTS settings once, when the server starts.
    Tests that use it also request `local_http` for the settings read per request (the CSP)."""
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    with override_settings(SECURE_SSL_REDIRECT=False, SECURE_HSTS_SECONDS=0):
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (Playwright's sync API).

    Playwright runs an event loop in this thread; Django's ORM refuses to run in a thread with
    a running loop unless told it is safe (it is: the loop only waits on Chromium)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (apt-get install chromium)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


# -- Issue 14: a whole site with its task worker and a real SMTP server ----------------------


@pytest.fixture(scope="session")
def registration_stack():
    """gunicorn + `manage.py db_worker` on a file SQLite database of their own, emailing a
    real SMTP server on a spare loopback port (tests/registrations/stack.py)."""
    from tests.registrations.stack import Stack

    stack = Stack().start()
    yield stack
    stack.stop()
