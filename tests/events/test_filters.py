"""Finding webinars on /events/: filters that combine, paginate and work without JavaScript."""

import datetime

import pytest
from django.urls import reverse

from events.models import Event, SustainableDevelopmentGoal, Topic
from tests.html_tags import one, parse_html, texts

DAY = datetime.timedelta(days=1)
UTC = datetime.timezone.utc


def _titles(response):
    return [e.title for e in response.context["events"]]


@pytest.fixture
def catalogue(make_event, make_speaker, add_speaker, topic):
    """Three published webinars and a draft that matches every filter."""
    health = Topic.objects.create(name="Health", slug="health")
    sdg11 = SustainableDevelopmentGoal.objects.get(number=11)
    sdg3 = SustainableDevelopmentGoal.objects.get(number=3)
    cities = make_event(
        title="Smart cities",
        summary="Urban data.",
        start=datetime.datetime(2021, 9, 9, 12, tzinfo=UTC),
    )
    cities.topics.add(topic)
    cities.sdgs.add(sdg11)
    add_speaker(cities, make_speaker(full_name="Yong LU", organization="Shanghai Data Exchange"))
    clinics = make_event(
        title="Digital clinics",
        summary="Telemedicine in small islands.",
        start=datetime.datetime(2022, 3, 1, 12, tzinfo=UTC),
    )
    clinics.topics.add(health)
    clinics.sdgs.add(sdg3)
    add_speaker(clinics, make_speaker(full_name="فاطمة الزهراء", organization="WHO"))
    future = make_event(title="Open data portals", summary="Publishing data.", starts_in=10 * DAY)
    future.topics.add(topic)
    future.sdgs.add(sdg11)
    draft = make_event(
        title="Zebra secret draft",
        summary="Urban data.",
        publication=Event.Publication.DRAFT,
        start=datetime.datetime(2021, 9, 9, 12, tzinfo=UTC),
    )
    draft.topics.add(topic)
    draft.sdgs.add(sdg11)
    add_speaker(draft, make_speaker(full_name="Secret Person", organization="Shanghai Data"))
    return {"cities": cities, "clinics": clinics, "future": future}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Open data portals", "Digital clinics", "Smart cities"]),
        ({"topic": "digital-government"}, ["Open data portals", "Smart cities"]),
        ({"sdg": "3"}, ["Digital clinics"]),
        ({"year": "2021"}, ["Smart cities"]),
        ({"when": "upcoming"}, ["Open data portals"]),
        ({"when": "past"}, ["Digital clinics", "Smart cities"]),
        ({"q": "cities"}, ["Smart cities"]),  # title
        ({"q": "TELEMEDICINE"}, ["Digital clinics"]),  # summary, any case
        ({"q": "Yong"}, ["Smart cities"]),  # speaker's name
        ({"q": "فاطمة"}, ["Digital clinics"]),  # speaker's name, Arabic script
        ({"q": "Shanghai Data"}, ["Smart cities"]),  # organisation, every word
        ({"q": "data clinics"}, []),  # no webinar has both words
        ({"topic": "digital-government", "when": "past"}, ["Smart cities"]),
        ({"sdg": "11", "year": "2021", "q": "urban"}, ["Smart cities"]),
        ({"topic": "health", "sdg": "11"}, []),
        ({"year": "2019"}, []),  # a year without webinars finds none
        ({"sdg": "17"}, []),  # so does a goal without webinars
        ({"speaker": "yong-lu"}, ["Smart cities"]),  # the link under a speaker's webinars
        ({"speaker": "yong-lu", "when": "upcoming"}, []),
    ],
)
def test_event_list_filters_combine_and_never_show_drafts(client, catalogue, query, expected):
    response = client.get(reverse("events:list"), query)
    assert _titles(response) == expected
    assert "Zebra secret draft" not in response.content.decode()


def test_event_list_filter_choices_offer_what_published_events_have(client, catalogue):
    Topic.objects.create(name="Only in drafts or nowhere", slug="nowhere")
    form = client.get(reverse("events:list")).context["filter_form"]
    assert [t.slug for t in form.fields["topic"].queryset] == ["digital-government", "health"]
    assert [g.number for g in form.fields["sdg"].queryset] == list(range(1, 18))
    years = sorted({catalogue["future"].start.year, 2022, 2021}, reverse=True)
    assert form.fields["year"].choices == [("", "All years")] + [(y, str(y)) for y in years]


BOTH_TAGGED = ["Open data portals", "Smart cities"]


@pytest.mark.parametrize(
    ("query", "error_field", "expected"),
    [
        ({"year": "abc", "topic": "digital-government"}, "year", BOTH_TAGGED),
        ({"sdg": "99", "topic": "digital-government"}, "sdg", BOTH_TAGGED),
        ({"year": "99999", "topic": "digital-government"}, "year", BOTH_TAGGED),
        ({"topic": "no-such-topic", "year": "2021"}, "topic", ["Smart cities"]),
        ({"when": "tomorrow", "year": "2021"}, "when", ["Smart cities"]),
        # Only public speakers: one seen only in drafts is no filter.
        ({"speaker": "secret-person", "year": "2021"}, "speaker", ["Smart cities"]),
    ],
)
def test_event_list_bad_filter_is_reported_and_the_others_still_apply(
    client, catalogue, query, error_field, expected
):
    response = client.get(reverse("events:list"), query)

    assert response.status_code == 200
    assert list(response.context["filter_form"].errors) == [error_field]
    assert texts(response.content, "form.filters .form-error") == [
        "Some filters could not be used; the others were applied."
    ]
    assert _titles(response) == expected


def test_event_list_form_keeps_the_chosen_values_without_javascript(client, catalogue):
    response = client.get(
        reverse("events:list"), {"q": "data", "topic": "digital-government", "when": "past"}
    )
    form = one(response.content, "form.filters")
    assert (form["method"], form["action"]) == ("get", "/events/")
    assert one(form, 'input[name="q"]')["value"] == "data"
    chosen = {s["name"]: [o["value"] for o in s.select("option[selected]")] for s in form("select")}
    assert (chosen["topic"], chosen["when"]) == (["digital-government"], ["past"])
    assert texts(form, ".filter-actions a") == ["Clear filters"]


def test_event_list_pagination_keeps_the_filters(client, make_event, topic):
    for n in range(14):
        make_event(title=f"Tagged {n:02d}", starts_in=(n + 1) * DAY).topics.add(topic)
    for n in range(5):
        make_event(title=f"Untagged {n}", starts_in=(n + 1) * DAY)

    first = client.get(reverse("events:list"), {"topic": "digital-government", "q": "tagged"})
    second = client.get(
        reverse("events:list"), {"topic": "digital-government", "q": "tagged", "page": 2}
    )

    def links(response):
        anchors = parse_html(response.content).select("nav.pagination a")
        return {" ".join(a["rel"]): a["href"] for a in anchors}

    assert links(first) == {"next": "?topic=digital-government&q=tagged&page=2"}
    assert _titles(second) == ["Tagged 12", "Tagged 13"]
    assert links(second) == {"prev": "?topic=digital-government&q=tagged&page=1"}


def test_event_list_with_no_match_says_so(client, catalogue):
    response = client.get(reverse("events:list"), {"q": "nothing-like-this"})
    assert texts(response.content, 'main p[role="status"]') == [
        "No webinars match these filters. Show all webinars"
    ]
    assert parse_html(response.content).select(".event-card") == []


def test_sdg_links_lead_to_the_filtered_list(client, catalogue):
    body = client.get(catalogue["clinics"].get_absolute_url()).content.decode()
    assert '<a class="sdg sdg-3" href="/events/?sdg=3">SDG 3: Good health and well-being</a>' in (
        body
    )


def test_event_list_filtered_by_speaker_names_them_and_keeps_them_for_other_filters(
    client, catalogue
):
    page = parse_html(client.get(reverse("events:list"), {"speaker": "yong-lu"}).content)

    assert texts(page, "form.filters .filter-speaker") == ["Webinars with Yong LU"]
    kept = one(page, 'form.filters input[name="speaker"]')
    assert (kept["type"], kept["value"]) == ("hidden", "yong-lu")
    assert texts(page, "form.filters .filter label") == [
        "Search",
        "Topic",
        "Goal (SDG)",
        "Year",
        "When",
        "Language",
    ]
