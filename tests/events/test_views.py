import datetime

import pytest
from django.urls import reverse

from events.models import AgendaItem, Event, Material

DAY = datetime.timedelta(days=1)


def test_home_features_next_upcoming_event(client, make_event):
    make_event(title="Earlier past", starts_in=-10 * DAY)
    make_event(title="Far future", starts_in=30 * DAY)
    make_event(title="Next one", starts_in=2 * DAY)

    response = client.get("/")

    assert response.context["featured"].title == "Next one"
    assert [e.title for e in response.context["upcoming"]] == ["Far future"]
    assert [e.title for e in response.context["past"]] == ["Earlier past"]
    assert "Next webinar" in response.content.decode()


def test_home_features_latest_past_event_when_nothing_is_coming(client, make_event):
    make_event(title="Old", starts_in=-30 * DAY)
    make_event(title="Recent", starts_in=-2 * DAY)

    response = client.get("/")

    assert response.context["featured"].title == "Recent"
    assert [e.title for e in response.context["past"]] == ["Old"]
    assert "Latest webinar" in response.content.decode()


def test_home_with_no_events_says_so(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "No webinars have been announced yet." in response.content.decode()


def test_event_list_orders_upcoming_then_past_and_hides_drafts(client, make_event):
    past = make_event(title="Past", starts_in=-5 * DAY)
    soon = make_event(title="Soon", starts_in=DAY)
    later = make_event(title="Later", starts_in=9 * DAY)
    make_event(title="Zebra secret draft", publication=Event.Publication.DRAFT)

    response = client.get(reverse("events:list"))

    assert list(response.context["events"]) == [soon, later, past]
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

    body = client.get(event.get_absolute_url()).content.decode()

    assert "Thursday, September 9, 2021, 8:00 – 10:30 AM UTC\u22124" in body
    assert 'datetime="2021-09-09T12:00:00+00:00"' in body
    assert "Digital Government" in body
    assert "Objectives of the session." in body
    assert "Presentation by Mr. Yong LU" in body
    assert "Shanghai Data Exchange Center" in body
    assert ">Past<" in body
    assert "No recording is available yet." in body


@pytest.mark.parametrize(
    ("fields", "expected", "absent"),
    [
        ({"recording_url": "https://example.org/rec"}, "Watch the recording", "Register"),
        ({"status": Event.Status.CANCELLED}, "This webinar has been cancelled.", "recording"),
    ],
)
def test_event_detail_call_to_action_for_past_events(client, make_event, fields, expected, absent):
    event = make_event(starts_in=-3 * DAY, registration_url="https://example.org/reg", **fields)
    body = client.get(event.get_absolute_url()).content.decode()
    assert expected in body
    assert absent not in body.split('class="cta"')[1].split("</section>")[0]


def test_event_detail_upcoming_offers_registration_and_hides_private_join_link(client, make_event):
    event = make_event(
        registration_url="https://example.org/register",
        join_url="https://zoom.us/j/999-private",
        join_url_is_public=False,
    )
    body = client.get(event.get_absolute_url()).content.decode()
    assert 'href="https://example.org/register"' in body
    assert "999-private" not in body


def test_event_detail_shows_public_join_link(client, make_event):
    event = make_event(join_url="https://zoom.us/j/123-public", join_url_is_public=True)
    assert "https://zoom.us/j/123-public" in client.get(event.get_absolute_url()).content.decode()


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
    assert "Draft: visible only to staff" in response.content.decode()


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
    assert "Page not found" in response.content.decode()
    assert client.get("/topics/nothing/").status_code == 404


def test_event_detail_escapes_hostile_text(client, make_event):
    event = make_event(title="</script><img src=x onerror=alert(1)>", summary="<b>bold</b>")
    body = client.get(event.get_absolute_url()).content.decode()
    assert "<img src=x" not in body
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in body


def test_event_detail_lists_materials(client, make_event):
    event = make_event()
    Material.objects.create(
        event=event,
        title="Concept note (PDF)",
        kind="concept-note",
        url="https://example.org/cn.pdf",
    )
    body = client.get(event.get_absolute_url()).content.decode()
    assert 'href="https://example.org/cn.pdf"' in body
    assert "Concept note (PDF)" in body


@pytest.mark.parametrize("count", [1, 20])
def test_event_detail_query_count_is_flat(
    client, make_event, make_speaker, add_speaker, django_assert_max_num_queries, count
):
    event = make_event()
    for n in range(count):
        speaker = make_speaker(full_name=f"Speaker {n}")
        add_speaker(event, speaker, position=n)
        item = AgendaItem.objects.create(event=event, title=f"Item {n}", position=n)
        item.speakers.add(speaker)
        Material.objects.create(event=event, title=f"Doc {n}", url="https://x.org/d.pdf")
    # +1 on a cache miss: the page cache asks when the next webinar starts or ends.
    with django_assert_max_num_queries(8):
        client.get(event.get_absolute_url())


@pytest.mark.parametrize("count", [1, 12])
def test_event_list_query_count_is_flat(
    client, make_event, topic, django_assert_max_num_queries, count
):
    for n in range(count):
        make_event(title=f"E{n}").topics.add(topic)
    # count, page, topics, SDGs, and the filter form's years, topics and SDGs
    # +1 on a cache miss: the page cache asks when the next webinar starts or ends.
    with django_assert_max_num_queries(8):
        client.get(reverse("events:list"))
