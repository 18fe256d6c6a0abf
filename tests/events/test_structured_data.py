"""schema.org Event JSON-LD and the sharing tags of the event page."""

import datetime

import pytest

from events.models import Event, EventOrganizer, Organization, SustainableDevelopmentGoal
from tests.html_tags import meta_tags, parse_html

UTC = datetime.timezone.utc


def _event_jsonld(client, event, jsonld):
    (data,) = jsonld(client.get(event.get_absolute_url()).content.decode())
    return data


def test_event_jsonld_has_the_required_and_recommended_properties(
    client, make_event, make_speaker, add_speaker, topic, jsonld
):
    event = make_event(
        title="Cities and data",
        summary="What cities do with data.",
        start=datetime.datetime(2021, 12, 9, 16, 0, tzinfo=UTC),
        hours=2,
        timezone="America/New_York",
    )
    desa = Organization.objects.create(
        name="UN Department of Economic and Social Affairs",
        acronym="UN DESA",
        url="https://www.un.org/desa",
    )
    EventOrganizer.objects.create(event=event, organization=desa)
    event.topics.add(topic)
    event.sdgs.add(SustainableDevelopmentGoal.objects.get(number=11))
    speaker = make_speaker(
        full_name="Yong LU",
        honorific="Mr.",
        job_title="Vice President",
        organization="Shanghai Data Exchange Center",
    )
    add_speaker(event, speaker)
    add_speaker(event, speaker, role="panellist", position=2)  # one person, two roles

    data = _event_jsonld(client, event, jsonld)

    page = "http://testserver/events/cities-and-data/"
    assert data == {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"{page}#event",
        "name": "Cities and data",
        "description": "What cities do with data.",
        "url": page,
        "startDate": "2021-12-09T11:00:00-05:00",
        "endDate": "2021-12-09T13:00:00-05:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "inLanguage": "en",
        "location": {"@type": "VirtualLocation", "url": page},
        "organizer": [
            {
                "@type": "Organization",
                "name": "UN Department of Economic and Social Affairs",
                "alternateName": "UN DESA",
                "url": "https://www.un.org/desa",
            }
        ],
        "performer": [
            {
                "@type": "Person",
                "name": "Yong LU",
                "url": "http://testserver/speakers/yong-lu/",
                "honorificPrefix": "Mr.",
                "jobTitle": "Vice President",
                "affiliation": {"@type": "Organization", "name": "Shanghai Data Exchange Center"},
            }
        ],
        "keywords": "Digital Government, SDG 11: Sustainable cities and communities",
        # No image of its own: the site's default sharing image.
        "image": ["http://testserver/static/img/share-default.png"],
    }


def test_event_jsonld_is_safe_with_script_tags_in_any_field(
    client, make_event, make_speaker, add_speaker, jsonld
):
    title = 'Evil </script><script>alert("x")</script> & <!-- title'
    event = make_event(title=title, summary="</SCRIPT> in the summary")
    add_speaker(event, make_speaker(full_name="</script>Name", organization="<b>&amp;</b>"))

    body = client.get(event.get_absolute_url()).content.decode()
    (data,) = jsonld(body)

    assert data["name"] == title
    assert data["description"] == "</SCRIPT> in the summary"
    assert data["performer"][0]["name"] == "</script>Name"
    assert data["performer"][0]["affiliation"]["name"] == "<b>&amp;</b>"
    (script,) = parse_html(body).select('script[type="application/ld+json"]')
    assert not {"<", ">", "&"} & set(script.string)
    inline = [s for s in parse_html(body)("script") if not s.get("src")]
    assert inline == [script]  # the title's </script><script> made no element of its own


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Event.Status.CANCELLED, "https://schema.org/EventCancelled"),
        (Event.Status.POSTPONED, "https://schema.org/EventPostponed"),
        (Event.Status.RESCHEDULED, "https://schema.org/EventRescheduled"),
    ],
)
def test_event_jsonld_status_uses_schema_org_words(client, make_event, jsonld, status, expected):
    data = _event_jsonld(client, make_event(status=status), jsonld)
    assert data["eventStatus"] == expected


def test_event_jsonld_never_carries_the_private_join_link(client, make_event, jsonld):
    event = make_event(join_url="https://zoom.us/j/999-private", join_url_is_public=False)
    body = client.get(event.get_absolute_url()).content.decode()
    (data,) = jsonld(body)
    assert data["location"] == {"@type": "VirtualLocation", "url": data["url"]}
    assert "999-private" not in body


def test_event_jsonld_mixed_event_has_a_place_and_a_virtual_location(client, make_event, jsonld):
    event = make_event(
        attendance_mode=Event.AttendanceMode.MIXED, venue="UN Headquarters, New York"
    )
    data = _event_jsonld(client, event, jsonld)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["location"] == [
        {"@type": "VirtualLocation", "url": data["url"]},
        {
            "@type": "Place",
            "name": "UN Headquarters, New York",
            "address": "UN Headquarters, New York",
        },
    ]


def test_event_jsonld_adds_the_recording_once_past(client, make_event, jsonld):
    upcoming = make_event(title="Soon", recording_url="https://example.org/soon-video")
    past = make_event(
        title="Done",
        summary="Held.",
        starts_in=-datetime.timedelta(days=3),
        recording_url="https://example.org/video?pwd=secret",
    )

    assert "recordedIn" not in _event_jsonld(client, upcoming, jsonld)
    assert _event_jsonld(client, past, jsonld)["recordedIn"] == {
        "@type": "VideoObject",
        "name": "Done",
        "description": "Held.",
        # The counted redirect, as the page's button: never the link and its passcode.
        "url": "http://testserver/events/done/recording/",
    }


def test_event_page_has_sharing_tags_with_absolute_urls(client, make_event):
    event = make_event(title="Cities & data", summary="Short & clear.")

    tags = meta_tags(client.get(event.get_absolute_url()).content)

    assert (
        tags
        | {
            "canonical": "http://testserver/events/cities-data/",
            "description": "Short & clear.",
            "og:title": "Cities & data",
            "og:description": "Short & clear.",
            "og:url": "http://testserver/events/cities-data/",
            "twitter:card": "summary_large_image",
            "twitter:title": "Cities & data",
        }
        == tags
    )


def test_canonical_link_drops_filters_but_keeps_the_page_number(client, make_event):
    for n in range(13):
        make_event(title=f"E{n}")
    first = client.get("/events/", {"q": "E", "utm_source": "x"}).content.decode()
    second = client.get("/events/", {"page": 2}).content.decode()
    assert '<link rel="canonical" href="http://testserver/events/">' in first
    assert '<link rel="canonical" href="http://testserver/events/?page=2">' in second
