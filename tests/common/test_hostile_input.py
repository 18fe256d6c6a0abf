"""Hostile input: every payload of the corpus in every text field an editor can fill, rendered
on every page; nothing escapes its context.

One world of objects (a topic, a speaker with a link, a past and an upcoming webinar with
agenda items and materials) is first filled with harmless text and each page's structure is
recorded; then, for each payload, every text field gets the payload, every URL field gets it
if the admin's form would accept it, and each page is checked (see hostile.py).

To cover a new page, add a Page to PAGES; a new content type needs a checker in
hostile.CHECKERS.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from common.permissions import CONTENT_EDITORS
from events.models import (
    AgendaItem,
    Event,
    EventOrganizer,
    EventSpeaker,
    Material,
    Organization,
    Series,
    Session,
    Topic,
)
from speakers.models import Speaker, SpeakerLink

from .hostile import MARK, PAYLOADS, response_escapes, scan_html

HARMLESS = f"Harmless text {MARK}"
HARMLESS_URL = "https://example.org/harmless"

#: (model, text fields an editor fills in the admin). Slugs and choices are validated.
TEXT_FIELDS = {
    Topic: ["name", "description"],
    Speaker: ["full_name", "sort_name", "job_title", "organization", "bio"],
    SpeakerLink: ["label"],
    Event: [
        "title", "summary", "description", "concept_note", "outcome", "platform", "venue",
        "street_address", "address_locality", "address_country", "recording_site",
    ],
    Session: ["title"],
    Organization: ["name", "acronym"],
    Series: ["title", "description"],
    AgendaItem: ["title", "description"],
    Material: ["title"],
}  # fmt: skip
URL_FIELDS = {
    SpeakerLink: ["url"],
    Event: ["registration_url", "join_url", "recording_url"],
    Organization: ["url"],
    Material: ["url"],
}


@dataclass
class World:
    topic: Topic
    speaker: Speaker
    past: Event
    upcoming: Event

    def objects(self):
        yield self.topic
        yield self.speaker
        yield from self.speaker.links.all()
        yield self.past.series
        yield self.past.organizers.get().organization
        for event in (self.past, self.upcoming):
            yield event
            yield from event.sessions.all()
            yield from event.agenda_items.all()
            yield from event.materials.all()

    def fill(self, text):
        """Put `text` into every text field, and into every URL field if the admin's form
        accepts it (else a harmless link). Returns the number of URL fields that took it."""
        url = accepted_url(text)
        for obj in self.objects():
            for name in TEXT_FIELDS[type(obj)]:
                limit = obj._meta.get_field(name).max_length
                setattr(obj, name, text[:limit] if limit else text)
            for name in URL_FIELDS.get(type(obj), []):
                setattr(obj, name, url or HARMLESS_URL)
            obj.save()
        return url is not None


def accepted_url(text):
    """`text` as the admin's URL field stores it, or None if the form refuses it."""
    try:
        return Event._meta.get_field("join_url").formfield().clean(text)
    except Exception:  # noqa: BLE001 -- any refusal means "not accepted"
        return None


@pytest.fixture
def world(db):
    now = timezone.now()
    topic = Topic.objects.create(name="t", slug="hostile-topic")
    speaker = Speaker.objects.create(full_name="s", slug="hostile-speaker")
    SpeakerLink.objects.create(speaker=speaker, label="l", url=HARMLESS_URL)
    events = []
    series = Series.objects.create(title="r", slug="hostile-series")
    organization = Organization.objects.create(name="o", url=HARMLESS_URL)
    for slug, offset in (("hostile-past", -7), ("hostile-upcoming", 7)):
        start = now + datetime.timedelta(days=offset)
        event = Event.objects.create(
            slug=slug, title="e", summary="s", start=start, end=start + datetime.timedelta(hours=2),
            publication=Event.Publication.PUBLISHED, join_url_is_public=True, series=series,
            takes_registrations=True,
        )  # fmt: skip
        event.topics.add(topic)
        EventOrganizer.objects.create(event=event, organization=organization)
        EventSpeaker.objects.create(event=event, speaker=speaker)
        item = AgendaItem.objects.create(event=event, title="a", position=1)
        item.speakers.add(speaker)
        Material.objects.create(event=event, title="m", url=HARMLESS_URL, speaker=speaker)
        events.append(event)
    return World(topic, speaker, *events)


#: A sample of the corpus for the admin's change forms: Django's own form widgets, slower to
#: render (~0.25 s a page); every sixth payload still covers each family of the corpus.
SAMPLE = PAYLOADS[::6]


@dataclass
class Page:
    name: str
    url: Callable[[World, str], str]  # (world, payload) -> path
    staff: bool = False
    status: int = 200
    shows_payload: bool = True
    payloads: list = field(default_factory=lambda: PAYLOADS)


PAGES = [
    Page("home", lambda w, p: "/"),
    Page("event list", lambda w, p: "/events/"),
    Page("past event", lambda w, p: w.past.get_absolute_url()),
    Page("upcoming event", lambda w, p: w.upcoming.get_absolute_url()),
    Page("speaker list", lambda w, p: "/speakers/"),
    Page("speaker", lambda w, p: w.speaker.get_absolute_url()),
    Page("topic", lambda w, p: w.topic.get_absolute_url()),
    Page("series", lambda w, p: w.past.series.get_absolute_url()),
    Page("world clock", lambda w, p: f"{w.upcoming.get_absolute_url()}world-clock/"),
    Page("bad page number", lambda w, p: f"/events/?page={quote(p)}", status=404,
         shows_payload=False),
    Page("unknown webinar", lambda w, p: f"/events/{quote(p.replace('/', ''), safe='')}/",
         status=404, shows_payload=False),
    Page("registration form", lambda w, p: f"/events/{w.upcoming.slug}/register/",
         payloads=SAMPLE),
    Page("admin webinars", lambda w, p: "/admin/events/event/", staff=True),
    Page("admin search", lambda w, p: f"/admin/events/event/?q={quote(p)}", staff=True),
    Page("admin speakers", lambda w, p: "/admin/speakers/speaker/", staff=True),
    Page("admin topics", lambda w, p: "/admin/events/topic/", staff=True),
    Page("admin webinar form", lambda w, p: f"/admin/events/event/{w.past.pk}/change/",
         staff=True, payloads=SAMPLE),
    Page("admin speaker form", lambda w, p: f"/admin/speakers/speaker/{w.speaker.pk}/change/",
         staff=True, payloads=SAMPLE),
]  # fmt: skip


@pytest.fixture
def staff_client(db, django_user_model):
    user = django_user_model.objects.create_user("staff-editor", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    staff = Client()
    staff.force_login(user)
    return staff


def test_corpus_is_large_and_marked():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    assert all(MARK in payload.lower() for payload in PAYLOADS)
    assert max(len(payload) for payload in PAYLOADS) <= 100  # fits every CharField
    # Three pass the http(s) check with markup inside: they go into the URL fields too.
    assert sum(accepted_url(payload) is not None for payload in PAYLOADS) == 3


@pytest.mark.parametrize("staff", [False, True], ids=["public pages", "admin pages"])
def test_no_payload_escapes_its_context(client, staff_client, world, staff):
    pages = [page for page in PAGES if page.staff == staff]
    browser = staff_client if staff else client
    world.fill(HARMLESS)
    baselines = {}
    for page in pages:
        response = browser.get(page.url(world, HARMLESS))
        assert response.status_code == page.status, page.name
        baselines[page.name], problems, _ = scan_html(response.content.decode())
        assert problems == [], page.name

    found = {}
    for number, payload in enumerate(PAYLOADS):
        world.fill(payload)
        for page in pages:
            if payload not in page.payloads:
                continue
            response = browser.get(page.url(world, payload))
            problems = response_escapes(response, baselines[page.name])
            if response.status_code != page.status:
                problems.append(f"status {response.status_code}")
            if page.shows_payload and MARK not in scan_html(response.content.decode())[2].lower():
                problems.append("payload not shown at all")
            if problems:
                found[f"{page.name} / payload {number}: {payload!r}"] = problems

    assert found == {}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_admin_stores_hostile_text_exactly(editor_client, payload):
    data = {
        "full_name": payload,
        "sort_name": payload,
        "job_title_en": payload,
        "organization_en": payload,
        "bio_en": payload,
        "slug": "kept-slug",
        "honorific": "",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-label": payload,
        "links-0-url": accepted_url(payload) or HARMLESS_URL,
        "links-0-position": "0",
    }

    response = editor_client.post("/admin/speakers/speaker/add/", data)

    assert response.status_code == 302
    speaker = Speaker.objects.get(slug="kept-slug")
    stored = [speaker.full_name, speaker.job_title, speaker.bio, speaker.links.get().label]
    assert stored == [payload.strip()] * 4


@pytest.mark.parametrize("field", ["full_name", "bio_en"])
def test_admin_refuses_null_characters_clearly(editor_client, field):
    data = {"full_name": "Ada", "slug": "ada", "honorific": "", field: "Ada\x00<script>"}
    data |= {"links-TOTAL_FORMS": "0", "links-INITIAL_FORMS": "0"}

    response = editor_client.post("/admin/speakers/speaker/add/", data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        field: ["Null characters are not allowed."]
    }
    assert not Speaker.objects.exists()
