"""What staff write, in several languages: fallback marked honestly, languages as facts."""

from django.conf import settings

from events.models import AgendaItem, Event
from tests.html_tags import find_tags, one
from tests.queries import count_queries


def _tag_text(body, tag, css_class=None):
    """(attributes, text) of the first <tag> (with `css_class`), read with the parser."""
    from html.parser import HTMLParser

    class Reader(HTMLParser):
        found, depth, text = None, 0, ""

        def handle_starttag(self, name, attrs):
            attrs = dict(attrs)
            if (
                self.found is None
                and name == tag
                and (css_class is None or css_class in attrs.get("class", "").split())
            ):
                self.found, self.depth = attrs, 1
            elif self.found is not None and self.depth:
                self.depth += name == tag

        def handle_endtag(self, name):
            if self.found is not None and self.depth and name == tag:
                self.depth -= 1

        def handle_data(self, data):
            if self.found is not None and self.depth:
                self.text += data

    reader = Reader()
    reader.feed(body)
    return reader.found, reader.text.strip()


def test_untranslated_title_shows_the_english_marked_as_english(client, make_event):
    event = make_event(title="Water and cities", slug="water")

    attrs, text = _tag_text(client.get(f"/ar{event.get_absolute_url()}").content.decode(), "h1")

    assert text == "Water and cities"
    assert (attrs["lang"], attrs["dir"]) == ("en", "ltr")


def test_translated_title_shows_in_the_page_language_unmarked(client, make_event):
    event = make_event(title="Water and cities", slug="water")
    Event.objects.filter(pk=event.pk).update(title_fr="L'eau et les villes")

    attrs, text = _tag_text(client.get(f"/fr{event.get_absolute_url()}").content.decode(), "h1")

    assert text == "L'eau et les villes"
    assert "lang" not in attrs


def test_page_says_which_languages_the_webinar_is_written_in(client, make_event):
    event = make_event(title="Water", slug="water", description="Long text.")
    Event.objects.filter(pk=event.pk).update(description_es="Texto largo.")

    body = client.get(f"/fr{event.get_absolute_url()}").content.decode()

    assert _tag_text(body, "p", "available-in")[1] == "Disponible en : English, Español"
    spans = [t["lang"] for t in find_tags(body, "span") if "lang" in t and "aria-current" not in t]
    assert spans[:2] == ["en", "es"]
    assert _tag_text(body, "div", "prose")[0]["lang"] == "en"  # French has no description


def test_agenda_item_falls_back_per_field(client, make_event):
    event = make_event(slug="water")
    AgendaItem.objects.create(event=event, title="Opening", title_ru="Открытие")

    body = client.get(f"/ru{event.get_absolute_url()}").content.decode()
    attrs, text = _tag_text(body, "span", "agenda-title")

    assert (text, "lang" in attrs) == ("Открытие", False)


def test_spoken_and_interpretation_languages_are_shown_and_in_json_ld(client, make_event, jsonld):
    event = make_event(slug="water", languages=["en", "fr"], interpretation_languages=["ar"])

    body = client.get(event.get_absolute_url()).content.decode()

    assert _tag_text(body, "p", "languages-spoken")[1] == (
        "Language: English, Français · Interpretation: العربيّة"
    )
    (data,) = jsonld(body)
    assert data["inLanguage"] == ["en", "fr", "ar"]


def test_list_filters_by_language_spoken_or_interpreted(client, make_event):
    make_event(title="English only", languages=["en"])
    make_event(title="Held in French", languages=["fr"])
    make_event(title="Interpreted into French", languages=["en"], interpretation_languages=["fr"])

    response = client.get("/events/", {"language": "fr"})

    titles = sorted(e.title for e in response.context["events"])
    assert titles == ["Held in French", "Interpreted into French"]


def test_search_finds_text_in_any_language(client, make_event):
    event = make_event(title="Water and cities")
    Event.objects.filter(pk=event.pk).update(title_zh_hans="水与城市")

    response = client.get("/ru/events/", {"q": "城市"})

    assert [e.pk for e in response.context["events"]] == [event.pk]


def test_search_finds_a_translated_title_whatever_its_accents(client, make_event, make_speaker,
                                                              add_speaker):  # fmt: skip
    event = make_event(title="Water and cities")
    other = make_event(title="Something else")
    add_speaker(other, make_speaker(full_name="Zhu Lin"))
    event.title_fr = "L'eau et les villes : défis"
    event.save()  # on PostgreSQL the search words are rebuilt from every language's column

    found = client.get("/events/", {"q": "DEFIS villes"}).context["events"]

    assert [e.pk for e in found] == [event.pk]


def test_admin_arabic_field_is_right_to_left_in_an_english_admin(editor_client, make_event):
    event = make_event(slug="water")

    body = editor_client.get(
        f"/{settings.ADMIN_URL}events/event/{event.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    fields = {t["name"]: t for t in find_tags(body, "input", "textarea") if "name" in t}
    assert (fields["title_ar"]["lang"], fields["title_ar"]["dir"]) == ("ar", "rtl")
    assert (fields["title_fr"]["lang"], fields["title_fr"]["dir"]) == ("fr", "ltr")
    assert (fields["summary_ar"]["dir"], fields["title_en"]["dir"]) == ("rtl", "ltr")


def test_event_page_query_count_is_the_same_in_every_language(client, make_event):
    event = make_event(slug="water")
    AgendaItem.objects.create(event=event, title="Opening")
    counts, languages = [], []
    for prefix in ("", "/ar", "/zh-hans"):
        count, response = count_queries(client, f"{prefix}{event.get_absolute_url()}")
        counts.append(count)
        languages.append(one(response.content, "html")["lang"])
    assert languages == ["en", "ar", "zh-hans"]
    assert counts[0] > 0
    assert counts == [counts[0]] * 3


def test_venue_line_joins_its_parts_with_the_page_language_comma(client, make_event):
    event = make_event(
        slug="forum",
        attendance_mode=Event.AttendanceMode.MIXED,
        venue="Hangzhou International Expo Center",
        address_locality="Hangzhou",
        address_country="China",
    )
    Event.objects.filter(pk=event.pk).update(
        address_locality_ar="هانغتشو",
        address_country_ar="الصين",
        address_locality_zh_hans="杭州",
        address_country_zh_hans="中国",
    )

    def venue(prefix):
        body = client.get(f"{prefix}{event.get_absolute_url()}").content.decode()
        return _tag_text(body, "p", "venue")[1]

    assert venue("") == "Hangzhou International Expo Center, Hangzhou, China"
    assert venue("/ar") == "Hangzhou International Expo Center، هانغتشو، الصين"
    assert venue("/zh-hans") == "Hangzhou International Expo Center，杭州，中国"
