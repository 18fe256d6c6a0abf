"""Every page type rendered with the production static storage (issue 9, item 11).

Most tests use plain static storage (tests/conftest.py), which accepts any name. Production
uses WhiteNoise's CompressedManifestStaticFilesStorage, where `{% static %}` of a file that
is not in the manifest raises "Missing staticfiles manifest entry" and every page answers
500. Here collectstatic runs once into a temporary STATIC_ROOT and each page type (those of
the browser tests' PAGE_TYPES, the feeds and the admin) is rendered with that storage, so a
template naming a missing static file fails the suite.
"""

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse

from tests.browser import conftest as browser_pages
from tests.html_tags import find_tags

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"

# The browser tests' data for every page type: {page type name: path}.
site_pages = browser_pages.site_pages


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """A STATIC_ROOT filled by collectstatic with the production storage (once a run)."""
    from django.test.utils import override_settings

    root = tmp_path_factory.mktemp("static")
    with override_settings(
        STATIC_ROOT=root,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": MANIFEST_STORAGE},
        },
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def manifest_storage(settings, collected_static):
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}


def _static_urls(body):
    tags = find_tags(body, "link", "script", "img")
    return [
        t.get("href") or t.get("src")
        for t in tags
        if "/static/" in (t.get("href") or t.get("src") or "")
    ]


@pytest.mark.parametrize("page", [p.name for p in browser_pages.PAGE_TYPES])
def test_every_page_type_renders_with_the_manifest_storage(
    client, manifest_storage, site_pages, page
):
    expected = next(p.status for p in browser_pages.PAGE_TYPES if p.name == page)

    response = client.get(site_pages[page])

    assert response.status_code == expected
    urls = _static_urls(response.content.decode())
    assert urls, "the page links its stylesheet and script"
    # Hashed names from the manifest, e.g. /static/css/site.3f2a….css
    assert all(url.count(".") >= 2 for url in urls), urls


@pytest.mark.parametrize(
    "url", ["events:feed", "events:atom", "events:calendar-feed", "sitemap", "robots"]
)
def test_feeds_and_files_render_with_the_manifest_storage(
    client, manifest_storage, site_pages, url
):
    assert client.get(reverse(url)).status_code == 200


def test_admin_pages_render_with_the_manifest_storage(
    client, manifest_storage, site_pages, django_user_model
):
    from events.models import Event

    login = client.get(reverse("admin:login"))
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-root-9")
    client.force_login(admin)
    event = Event.objects.first()
    pages = [
        reverse("admin:index"),
        reverse("admin:events_event_changelist"),
        reverse("admin:events_event_change", args=[event.pk]),
        reverse("admin:speakers_speaker_add"),
    ]

    assert login.status_code == 200
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert _static_urls(response.content.decode()), url


def test_a_missing_static_file_fails_with_the_manifest_storage(manifest_storage):
    """What the tests above rely on: the storage refuses a name missing from the manifest
    (a template with {% static 'img/missing.png' %} makes its page fail)."""
    template = Template("{% load static %}{% static 'img/missing.png' %}")
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        template.render(Context())
