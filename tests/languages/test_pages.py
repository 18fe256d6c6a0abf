"""Every page in the six UN languages: its address, lang and dir, the switcher, hreflang."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from events.models import Event
from tests.html_tags import find_tags

#: (language code, address prefix, dir)
LANGUAGES = [
    ("ar", "/ar", "rtl"),
    ("zh-hans", "/zh-hans", "ltr"),
    ("en", "", "ltr"),
    ("fr", "/fr", "ltr"),
    ("ru", "/ru", "ltr"),
    ("es", "/es", "ltr"),
]
#: A word of the page's own chrome ("Webinars" in the main navigation), per language.
NAV_WORD = {
    "ar": "الندوات عبر الإنترنت",
    "zh-hans": "网络研讨会",
    "en": "Webinars",
    "fr": "Webinaires",
    "ru": "Вебинары",
    "es": "Seminarios web",
}
PAGE_TYPES = [
    "home",
    "event-list",
    "event",
    "world-clock",
    "topic",
    "speaker-list",
    "speaker",
    "time-zone",
]


@pytest.fixture
def pages(make_event, make_speaker, add_speaker, topic):
    """{page type: English address}."""
    event = make_event(title="Water and cities", slug="water-and-cities")
    event.topics.add(topic)
    speaker = make_speaker(full_name="Zhu Lin", slug="zhu-lin")
    add_speaker(event, speaker)
    return {
        "home": "/",
        "event-list": "/events/",
        "event": "/events/water-and-cities/",
        "world-clock": "/events/water-and-cities/world-clock/",
        "topic": "/topics/digital-government/",
        "speaker-list": "/speakers/",
        "speaker": "/speakers/zhu-lin/",
        "time-zone": "/time-zone/",
    }


def html_attributes(body):
    return find_tags(body, "html")[0]


@pytest.mark.parametrize("page", PAGE_TYPES)
@pytest.mark.parametrize(("language", "prefix", "direction"), LANGUAGES)
def test_page_in_each_language(client, pages, page, language, prefix, direction):
    response = client.get(prefix + pages[page])

    assert response.status_code == 200
    body = response.content.decode()
    assert html_attributes(body) | {"tag": None} == {
        "tag": None,
        "lang": language,
        "dir": direction,
    }
    assert response["Content-Language"] == language
    nav = [a for a in find_tags(body, "a") if a.get("href") == f"{prefix}/events/"]
    assert nav, "the main navigation stays in the page's language"
    assert NAV_WORD[language] in body


def test_english_keeps_its_unprefixed_addresses(client, pages):
    assert client.get("/events/water-and-cities/").status_code == 200
    assert reverse("events:detail", kwargs={"slug": "water-and-cities"}) == pages["event"]


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/en/", "/"),
        ("/en", "/"),
        ("/en/events/?topic=water", "/events/?topic=water"),
        ("/en//example.org/", "/example.org/"),
    ],
)
def test_en_prefix_redirects_to_the_unprefixed_address(client, path, target):
    response = client.get(path)
    assert (response.status_code, response["Location"]) == (301, target)


def test_language_never_comes_from_the_browser_or_a_cookie(client, pages):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = client.get(pages["event"], HTTP_ACCEPT_LANGUAGE="ar,fr;q=0.9")

    assert html_attributes(response.content.decode())["lang"] == "en"
    assert "Accept-Language" not in response.get("Vary", "")


def test_admin_speaks_the_staff_members_language(editor_client):
    response = editor_client.get(f"/{settings.ADMIN_URL}", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    assert html_attributes(response.content.decode())["lang"] == "fr"
    assert "Accept-Language" in response["Vary"]


def test_switcher_links_to_the_same_page_in_each_language(client, pages):
    body = client.get("/fr/events/?when=past").content.decode()

    switcher = [(a["hreflang"], a["href"]) for a in find_tags(body, "a") if "hreflang" in a]
    assert switcher == [
        ("ar", "/ar/events/?when=past"),
        ("zh-hans", "/zh-hans/events/?when=past"),
        ("en", "/events/?when=past"),
        ("ru", "/ru/events/?when=past"),
        ("es", "/es/events/?when=past"),
    ]
    # The page's own language is named, not linked.
    current = [s for s in find_tags(body, "span") if s.get("aria-current")]
    assert current == [{"tag": "span", "lang": "fr", "aria-current": "true"}]


def test_hreflang_alternates_name_every_language_and_x_default(client, pages):
    body = client.get("/ru/events/water-and-cities/").content.decode()

    alternates = {
        link["hreflang"]: link["href"]
        for link in find_tags(body, "link")
        if link.get("rel") == "alternate" and "hreflang" in link
    }
    assert alternates == {
        "ar": "http://testserver/ar/events/water-and-cities/",
        "zh-hans": "http://testserver/zh-hans/events/water-and-cities/",
        "en": "http://testserver/events/water-and-cities/",
        "fr": "http://testserver/fr/events/water-and-cities/",
        "ru": "http://testserver/ru/events/water-and-cities/",
        "es": "http://testserver/es/events/water-and-cities/",
        "x-default": "http://testserver/events/water-and-cities/",
    }


def test_sitemap_lists_every_language_version(client, pages):
    body = client.get("/sitemap-events.xml").content.decode()

    for prefix in ("", "/ar", "/zh-hans", "/fr", "/ru", "/es"):
        assert f"<loc>http://testserver{prefix}/events/water-and-cities/</loc>" in body
    assert 'hreflang="x-default" href="http://testserver/events/water-and-cities/"' in body


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/fr/events/feed/", "application/rss+xml"),
        ("/fr/events/feed/atom/", "application/atom+xml"),
        ("/fr/events/calendar.ics", "text/calendar"),
        ("/fr/events/water-and-cities/calendar.ics", "text/calendar"),
    ],
)
def test_feeds_and_calendars_answer_in_each_language(client, pages, path, content_type):
    response = client.get(path)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Language"] == "fr"
    assert "/fr/events/water-and-cities/" in response.content.decode()


def test_page_cache_keeps_one_copy_per_language(client, pages):
    english = client.get(pages["event"])
    french = client.get("/fr" + pages["event"])
    again = client.get(pages["event"])

    assert [html_attributes(r.content.decode())["lang"] for r in (english, french, again)] == [
        "en",
        "fr",
        "en",
    ]
    assert english["ETag"] == again["ETag"] != french["ETag"]


def test_get_absolute_url_follows_the_active_language(pages):
    event = Event.objects.get(slug="water-and-cities")
    with translation.override("zh-hans"):
        assert event.get_absolute_url() == "/zh-hans/events/water-and-cities/"


def test_header_names_the_site_in_the_page_language(client, db):
    assert "<title>联合国经济和社会事务部能力建设网络研讨会</title>" in (
        client.get("/zh-hans/").content.decode()
    )
    assert "<title>UN DESA Capacity-Building Webinars</title>" in client.get("/").content.decode()


def test_a_site_name_of_the_operators_own_is_shown_as_written(client, settings, db):
    settings.SITE_NAME = "Webinaires de la CEA"

    assert "<title>Webinaires de la CEA</title>" in client.get("/ar/").content.decode()
