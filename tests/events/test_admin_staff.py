"""The event admin as a new staff member uses it: the time zone picker and what it says about
old and odd names, ends after midnight, slugs, and the changelist's dates in the event's
own zone. (The form's width and the shortcuts' zone are in tests/browser/test_admin_form.py.)"""

import datetime
import zoneinfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from common.slugs import cut_slug, unique_slug
from events.models import AgendaItem, Event, Session
from tests.events.test_admin import _event_post
from tests.html_tags import one, parse_html, text, texts

NY = zoneinfo.ZoneInfo("America/New_York")
UTC = datetime.timezone.utc
ADD = "admin:events_event_add"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _session_errors(response):
    (inline,) = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "sessions"
    ]
    return inline.formset.errors[0]


# -- The time zone picker -------------------------------------------------------------------


def test_time_zone_is_picked_from_current_names_by_city_and_country(admin_client, db):
    page = parse_html(admin_client.get(reverse(ADD)).content)
    picker = one(page, "select#id_timezone[data-zone-picker]")
    options = {o["value"]: text(o) for o in picker.select("option")}

    assert options["Europe/Kyiv"].startswith("Kyiv, Ukraine (UTC+")
    assert options["America/New_York"].startswith("New York, United States (UTC−")
    assert options["UTC"] == "UTC · Coordinated Universal Time"
    # Old names and names that are no place are not offered.
    assert {"Europe/Kiev", "Asia/Calcutta", "US/Eastern", "EST", "Etc/GMT+2"} & set(
        options
    ) == set()
    assert 400 < len(options) < 460
    assert one(picker, "option[selected]")["value"] == "America/New_York"


@pytest.mark.parametrize(
    ("typed", "current"),
    [
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("US/Eastern", "America/New_York"),
        ("Etc/UTC", "UTC"),
    ],
)
def test_old_zone_name_is_saved_as_its_current_name_with_a_note(admin_client, typed, current):
    response = admin_client.post(reverse(ADD), _event_post(timezone=typed), follow=True)

    assert Event.objects.get(slug="data-for-cities").timezone == current
    assert _messages(response)[0] == (f"“{typed}” is an old name of {current}: saved as {current}.")


@pytest.mark.parametrize(
    ("name", "meaning"),
    [
        (
            "Etc/GMT+2",
            "“Etc/GMT+2” is not a place: it is UTC−2 all year, with no summer time. The sign of "
            "these names is reversed: Etc/GMT+2 is UTC−2, not the other way. ",
        ),
        ("EST", "“EST” is not a place: it is UTC−5 all year, with no summer time. "),
        (
            "CET",
            "“CET” is not a place: it switches between UTC+1 and UTC+2 on dates that may not be "
            "those of the event's city. ",
        ),
    ],
)
def test_zone_that_is_no_place_is_kept_with_a_warning_saying_what_it_means(
    admin_client, make_event, name, meaning
):
    advice = "Choose the city where the event is held, so that its clock changes are followed."

    response = admin_client.post(reverse(ADD), _event_post(timezone=name), follow=True)

    event = Event.objects.get(slug="data-for-cities")
    assert event.timezone == name
    assert _messages(response)[0] == meaning + advice
    change = parse_html(
        admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    )
    assert text(one(change, ".field-timezone .help")).startswith(meaning + advice)
    assert text(one(change, "#id_timezone option[selected]")) == (
        f"{name} (not a place: see the warning)"
    )


def test_zone_that_is_no_iana_name_is_refused(admin_client, db):
    response = admin_client.post(reverse(ADD), _event_post(timezone="Mars/Olympus_Mons"))

    assert texts(response.content, ".field-timezone .errorlist li") == [
        "Select a valid choice. Mars/Olympus_Mons is not one of the available choices."
    ]
    assert Event.objects.count() == 0


# -- Ends after midnight ----------------------------------------------------------------------


def test_session_end_time_alone_before_the_start_ends_the_next_day(admin_client, db):
    data = _event_post(start_1="22:00:00", end_0="", end_1="01:00:00")

    response = admin_client.post(reverse(ADD), data)

    assert response.status_code == 302
    session = Event.objects.get(slug="data-for-cities").sessions.get()
    assert (session.local("start"), session.local("end")) == (
        datetime.datetime(2021, 9, 9, 22, 0, tzinfo=NY),
        datetime.datetime(2021, 9, 10, 1, 0, tzinfo=NY),
    )


def test_session_end_time_alone_after_the_start_is_the_same_day(admin_client, db):
    response = admin_client.post(reverse(ADD), _event_post(end_0="", end_1="09:30:00"))

    assert response.status_code == 302
    session = Event.objects.get(slug="data-for-cities").sessions.get()
    assert session.local("end") == datetime.datetime(2021, 9, 9, 9, 30, tzinfo=NY)


@pytest.mark.parametrize(
    ("end_0", "end_1", "next_day"),
    [
        ("2021-09-09", "01:00:00", "2021-09-10 01:00"),  # the same date typed
        ("", "07:00:00", "2021-09-10 07:00"),  # 23 hours on: rather a typing slip
    ],
)
def test_session_end_before_the_start_names_the_next_day(admin_client, end_0, end_1, next_day):
    start_1 = "22:00:00" if end_1 == "01:00:00" else "08:00:00"
    data = _event_post(start_1=start_1, end_0=end_0, end_1=end_1)

    response = admin_client.post(reverse(ADD), data)

    assert response.status_code == 200
    assert _session_errors(response) == {
        "end": [
            "The end must be after the start. If it ends after midnight, give the next day as "
            f"its date: {next_day}."
        ]
    }
    assert Event.objects.count() == 0


def test_agenda_item_past_midnight_is_entered_with_its_end_time_only(admin_client, db):
    data = _event_post(
        start_1="21:00:00",
        end_0="2021-09-10",
        end_1="02:00:00",
        **{
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-0-position": "1",
            "agenda_items-0-kind": AgendaItem.Kind.PANEL,
            "agenda_items-0-title_en": "Late panel",
            "agenda_items-0-start_0": "2021-09-09",
            "agenda_items-0-start_1": "23:30",
            "agenda_items-0-end_0": "",
            "agenda_items-0-end_1": "00:45",
        },
    )

    response = admin_client.post(reverse(ADD), data)

    assert response.status_code == 302
    item = Event.objects.get(slug="data-for-cities").agenda_items.get()
    assert item.local("end") == datetime.datetime(2021, 9, 10, 0, 45, tzinfo=NY)


def test_end_fields_say_how_to_enter_an_end_after_midnight(admin_client, db):
    page = parse_html(admin_client.get(reverse(ADD)).content)
    helps = texts(page, "#sessions-group td.field-end .help, #agenda_items-group .field-end .help")
    assert set(helps) == {
        "Leave the end date empty for the start's date; an end time earlier than the start "
        "then means the next day (22:00 to 01:00), up to 12 hours after the start."
    }


# -- Slugs ------------------------------------------------------------------------------------


def test_slug_taken_by_another_event_gets_a_suffix_instead_of_an_error(admin_client, make_event):
    make_event(title="Data for cities", slug="data-for-cities")

    response = admin_client.post(reverse(ADD), _event_post(), follow=True)

    assert [e.slug for e in Event.objects.order_by("pk")] == [
        "data-for-cities",
        "data-for-cities-2",
    ]
    assert _messages(response)[0] == (
        "The address “data-for-cities” was taken: saved as “data-for-cities-2”."
    )


def test_slug_cut_mid_word_by_the_form_loses_the_cut_word(admin_client, db):
    title = "Advancing SMART Cities and Urban Digital Transformation"
    data = _event_post(title_en=title, slug="advancing-smart-cities-and-urban-digital-transfo")

    assert admin_client.post(reverse(ADD), data).status_code == 302
    assert Event.objects.get().slug == "advancing-smart-cities-and-urban-digital"


def test_empty_slug_is_made_from_the_title(admin_client, db):
    data = _event_post(title_en="Données ouvertes", slug="")

    assert admin_client.post(reverse(ADD), data).status_code == 302
    assert Event.objects.get().slug == "données-ouvertes"


def test_cut_slug_cuts_between_words():
    assert cut_slug("data-for-cities", 12) == "data-for"
    assert cut_slug("data-for-cities", 8) == "data-for"
    assert cut_slug("data-for-cities", 15) == "data-for-cities"
    assert cut_slug("interoperability", 5) == "inter"  # one word longer than the limit


def test_unique_slug_never_cuts_a_word_even_with_a_suffix(make_event):
    title = "Digital government transformation in small island developing states"
    first = make_event(title=title, slug=unique_slug(Event(), title, "webinar", max_length=40))
    second = unique_slug(Event(), title, "webinar", max_length=40)

    assert (first.slug, second) == (
        "digital-government-transformation-in",
        "digital-government-transformation-in-2",
    )
    assert len(second) <= 40


# -- The changelist's dates in the event's zone -----------------------------------------------


@pytest.fixture
def new_york_evening(make_event):
    """An event at 8 pm in New York on 30 June 2021: already 1 July in UTC."""
    return make_event(
        title="Evening in New York",
        start=datetime.datetime(2021, 6, 30, 20, 0, tzinfo=NY),
        timezone="America/New_York",
    )


def test_event_keeps_its_start_date_in_its_own_zone(new_york_evening):
    assert new_york_evening.start == datetime.datetime(2021, 7, 1, 0, 0, tzinfo=UTC)
    assert Event.objects.get().local_start_date == datetime.date(2021, 6, 30)


def test_changelist_date_drill_down_files_an_evening_in_new_york_under_june(
    admin_client, new_york_evening
):
    changelist = reverse("admin:events_event_changelist")

    months = admin_client.get(changelist, {"local_start_date__year": "2021"})
    june = admin_client.get(
        changelist, {"local_start_date__year": "2021", "local_start_date__month": "6"}
    )
    july = admin_client.get(
        changelist, {"local_start_date__year": "2021", "local_start_date__month": "7"}
    )
    assert texts(months.content, ".toplinks a") == ["‹ All dates", "June 2021"]
    assert texts(june.content, "#result_list th.field-title a") == ["Evening in New York"]
    assert texts(july.content, "#result_list th.field-title a") == []
    assert texts(june.content, ".toplinks a") == ["‹ 2021", "June 30"]


def test_changelist_year_filter_reads_the_events_zone(admin_client, make_event):
    make_event(
        title="New Year's Eve in New York",  # 1 January 2022 in UTC
        start=datetime.datetime(2021, 12, 31, 20, 0, tzinfo=NY),
        timezone="America/New_York",
    )
    changelist = reverse("admin:events_event_changelist")

    in_2021 = admin_client.get(changelist, {"year": "2021"})
    in_2022 = admin_client.get(changelist, {"year": "2022"})

    assert texts(in_2021.content, "#result_list th.field-title a") == ["New Year's Eve in New York"]
    assert texts(in_2022.content, "#result_list th.field-title a") == []


def test_agenda_item_page_tells_the_shortcuts_its_events_zone(admin_client, make_event):
    event = make_event(
        start=datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY), timezone="America/New_York"
    )
    item = AgendaItem.objects.create(event=event, title="Opening", start=event.start)

    page = parse_html(
        admin_client.get(reverse("admin:events_agendaitem_change", args=[item.pk])).content
    )

    zones = {i["data-event-zone"] for i in page.select("input[name^=start_], input[name^=end_]")}
    assert zones == {"America/New_York"}
    assert "/static/js/admin-event.js" in [s.get("src") for s in page.select("script")]


def test_changelist_shows_a_date_only_event_by_its_date(admin_client, make_event):
    event = Event.objects.create(title="Forum in Geneva", summary="S.", timezone="Europe/Zurich")
    Session.objects.create(event=event, start_date=datetime.date(2027, 10, 3))
    make_event(title="Evening", start=datetime.datetime(2021, 6, 30, 20, 0, tzinfo=NY))

    response = admin_client.get(reverse("admin:events_event_changelist"))

    assert texts(response.content, "td.field-local_start") == [
        "2027-10-03",
        "2021-06-30 20:00 EDT",
    ]


@pytest.mark.parametrize(
    ("model", "source", "value"),
    [("series", "title", "Data Forum"), ("topic", "name", "Data Forum")],
)
def test_series_and_topic_slugs_taken_get_a_suffix_too(admin_client, model, source, value):
    url = reverse(f"admin:events_{model}_add")
    source = f"{source}_en"  # the English column of a translated field
    first = admin_client.post(url, {source: value, "slug": "data-forum"})
    second = admin_client.post(url, {source: f"{value}, again", "slug": "data-forum"}, follow=True)

    Model = first.wsgi_request.resolver_match.func.model_admin.model
    assert first.status_code == 302
    assert sorted(Model.objects.values_list("slug", flat=True)) == ["data-forum", "data-forum-2"]
    assert "The address “data-forum” was taken: saved as “data-forum-2”." in _messages(second)
