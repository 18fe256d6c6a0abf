"""schema.org Person JSON-LD on speaker pages."""

from speakers.models import SpeakerLink
from tests.html_tags import meta_tags


def test_speaker_page_carries_person_jsonld(client, make_event, make_speaker, add_speaker, jsonld):
    speaker = make_speaker(
        full_name="王小明",
        honorific="Dr.",
        job_title="Director",
        organization="上海数据交易所",
        bio="Works on </script> data.",
    )
    SpeakerLink.objects.create(speaker=speaker, label="Profile", url="https://example.org/p")
    add_speaker(make_event(), speaker)

    (data,) = jsonld(client.get(speaker.get_absolute_url()).content.decode())

    assert data == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "王小明",
        "url": "http://testserver/speakers/%E7%8E%8B%E5%B0%8F%E6%98%8E/",
        "honorificPrefix": "Dr.",
        "jobTitle": "Director",
        "affiliation": {"@type": "Organization", "name": "上海数据交易所"},
        "description": "Works on </script> data.",
        "sameAs": ["https://example.org/p"],
    }


def test_speaker_page_has_sharing_tags(client, make_event, make_speaker, add_speaker):
    speaker = make_speaker(full_name="Zhu Lin", honorific="Mrs.", organization="ECUST")
    add_speaker(make_event(), speaker)

    tags = meta_tags(client.get(speaker.get_absolute_url()).content)

    assert (
        tags
        | {
            "og:title": "Mrs. Zhu Lin",
            "og:description": "ECUST",
            "og:url": "http://testserver/speakers/zhu-lin/",
            "canonical": "http://testserver/speakers/zhu-lin/",
        }
        == tags
    )
