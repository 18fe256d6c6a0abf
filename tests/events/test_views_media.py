"""The event page: speaker photos as light, responsive images; documents with their cost."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from events.models import Event, Material
from speakers.models import Speaker
from tests import sample_files as sf
from tests.html_tags import find_tags, parse_html, text, texts
from tests.html_tags import one as one_element
from tests.queries import count_queries


def photo(seed=1, width=600):
    portrait = sf.portrait(width, width * 4 // 3, seed=seed)
    return SimpleUploadedFile("p.jpg", sf.encode(portrait, "JPEG"))


def test_event_page_speaker_photos_are_responsive_lazy_images(
    client, make_event, make_speaker, add_speaker
):
    event = make_event()
    speaker = make_speaker(full_name="Zhu Lin", honorific="Mrs.", photo=photo())
    add_speaker(event, speaker)
    body = client.get(event.get_absolute_url()).content.decode()
    source, img = find_tags(body, "source", "img")
    urls = {
        key: [default_storage.url(entry[key]) for entry in speaker.photo_renditions]
        for key in ("webp", "jpeg")
    }
    widths = [80, 160, 240, 320, 480]
    assert source == {
        "tag": "source",
        "type": "image/webp",
        "srcset": ", ".join(f"{u} {w}w" for u, w in zip(urls["webp"], widths, strict=True)),
        "sizes": "72px",
    }
    assert img == {
        "tag": "img",
        "class": "avatar",
        "src": urls["jpeg"][1],  # 160 px: sharp at 2x for browsers without srcset
        "srcset": ", ".join(f"{u} {w}w" for u, w in zip(urls["jpeg"], widths, strict=True)),
        "sizes": "72px",
        "width": "72",
        "height": "72",
        "alt": "Zhu Lin",
        "loading": "lazy",
        "decoding": "async",
    }


def test_event_page_speaker_without_photo_gets_initials(
    client, make_event, make_speaker, add_speaker
):
    event = make_event()
    add_speaker(event, make_speaker(full_name="王小明"))
    page = parse_html(client.get(event.get_absolute_url()).content)
    assert find_tags(page, "img", "picture") == []
    initials = one_element(page, "ul.speakers .avatar-initials")
    assert (text(initials), initials["aria-hidden"]) == ("王", "true")


def test_event_page_photo_without_renditions_falls_back_to_initials(
    client, make_event, make_speaker, add_speaker
):
    """A photo stored before renditions existed never shows as a broken image."""
    event = make_event()
    speaker = make_speaker(full_name="Deniz Susar")
    Speaker.objects.filter(pk=speaker.pk).update(photo="speakers/old-upload.jpg")
    add_speaker(event, speaker)
    page = parse_html(client.get(event.get_absolute_url()).content)
    assert find_tags(page, "img") == []
    assert text(one_element(page, "ul.speakers .avatar-initials")) == "DS"


def test_event_page_lists_documents_with_format_size_and_language(client, make_event):
    event = make_event()
    pdf = Material.objects.create(
        event=event,
        title="Note conceptuelle",
        kind=Material.Kind.CONCEPT_NOTE,
        language="fr",
        file=SimpleUploadedFile("x.pdf", sf.minimal_pdf()),
        position=1,
    )
    big = sf.office_file("pptx", media_bytes=2_400_000)
    slides = Material.objects.create(
        event=event,
        title="Slides",
        kind=Material.Kind.PRESENTATION,
        file=SimpleUploadedFile("s.pptx", big),
        position=2,
    )
    Material.objects.create(
        event=event,
        title="Report",
        kind=Material.Kind.REPORT,
        url="https://example.org/r",
        position=3,
    )
    body = client.get(event.get_absolute_url()).content.decode()
    # Documents name their language; the language switcher's links (lang="…") are not these.
    links = [t for t in find_tags(body, "a") if "hreflang" in t and "lang" not in t]
    assert links == [
        {"tag": "a", "href": pdf.file.url, "hreflang": "fr", "type": "application/pdf"},
        {
            "tag": "a",
            "href": slides.file.url,
            "hreflang": "en",
            "type": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        },
        {"tag": "a", "href": "https://example.org/r", "hreflang": "en"},
    ]
    size = len(sf.minimal_pdf())
    assert texts(body, "ul.materials .meta") == [
        f"Concept note · PDF, {size}\xa0bytes · French",
        "Presentation · PowerPoint (PPTX), 2.3\xa0MB · English",
        "Report · link to another website · English",
    ]


def test_event_page_concept_note_document_shows_its_cost(client, make_event):
    event = make_event(slug="data-for-cities")
    event.concept_note_file = SimpleUploadedFile("cn.docx", sf.office_file("docx"))
    event.save()
    section = one_element(client.get(event.get_absolute_url()).content, "#concept-heading ~ p")
    size = len(sf.office_file("docx"))
    link = one_element(section, "a")
    assert (text(link), link["href"], link["type"]) == (
        "Download the concept note",
        event.concept_note_file.url,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    assert text(one_element(section, ".meta")) == f"(Word (DOCX), {size}\xa0bytes)"


def test_event_page_with_photos_and_documents_query_count_is_flat(
    client, make_event, make_speaker, add_speaker
):
    def event_with(count, name):
        event = make_event(title=f"{name} webinar")
        for n in range(count):
            speaker = make_speaker(full_name=f"{name} {n}", photo=photo(seed=n, width=200))
            add_speaker(event, speaker, position=n)
            Material.objects.create(
                event=event, title=f"Doc {n}", file=SimpleUploadedFile("d.pdf", sf.minimal_pdf())
            )
        return event

    one_count, _ = count_queries(client, event_with(1, "One").get_absolute_url())
    many_count, response = count_queries(client, event_with(12, "Many").get_absolute_url())

    page = parse_html(response.content)
    assert one_count == many_count <= 10  # the page loads its key fields, the fragment the event
    assert text(one_element(page, "h1")) == "Many webinar"
    assert [len(page.select(s)) for s in ("ul.speakers picture", "ul.materials > li")] == [12, 12]


def test_seed_event_page_speaker_images_fit_in_15_kb_on_a_phone(client, db):
    """The demo webinar, its speakers given generated photos: whatever a 375 px phone picks
    for a 72 px card at 1x to 3x density (the first candidate at least 72, 144 or 216 px
    wide) weighs at most 15 KB."""
    call_command("load_demo", verbosity=0)
    event = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")
    for n, appearance in enumerate(event.appearances.select_related("speaker")):
        speaker = appearance.speaker
        portrait = sf.portrait(900, 1200, seed=n, noise=40)
        speaker.photo = SimpleUploadedFile("p.jpg", sf.encode(portrait, "JPEG", quality=92))
        speaker.save()
    body = client.get(event.get_absolute_url()).content.decode()
    picked = {}
    for tag in find_tags(body, "source", "img"):
        candidates = [c.rsplit(" ", 1) for c in tag["srcset"].split(", ")]
        for needed in (72, 144, 216):
            url = next(u for u, w in candidates if int(w.rstrip("w")) >= needed)
            name = url.removeprefix(settings.MEDIA_URL)
            picked[name] = default_storage.size(name)
    assert len(picked) == 7 * 3 * 2  # 7 speakers, 3 densities, WebP and JPEG
    assert max(picked.values()) <= 15_000, sorted(picked.values())
