"""Stored links are checked again where they are shown (issue 9, items 8 and 12).

A link that reached the database without the form's validation (QuerySet.update(), an
import, an old row) must never become a clickable javascript:/data: link, and the
recording's own address (often with a passcode) appears only behind the counted redirect.
"""

import datetime

import pytest
from django.urls import reverse

from common.links import safe_link
from events.models import Event, Material
from speakers.models import SpeakerLink
from tests.html_tags import find_tags

DAY = datetime.timedelta(days=1)
HOSTILE = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "java\tscript:alert(1)",
    " javascript:alert(1)",
    "\x01javascript:alert(1)",
    "//evil.example/",
    "/relative/path",
    "https://",
    "foo",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_safe_link_refuses_anything_but_absolute_http_links(value):
    assert safe_link(value) == ""


@pytest.mark.parametrize(
    "value", ["https://example.org/", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG"]
)
def test_safe_link_keeps_http_links_unchanged(value):
    assert safe_link(value) == value


def _hrefs(body):
    return [tag.get("href", "") for tag in find_tags(body, "a", "link")]


@pytest.mark.parametrize("value", ["javascript:alert(1)", "data:text/html,x", "java\tscript:x"])
def test_event_page_never_links_to_a_hostile_stored_link(client, make_event, jsonld, value):
    event = make_event(title="Stored", join_url_is_public=True)
    Material.objects.create(event=event, title="Slides", url="https://example.org/slides")
    # As an import or the shell would write them: no validation on the way.
    Event.objects.filter(pk=event.pk).update(
        registration_url=value, join_url=value, organizer_url=value
    )
    Material.objects.filter(event=event).update(url=value)

    response = client.get(event.get_absolute_url())
    body = response.content.decode()
    (data,) = jsonld(body)

    assert response.status_code == 200
    hrefs = _hrefs(body)
    assert hrefs, "the page has links"
    assert not [href for href in hrefs if not href.startswith(("/", "http", "#", "webcal://"))]
    assert "url" not in data["organizer"]
    assert [tag for tag in find_tags(body, "a") if tag.get("class") == "button"] == []
    assert "Slides" in body  # the material is still listed, as text


def test_ics_never_carries_a_hostile_stored_link(client, make_event):
    event = make_event(title="Stored", join_url_is_public=True)
    Event.objects.filter(pk=event.pk).update(
        registration_url="javascript:alert(1)", join_url="data:text/html,x"
    )
    body = client.get(reverse("events:calendar", kwargs={"slug": event.slug})).content.decode()
    assert "BEGIN:VEVENT" in body
    assert "javascript" not in body and "data:text" not in body


def test_speaker_page_shows_a_hostile_stored_link_as_text(
    client, make_event, make_speaker, add_speaker, jsonld
):
    event = make_event()
    speaker = make_speaker(full_name="Ana Ruiz")
    add_speaker(event, speaker)
    good = SpeakerLink.objects.create(speaker=speaker, label="Profile", url="https://example.org/")
    bad = SpeakerLink.objects.create(speaker=speaker, label="Blog", url="https://example.org/b")
    SpeakerLink.objects.filter(pk=bad.pk).update(url="javascript:alert(1)")

    body = client.get(speaker.get_absolute_url()).content.decode()
    (data,) = jsonld(body)

    links = {tag["href"] for tag in find_tags(body, "a") if tag.get("rel") == "noopener"}
    assert links == {good.url}
    assert data["sameAs"] == [good.url]
    assert "Blog" in body


def test_recording_redirect_refuses_a_hostile_stored_link(client, make_event):
    event = make_event(starts_in=-3 * DAY, recording_url="https://example.org/rec")
    Event.objects.filter(pk=event.pk).update(recording_url="javascript:alert(1)")

    response = client.get(reverse("events:recording", kwargs={"slug": event.slug}))
    page = client.get(event.get_absolute_url()).content.decode()

    assert response.status_code == 404
    assert "Watch the recording" not in page
    event.refresh_from_db()
    assert event.recording_views == 0


def test_recording_link_is_public_only_through_the_counted_redirect(client, make_event, jsonld):
    """The stored link (with its passcode) is in no page, feed or calendar; the button and
    the JSON-LD recordedIn both point at /recording/."""
    secret = "https://zoom.example/rec/share/abc?pwd=Secret123"
    event = make_event(title="Held", starts_in=-3 * DAY, recording_url=secret)
    redirect = reverse("events:recording", kwargs={"slug": event.slug})

    page = client.get(event.get_absolute_url()).content.decode()
    (data,) = jsonld(page)
    others = [
        client.get(url).content.decode()
        for url in (
            reverse("events:calendar", kwargs={"slug": event.slug}),
            reverse("events:calendar-feed"),
            reverse("events:feed"),
            reverse("events:atom"),
            reverse("events:list"),
            reverse("home"),
            "/sitemap.xml",
        )
    ]

    assert redirect in [tag.get("href") for tag in find_tags(page, "a")]
    assert data["recordedIn"]["url"] == f"http://testserver{redirect}"
    for body in [page, *others]:
        assert "Secret123" not in body and "zoom.example" not in body
