"""Speaker photos on the speaker pages."""

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import sample_files as sf
from tests.html_tags import find_tags


def test_speaker_page_photo_loads_at_once_at_160_px(client, make_event, make_speaker, add_speaker):
    speaker = make_speaker(
        full_name="Zhu Lin",
        photo=SimpleUploadedFile("p.png", sf.encode(sf.portrait(300, 300), "PNG")),
    )
    add_speaker(make_event(), speaker)
    body = client.get(speaker.get_absolute_url()).content.decode()
    (source,) = find_tags(body, "source")
    (img,) = find_tags(body, "img")
    # A 300 px photo gives 80, 160, 240 and 300 px renditions, never larger.
    assert [c.split()[-1] for c in source["srcset"].split(", ")] == ["80w", "160w", "240w", "300w"]
    assert (source["sizes"], img["sizes"], img["width"], img["height"]) == (
        "160px",
        "160px",
        "160",
        "160",
    )
    assert "loading" not in img  # the first thing on the page: no lazy loading
    assert img["src"] == default_storage.url(speaker.photo_renditions[1]["jpeg"])
    assert img["alt"] == "Zhu Lin"


def test_speaker_list_cards_use_lazy_72_px_photos(client, make_event, make_speaker, add_speaker):
    event = make_event()
    for n in range(3):
        add_speaker(
            event,
            make_speaker(
                full_name=f"Speaker {n}",
                photo=SimpleUploadedFile("p.jpg", sf.encode(sf.portrait(400, 400, seed=n), "JPEG")),
            ),
        )
    body = client.get(reverse("speakers:list")).content.decode()
    images = find_tags(body, "img")
    assert [(i["alt"], i["sizes"], i["width"], i["loading"]) for i in images] == [
        (f"Speaker {n}", "72px", "72", "lazy") for n in range(3)
    ]
