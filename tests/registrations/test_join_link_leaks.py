"""The raw meeting link never reaches an anonymous visitor unless staff publish it: every
kind of public response (pages, .ics, JSON-LD inside the page, feeds, sitemap, the form)."""

import pytest
from django.urls import reverse

from registrations.models import Registration

pytestmark = pytest.mark.django_db

SECRET = "https://zoom.example.org/j/987654321?pwd=SECRETJOIN"


def anonymous_urls(event, speaker):
    return [
        reverse("home"),
        reverse("events:list"),
        reverse("events:list") + "?q=Data",
        event.get_absolute_url(),
        reverse("events:calendar", args=[event.slug]),
        reverse("events:calendar-feed"),
        reverse("events:world-clock", args=[event.slug]),
        reverse("events:feed"),
        reverse("events:atom"),
        reverse("registrations:register", args=[event.slug]),
        speaker.get_absolute_url(),
        reverse("speakers:list"),
        reverse("sitemap"),
        "/does-not-exist/",
    ]


@pytest.fixture
def event_with_private_link(open_event, make_speaker, add_speaker):
    event = open_event(join_url=SECRET, join_url_is_public=False)
    speaker = make_speaker()
    add_speaker(event, speaker)
    Registration.objects.create(event=event, name="A", email="a@example.org", country="KE",
                                timezone="Africa/Nairobi", status="confirmed")  # fmt: skip
    return event, speaker


def test_meeting_link_never_in_an_anonymous_response(client, event_with_private_link):
    event, speaker = event_with_private_link
    for url in anonymous_urls(event, speaker):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode()
        assert "SECRETJOIN" not in body and "987654321" not in body, url


def test_meeting_link_shown_once_staff_publish_it(client, event_with_private_link):
    event, _speaker = event_with_private_link
    event.join_url_is_public = True
    event.save()
    for url in (event.get_absolute_url(), reverse("events:calendar", args=[event.slug])):
        assert "SECRETJOIN" in client.get(url).content.decode(), url
