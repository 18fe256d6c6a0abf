"""Topic.updated, the topic's last change or its published webinars' (the topics' sitemap
lastmod): every change to what the topic's page shows touches it; changes only drafts see
do not."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from events.management.commands.generate_data import generate
from events.models import Event, Topic

DRAFT, PUBLISHED = Event.Publication.DRAFT, Event.Publication.PUBLISHED
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LONG_AGO = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)


def _touched(topic):
    """Whether `topic`'s updated moved since _age() set it to LONG_AGO."""
    return Topic.objects.get(pk=topic.pk).updated > LONG_AGO


def _age(*topics):
    Topic.objects.filter(pk__in=[t.pk for t in topics]).update(updated=LONG_AGO)


@pytest.mark.parametrize(("publication", "touched"), [(PUBLISHED, True), (DRAFT, False)])
def test_saving_a_webinar_touches_its_topics_when_published(
    make_event, topic, publication, touched
):
    event = make_event(publication=publication)
    event.topics.add(topic)
    _age(topic)

    event.title = "Retitled"
    event.save()

    assert _touched(topic) is touched


@pytest.mark.parametrize(("before", "after"), [(DRAFT, PUBLISHED), (PUBLISHED, DRAFT)])
def test_publishing_or_unpublishing_a_webinar_touches_its_topics(make_event, topic, before, after):
    event = make_event(publication=before)
    event.topics.add(topic)
    _age(topic)

    event = Event.objects.get(pk=event.pk)
    event.publication = after
    event.save()

    assert _touched(topic)


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_the_admins_publication_actions_touch_the_topics(admin_client, make_event, topic, action):
    event = make_event(publication=PUBLISHED if action == "unpublish" else DRAFT)
    event.topics.add(topic)
    _age(topic)

    admin_client.post(
        reverse("admin:events_event_changelist"), {"action": action, "_selected_action": [event.pk]}
    )

    assert _touched(topic)


@pytest.mark.parametrize(
    ("tagged", "change"),
    [
        (False, lambda event, topic: event.topics.add(topic)),
        (False, lambda event, topic: topic.events.add(event)),
        (True, lambda event, topic: event.topics.remove(topic)),
        (True, lambda event, topic: event.topics.clear()),
        (True, lambda event, topic: event.topics.set([])),
        (True, lambda event, topic: topic.events.remove(event)),
        (True, lambda event, topic: topic.events.clear()),
    ],
    ids=["add", "reverse-add", "remove", "clear", "set", "reverse-remove", "reverse-clear"],
)
def test_a_published_webinar_joining_or_leaving_a_topic_touches_it(
    make_event, topic, tagged, change
):
    event = make_event()
    if tagged:
        event.topics.add(topic)
    _age(topic)

    change(event, topic)

    assert _touched(topic)


def test_a_draft_joining_a_topic_leaves_it(make_event, topic):
    _age(topic)
    make_event(publication=DRAFT).topics.add(topic)
    assert not _touched(topic)


def test_deleting_a_published_webinar_touches_its_topics(make_event, topic):
    event = make_event()
    event.topics.add(topic)
    _age(topic)

    event.delete()

    assert _touched(topic)


def test_editing_the_topic_touches_it(topic):
    _age(topic)
    topic = Topic.objects.get(pk=topic.pk)
    topic.description = "New words."
    topic.save()
    assert _touched(topic)


def test_generate_data_dates_topics_by_their_latest_published_webinar(db):
    generate(events=60, speakers=30, seed=3)
    # As bulk writes that skip the signals leave them (the generated webinars are dated
    # over 15 years).
    Topic.objects.update(updated=datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc))

    Topic.objects.refresh_updated()

    for topic in Topic.objects.with_published_events():
        latest = Event.objects.published().filter(topics=topic).latest("updated").updated
        assert topic.updated == latest
    assert Topic.objects.with_published_events().count() > 5


def test_topic_sitemap_lists_topics_of_published_webinars_by_their_stored_date(
    client, make_event, topic
):
    make_event().topics.add(topic)
    make_event(publication=DRAFT).topics.add(Topic.objects.create(name="Drafts", slug="drafts"))
    Topic.objects.filter(pk=topic.pk).update(
        updated=datetime.datetime(2024, 5, 7, 8, 9, tzinfo=datetime.timezone.utc)
    )

    section = ET.fromstring(client.get("/sitemap-topics.xml").content)
    index = ET.fromstring(client.get("/sitemap.xml").content)

    # The one topic, once per language (English unprefixed).
    assert sorted((u.findtext(f"{NS}loc"), u.findtext(f"{NS}lastmod")) for u in section) == sorted(
        (f"http://testserver{prefix}/topics/digital-government/", "2024-05-07")
        for prefix in ["", "/ar", "/zh-hans", "/fr", "/ru", "/es"]
    )
    assert {s.findtext(f"{NS}loc"): s.findtext(f"{NS}lastmod") for s in index}[
        "http://testserver/sitemap-topics.xml"
    ] == "2024-05-07T08:09:00+00:00"
