"""Control characters (issue 9, item 7): stripped from every text field on save, and kept
out of feeds, sitemaps and calendars for rows written before or around that (update())."""

import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from common.controls import strip_controls
from events.models import AgendaItem, Event, Material, Topic
from speakers.models import Speaker, SpeakerLink

WORD_TITLE = "Cities\x0band\x01 data"  # Word's manual line break, and a stray SOH


@pytest.mark.parametrize(
    ("text", "multiline", "expected"),
    [
        ("a\x0bb", True, "a\nb"),
        ("a\x0bb", False, "a b"),
        ("a\tb\nc\r\nd", True, "a\tb\nc\r\nd"),
        ("a\tb\nc", False, "a\tb\nc"),
        ("\x00a\x1fb\x7fc\x08", True, "abc"),
        ("No controls: é 中文 ‏", False, "No controls: é 中文 ‏"),
    ],
)
def test_strip_controls(text, multiline, expected):
    assert strip_controls(text, multiline=multiline) == expected


def test_every_text_field_of_every_model_is_cleaned_on_save(make_event, make_speaker):
    event = make_event(
        title=WORD_TITLE,
        summary="One\x0btwo",
        description="Para\x0bline\n\n\tindented\x02",
        venue="Room\x0c1",
    )
    topic = Topic.objects.create(name="Digital\x0bGovernment", slug="digital", description="x\x03")
    speaker = make_speaker(full_name="Ana\x0bRuiz", job_title="Chief\x1f", bio="Bio\x0bmore")
    link = SpeakerLink.objects.create(speaker=speaker, label="Pro\x0bfile", url="https://e.org/")
    item = AgendaItem.objects.create(event=event, title="Open\x0bing", description="a\x0bb")
    material = Material.objects.create(event=event, title="Sli\x0bdes", url="https://e.org/s")

    for obj in (event, topic, speaker, link, item, material):
        obj.refresh_from_db()
    assert (event.title, event.summary, event.venue) == ("Cities and data", "One\ntwo", "Room 1")
    assert event.description == "Para\nline\n\n\tindented"
    assert (topic.name, topic.description) == ("Digital Government", "x")
    assert (speaker.full_name, speaker.sort_name, speaker.job_title, speaker.bio) == (
        "Ana Ruiz",
        "Ana Ruiz",
        "Chief",
        "Bio\nmore",
    )
    assert (link.label, item.title, item.description, material.title) == (
        "Pro file",
        "Open ing",
        "a\nb",
        "Sli des",
    )


def test_the_cleaning_reaches_models_of_every_app(django_user_model):
    """Not a list of our models: the receiver is connected for all of them."""
    user = django_user_model.objects.create_user("name\x0bx", first_name="A\x01b")
    user.refresh_from_db()
    assert (user.username, user.first_name) == ("name x", "Ab")
    text_models = [
        model
        for model in apps.get_models()
        if any(isinstance(f, (models.CharField, models.TextField)) for f in model._meta.fields)
    ]
    assert {Event, Speaker, SpeakerLink, Topic, AgendaItem, Material} <= set(text_models)


@pytest.fixture
def stored_with_controls(make_event, make_speaker, add_speaker):
    """A published event whose texts hold control characters, as QuerySet.update() (which
    sends no signal) or a row from before the fix leaves them."""
    event = make_event(title="Clean", summary="Clean.")
    topic = Topic.objects.create(name="Cities", slug="cities")
    event.topics.add(topic)
    speaker = make_speaker(full_name="Ana Ruiz")
    add_speaker(event, speaker)
    AgendaItem.objects.create(event=event, title="Opening")
    Event.objects.filter(pk=event.pk).update(
        title=WORD_TITLE,
        summary="Line\x0bbreak\x1b.",
        description="Desc\x0b\x07ription",
        organizer="UN\x0bDESA",
        venue="Hall\x0c",
        platform="Zo\x01om",
    )
    Topic.objects.filter(pk=topic.pk).update(name="Cit\x0bies")
    Speaker.objects.filter(pk=speaker.pk).update(full_name="Ana\x0bRuiz", job_title="Chief\x02")
    AgendaItem.objects.filter(event=event).update(title="Open\x0bing")
    event.refresh_from_db()
    return event


@pytest.mark.parametrize("name", ["events:feed", "events:atom"])
def test_feeds_stay_valid_xml_with_control_characters_stored(client, stored_with_controls, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # raises on characters XML 1.0 forbids
    texts = [el.text or "" for el in root.iter()] + [
        value for el in root.iter() for value in el.attrib.values()
    ]
    assert "Cities and data" in texts
    assert not [t for t in texts if any(ord(c) < 32 and c not in "\t\n\r" for c in t)]
    assert "Cit ies" in [el.get("term") or el.text for el in root.iter() if "category" in el.tag]


@pytest.mark.parametrize("single", [True, False])
def test_calendars_carry_no_control_characters(client, stored_with_controls, single):
    url = (
        reverse("events:calendar", kwargs={"slug": stored_with_controls.slug})
        if single
        else reverse("events:calendar-feed")
    )
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert not [c for c in body if ord(c) < 32 and c not in "\t\r\n"]
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Cities and data"
    assert "Ana\nRuiz, Chief (Presentation)" in str(vevent["DESCRIPTION"])


def test_sitemap_stays_valid_xml_with_control_characters_stored(client, stored_with_controls):
    Event.objects.filter(pk=stored_with_controls.pk).update(slug="bad\x0bslug")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [el.text for el in root.iter() if el.tag.endswith("loc")]
    assert "http://testserver/events/bad%0Bslug/" in locations


def test_pages_still_answer_with_control_characters_stored(client, stored_with_controls):
    for url in (stored_with_controls.get_absolute_url(), reverse("events:list"), "/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "Cities" in response.content.decode()
