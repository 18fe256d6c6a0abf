import datetime

import pytest
from django.urls import reverse

from events.models import AgendaItem, Event, Material
from tests.html_tags import find_tags, one, parse_html, text, texts

DAY = datetime.timedelta(days=1)


def test_home_features_next_upcoming_event(client, make_event):
    make_event(title="Earlier past", starts_in=-10 * DAY)
    make_event(title="Far future", starts_in=30 * DAY)
    make_event(title="Next one", starts_in=2 * DAY)

    response = client.get("/")

    assert response.context["featured"].title == "Next one"
    assert [e.title for e in response.context["upcoming"]] == ["Far future"]
    assert [e.title for e in response.context["past"]] == ["Earlier past"]
    assert texts(response.content, ".featured .eyebrow") == ["Next webinar"]
    assert text(one(response.content, "#featured-heading")) == "Next one"


def test_home_features_latest_past_event_when_nothing_is_coming(client, make_event):
    make_event(title="Old", starts_in=-30 * DAY)
    make_event(title="Recent", starts_in=-2 * DAY)

    response = client.get("/")

    assert response.context["featured"].title == "Recent"
    assert [e.title for e in response.context["past"]] == ["Old"]
    assert texts(response.content, ".featured .eyebrow") == ["Latest webinar"]


def test_home_with_no_events_says_so(client, db):
    response = client.get("/")
    page = parse_html(response.content)
    assert response.status_code == 200
    assert text(one(page, "h1")) == "Webinars"
    assert "No webinars have been announced yet." in texts(page, "main p")
    assert page.select(".event-card") == []


def test_event_list_orders_upcoming_then_past_and_hides_drafts(client, make_event):
    past = make_event(title="Past", starts_in=-5 * DAY)
    soon = make_event(title="Soon", starts_in=DAY)
    later = make_event(title="Later", starts_in=9 * DAY)
    make_event(title="Zebra secret draft", publication=Event.Publication.DRAFT)

    response = client.get(reverse("events:list"))

    assert list(response.context["events"]) == [soon, later, past]
    assert texts(response.content, ".event-card h2") == ["Soon", "Later", "Past"]
    assert "Zebra secret draft" not in response.content.decode()


def test_event_list_paginates(client, make_event):
    for n in range(13):
        make_event(title=f"Event {n}", starts_in=(n + 1) * DAY)
    first = client.get(reverse("events:list"))
    second = client.get(reverse("events:list"), {"page": 2})
    assert len(first.context["events"]) == 12
    assert [e.title for e in second.context["events"]] == ["Event 12"]
    assert client.get(reverse("events:list"), {"page": 99}).status_code == 404


def test_event_detail_shows_schedule_topics_agenda_speakers(
    client, make_event, make_speaker, add_speaker, topic
):
    event = make_event(
        title="Cities and data",
        start=datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc),
        hours=2.5,
        timezone="America/New_York",
        concept_note="Objectives of the session.",
    )
    event.topics.add(topic)
    speaker = make_speaker(
        full_name="Yong LU", honorific="Mr.", organization="Shanghai Data Exchange Center"
    )
    add_speaker(event, speaker, role="presentation")
    item = AgendaItem.objects.create(event=event, title="Presentation by Mr. Yong LU")
    item.speakers.add(speaker)

    page = parse_html(client.get(event.get_absolute_url()).content)

    when = one(page, ".event-header .when time")
    assert text(when) == "Thursday, September 9, 2021, 8:00 – 10:30 AM UTC\u22124"
    assert when["datetime"] == "2021-09-09T12:00:00+00:00"
    assert texts(page, ".event-header .tags a") == ["Digital Government"]
    assert texts(page, "#concept-heading + .prose p") == ["Objectives of the session."]
    assert texts(page, ".agenda .agenda-title") == ["Presentation by Mr. Yong LU"]
    assert texts(page, ".agenda .agenda-speakers bdi") == [
        "Mr. Yong LU",
        "Shanghai Data Exchange Center",
    ]
    assert texts(page, ".event-header .badge") == ["Past"]
    assert texts(page, ".cta p") == ["No recording is available yet."]


@pytest.mark.parametrize(
    ("fields", "expected", "absent"),
    [
        ({"recording_url": "https://example.org/rec"}, "Watch the recording", "Register"),
        ({"status": Event.Status.CANCELLED}, "This event has been cancelled.", "recording"),
    ],
)
def test_event_detail_call_to_action_for_past_events(client, make_event, fields, expected, absent):
    event = make_event(starts_in=-3 * DAY, registration_url="https://example.org/reg", **fields)
    cta = text(one(client.get(event.get_absolute_url()).content, "section.cta"))
    assert expected in cta
    assert absent not in cta


def test_event_detail_upcoming_offers_registration_and_hides_private_join_link(client, make_event):
    event = make_event(
        registration_url="https://example.org/register",
        join_url="https://zoom.us/j/999-private",
        join_url_is_public=False,
    )
    response = client.get(event.get_absolute_url())
    buttons = one(response.content, "section.cta").select("a.button")
    assert [(text(a), a["href"]) for a in buttons] == [("Register", "https://example.org/register")]
    assert "999-private" not in response.content.decode()


def test_event_detail_shows_public_join_link(client, make_event):
    event = make_event(join_url="https://zoom.us/j/123-public", join_url_is_public=True)
    cta = one(client.get(event.get_absolute_url()).content, "section.cta")
    assert [a["href"] for a in cta.select("a.button")] == ["https://zoom.us/j/123-public"]


def test_draft_event_is_404_for_the_public(client, make_event):
    draft = make_event(title="Unannounced", publication=Event.Publication.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_event_is_404_for_staff_without_change_permission(
    client, make_event, django_user_model
):
    draft = make_event(title="Unannounced", publication=Event.Publication.DRAFT)
    client.force_login(django_user_model.objects.create_user("viewer", is_staff=True))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_event_preview_for_editors(editor_client, make_event):
    draft = make_event(title="Unannounced plan", publication=Event.Publication.DRAFT)
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert text(one(response.content, "h1")) == "Unannounced plan"
    assert texts(response.content, ".badge-draft") == ["Draft: visible only to staff"]


def test_recording_redirect_counts_follows(client, make_event):
    event = make_event(starts_in=-3 * DAY, recording_url="https://example.org/recording")
    url = reverse("events:recording", kwargs={"slug": event.slug})

    first, second = client.get(url), client.get(url)

    assert (first.status_code, first["Location"]) == (302, "https://example.org/recording")
    assert second.status_code == 302
    event.refresh_from_db()
    assert event.recording_views == 2


@pytest.mark.parametrize(
    "fields", [{"recording_url": ""}, {"publication": Event.Publication.DRAFT}]
)
def test_recording_redirect_404_without_public_recording(client, make_event, fields):
    event = make_event(starts_in=-3 * DAY, **{"recording_url": "https://x.org/r", **fields})
    assert client.get(reverse("events:recording", args=[event.slug])).status_code == 404


def test_topic_page_lists_only_its_published_events(client, make_event, topic):
    inside = make_event(title="Inside")
    inside.topics.add(topic)
    make_event(title="Elsewhere")
    hidden = make_event(title="Hidden draft", publication=Event.Publication.DRAFT)
    hidden.topics.add(topic)

    response = client.get(topic.get_absolute_url())

    assert list(response.context["events"]) == [inside]
    assert response.context["topic"] == topic


def test_unknown_pages_are_friendly_404(client, db):
    response = client.get("/events/no-such-webinar/")
    assert response.status_code == 404
    assert text(one(response.content, "h1")) == "Page not found"
    assert client.get("/topics/nothing/").status_code == 404


def test_event_detail_escapes_hostile_text(client, make_event):
    event = make_event(title="</script><img src=x onerror=alert(1)>", summary="<b>bold</b>")
    page = parse_html(client.get(event.get_absolute_url()).content)
    assert text(one(page, "h1")) == "</script><img src=x onerror=alert(1)>"
    assert text(one(page, "p.lead")) == "<b>bold</b>"
    assert [tag for tag in find_tags(str(page), "img", "b") if tag.get("src") == "x"] == []
    assert page.select("p.lead b") == []


def test_event_detail_lists_materials(client, make_event):
    event = make_event()
    Material.objects.create(
        event=event,
        title="Concept note (PDF)",
        kind="concept-note",
        url="https://example.org/cn.pdf",
    )
    links = one(client.get(event.get_absolute_url()).content, "ul.materials").select("li > a")
    assert [(text(a), a["href"]) for a in links] == [
        ("Concept note (PDF)", "https://example.org/cn.pdf")
    ]
