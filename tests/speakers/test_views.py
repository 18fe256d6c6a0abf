import pytest
from django.urls import reverse

from events.models import Event
from speakers.models import SpeakerLink


def test_speaker_list_shows_only_speakers_of_published_events(
    client, make_event, make_speaker, add_speaker
):
    shown = make_speaker(full_name="Zhu Lin")
    add_speaker(make_event(), shown)
    secret = make_speaker(full_name="Secretive Person")
    add_speaker(make_event(publication=Event.Publication.DRAFT), secret)
    make_speaker(full_name="Nobody Yet")

    response = client.get(reverse("speakers:list"))

    assert list(response.context["speakers"]) == [shown]
    assert "Secretive Person" not in response.content.decode()


def test_speaker_detail_shows_bio_links_and_published_appearances(
    client, make_event, make_speaker, add_speaker
):
    speaker = make_speaker(full_name="王小明", bio="Works on data.", job_title="Director")
    SpeakerLink.objects.create(speaker=speaker, label="Profile", url="https://example.org/p")
    add_speaker(make_event(title="Open webinar"), speaker, role="moderator")
    add_speaker(
        make_event(title="Hidden draft webinar", publication=Event.Publication.DRAFT), speaker
    )

    response = client.get(speaker.get_absolute_url())
    body = response.content.decode()

    assert response.status_code == 200
    assert speaker.get_absolute_url() == "/speakers/%E7%8E%8B%E5%B0%8F%E6%98%8E/"
    assert "Works on data." in body
    assert 'href="https://example.org/p"' in body
    assert "Open webinar" in body
    assert "Moderator" in body
    assert "Hidden draft webinar" not in body
    assert '<span class="avatar avatar-initials" aria-hidden="true">王</span>' in body


def test_speaker_only_in_drafts_is_404_for_public_and_visible_to_editors(
    client, editor, make_event, make_speaker, add_speaker
):
    speaker = make_speaker(full_name="Unannounced Speaker")
    add_speaker(make_event(publication=Event.Publication.DRAFT), speaker)
    assert client.get(speaker.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(speaker.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [1, 15])
def test_speaker_pages_query_count_is_flat(
    client, make_event, make_speaker, add_speaker, django_assert_max_num_queries, count
):
    speaker = make_speaker()
    for n in range(count):
        add_speaker(make_event(title=f"E{n}"), speaker)
        add_speaker(make_event(title=f"F{n}"), make_speaker(full_name=f"Other {n}"))
    with django_assert_max_num_queries(4):
        client.get(speaker.get_absolute_url())
    with django_assert_max_num_queries(4):
        client.get(reverse("speakers:list"))
