from django.urls import reverse

from speakers.models import Speaker
from tests.html_tags import texts


def test_speaker_admin_add_with_chinese_name_gets_a_slug(admin_client):
    response = admin_client.post(
        reverse("admin:speakers_speaker_add"),
        {
            "full_name": "王小明",
            "sort_name": "",
            "slug": "",
            "honorific": "Dr.",
            "job_title_en": "Director",
            "organization_en": "Shanghai Academy of Social Sciences",
            "bio_en": "",
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-0-label": "Profile",
            "links-0-url": "https://example.org/wang",
            "links-0-position": "0",
        },
    )
    assert response.status_code == 302
    speaker = Speaker.objects.get()
    assert (speaker.slug, speaker.sort_name) == ("王小明", "王小明")
    assert [link.url for link in speaker.links.all()] == ["https://example.org/wang"]


def test_speaker_admin_changelist_searches_organisation(admin_client, make_speaker):
    make_speaker(full_name="Zhu Lin", organization="East China University")
    make_speaker(full_name="Deniz Susar", organization="UN DESA")
    response = admin_client.get(reverse("admin:speakers_speaker_changelist"), {"q": "East China"})
    assert [s.full_name for s in response.context["cl"].result_list] == ["Zhu Lin"]
    assert texts(response.content, "#result_list .avatar-initials") == ["ZL"]


def test_speaker_autocomplete_for_event_inline(admin_client, make_speaker):
    make_speaker(full_name="Liu Yingfeng")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Liu",
            "app_label": "events",
            "model_name": "eventspeaker",
            "field_name": "speaker",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Liu Yingfeng"]


def test_speaker_admin_changelist_filters_public_speakers(
    admin_client, make_event, make_speaker, add_speaker
):
    add_speaker(make_event(), make_speaker(full_name="Zhu Lin"))
    make_speaker(full_name="Not On Any Programme")
    url = reverse("admin:speakers_speaker_changelist")

    public = admin_client.get(url, {"is_public__exact": "1"}).context["cl"].result_list
    hidden = admin_client.get(url, {"is_public__exact": "0"}).context["cl"].result_list

    assert ([s.full_name for s in public], [s.full_name for s in hidden]) == (
        ["Zhu Lin"],
        ["Not On Any Programme"],
    )
