import datetime

from django.urls import reverse

from events.models import Event
from speakers.models import SpeakerLink
from tests.html_tags import one, parse_html, text, texts


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
    assert texts(response.content, "ul.speakers .speaker-name") == ["Zhu Lin"]
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
    page = parse_html(response.content)

    assert response.status_code == 200
    assert speaker.get_absolute_url() == "/speakers/%E7%8E%8B%E5%B0%8F%E6%98%8E/"
    assert text(one(page, "h1")) == "王小明"
    assert texts(page, ".speaker-profile .affiliation") == ["Director"]
    assert texts(page, ".speaker-profile > .prose p") == ["Works on data."]
    assert [(text(a), a["href"]) for a in page.select("ul.links a")] == [
        ("Profile", "https://example.org/p")
    ]
    assert texts(page, "ul.appearances > li > a") == ["Open webinar"]
    assert text(one(page, "ul.appearances .meta")).startswith("Moderator · ")
    assert "Hidden draft webinar" not in response.content.decode()
    assert text(one(page, ".speaker-profile .avatar-initials")) == "王"


def test_speaker_only_in_drafts_is_404_for_public_and_visible_to_editors(
    client, editor, make_event, make_speaker, add_speaker
):
    speaker = make_speaker(full_name="Unannounced Speaker")
    add_speaker(make_event(publication=Event.Publication.DRAFT), speaker)
    assert client.get(speaker.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert client.get(speaker.get_absolute_url()).status_code == 200


def test_speaker_page_lists_every_webinar_to_come_and_the_latest_past_ones(
    client, make_event, make_speaker, add_speaker
):
    speaker = make_speaker(full_name="Busy Speaker")
    day = datetime.timedelta(days=1)
    for n in range(1, 13):
        add_speaker(make_event(title=f"Past {n}", starts_in=-n * day), speaker)
    for n in (2, 1):
        add_speaker(make_event(title=f"Coming {n}", starts_in=n * day), speaker)
    add_speaker(make_event(title="Draft to come", publication=Event.Publication.DRAFT), speaker)

    page = parse_html(client.get(speaker.get_absolute_url()).content)

    lists = page.select("#appearances-heading ~ ul.appearances")
    assert texts(page, "#appearances-heading ~ h3") == ["Upcoming", "Latest past webinars"]
    assert [texts(ul, "li > a") for ul in lists] == [
        ["Coming 1", "Coming 2"],
        [f"Past {n}" for n in range(1, 11)],
    ]
    link = one(page, "p.more a")
    assert (text(link), link["href"]) == (
        "All webinars with Busy Speaker",
        "/events/?speaker=busy-speaker",
    )
    listed = parse_html(client.get(link["href"]).content)
    assert text(one(listed, ".result-count")) == "14 webinars"
    assert texts(listed, ".cards h2")[:3] == ["Coming 1", "Coming 2", "Past 1"]


def test_speaker_page_with_few_past_webinars_has_no_link_to_more(
    client, make_event, make_speaker, add_speaker
):
    speaker = make_speaker(full_name="Once Only")
    add_speaker(make_event(title="Long ago", starts_in=-datetime.timedelta(days=400)), speaker)

    page = parse_html(client.get(speaker.get_absolute_url()).content)

    assert texts(page, "#appearances-heading ~ h3") == ["Past"]
    assert texts(page, "ul.appearances > li > a") == ["Long ago"]
    assert page.select("p.more") == []
