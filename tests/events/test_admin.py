import datetime
import zoneinfo

import pytest
from django.urls import reverse

from events.models import (
    AgendaItem,
    Event,
    EventSpeaker,
    Organization,
    Series,
    SustainableDevelopmentGoal,
)
from speakers.models import Speaker
from tests.html_tags import one, parse_html, text, texts

NY = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _event_post(**overrides):
    """The add/change form's POST data: one session (start_0/start_1/end_0/end_1 in
    `overrides` set its date and time fields) and the other inline formsets empty."""
    session = {
        "start_0": "2021-09-09",
        "start_1": "08:00:00",
        "end_0": "2021-09-09",
        "end_1": "10:30:00",
    }
    for key in list(overrides):
        if key in session:
            session[key] = overrides.pop(key)
    data = {
        "title_en": "Data for cities",
        "slug": "data-for-cities",
        "kind": Event.Kind.WEBINAR,
        "summary_en": "A short summary.",
        "timezone": "America/New_York",
        "status": Event.Status.SCHEDULED,
        "publication": Event.Publication.DRAFT,
        "languages": ["en"],
        "attendance_mode": Event.AttendanceMode.ONLINE,
        **{f"sessions-0-{key}": value for key, value in session.items()},
    }
    for prefix in ("sessions", "organizers", "appearances", "agenda_items", "materials"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "1" if prefix == "sessions" else "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def test_admin_add_page_has_inlines(admin_client, db):
    page = parse_html(admin_client.get(reverse("admin:events_event_add")).content)
    groups = [group["id"] for group in page.select(".inline-group")]
    assert groups == [
        "sessions-group",
        "organizers-group",
        "appearances-group",
        "agenda_items-group",
        "materials-group",
    ]


def test_admin_add_page_ticks_english_as_the_language_spoken(admin_client, db):
    page = parse_html(admin_client.get(reverse("admin:events_event_add")).content)

    ticked = [box["value"] for box in page.select('input[name="languages"][checked]')]
    assert ticked == ["en"]
    assert page.select('input[name="interpretation_languages"][checked]') == []


def test_admin_add_event_reads_times_in_the_events_zone(admin_client, make_speaker):
    speaker = make_speaker(full_name="Zhu Lin")
    data = _event_post(
        **{
            "appearances-TOTAL_FORMS": "1",
            "appearances-0-speaker": str(speaker.pk),
            "appearances-0-role": EventSpeaker.Role.PRESENTER,
            "appearances-0-position": "1",
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-0-position": "1",
            "agenda_items-0-title_en": "Opening",
            "agenda_items-0-kind": "welcome-remarks",
            "agenda_items-0-start_0": "2021-09-09",
            "agenda_items-0-start_1": "08:00",
            "agenda_items-0-end_0": "2021-09-09",
            "agenda_items-0-end_1": "08:10",
        }
    )

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="data-for-cities")
    assert event.start == datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc)
    assert event.end == datetime.datetime(2021, 9, 9, 14, 30, tzinfo=datetime.timezone.utc)
    item = event.agenda_items.get()
    assert item.start == datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc)
    assert [a.speaker for a in event.appearances.all()] == [speaker]


def test_admin_change_page_shows_times_in_the_events_zone(admin_client, make_event):
    event = make_event(
        start=datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY), hours=2.5, timezone="America/New_York"
    )
    page = parse_html(
        admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    )
    times = [
        one(page, f'input[name="{name}"]')["value"]
        for name in ("sessions-0-start_1", "sessions-0-end_1")
    ]
    assert times == ["08:00:00", "10:30:00"]


def test_admin_refuses_end_before_start(admin_client, db):
    response = admin_client.post(
        reverse("admin:events_event_add"), _event_post(end_0="2021-09-09", end_1="07:00:00")
    )
    assert response.status_code == 200
    assert texts(response.content, ".field-end .errorlist li") == [
        "The end must be after the start. If it ends after midnight, give the next day as "
        "its date: 2021-09-10 07:00."
    ]
    assert not Event.objects.exists()


def test_admin_refuses_time_skipped_by_daylight_saving(admin_client, db):
    response = admin_client.post(
        reverse("admin:events_event_add"),
        _event_post(start_0="2021-03-14", start_1="02:30:00", end_0="2021-03-14", end_1="04:00:00"),
    )
    assert response.status_code == 200
    errors = texts(response.content, ".field-start .errorlist li")
    assert len(errors) == 1 and "does not exist in America/New_York" in errors[0]
    assert not Event.objects.exists()


def test_admin_refuses_javascript_url(admin_client, db):
    response = admin_client.post(
        reverse("admin:events_event_add"), _event_post(registration_url="javascript:alert(1)")
    )
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_admin_publish_and_unpublish_actions(admin_client, make_event):
    draft = make_event(publication=Event.Publication.DRAFT)
    url = reverse("admin:events_event_changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.publication == Event.Publication.PUBLISHED
    admin_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.publication == Event.Publication.DRAFT


def test_admin_changelist_filters_by_year_and_searches_speakers(
    admin_client, make_event, make_speaker, add_speaker
):
    old = make_event(title="Old one", start=datetime.datetime(2021, 9, 9, 12, tzinfo=NY))
    make_event(title="New one", start=datetime.datetime(2025, 1, 9, 12, tzinfo=NY))
    add_speaker(old, make_speaker(full_name="Wang Xingquan"))
    url = reverse("admin:events_event_changelist")

    by_year = admin_client.get(url, {"year": "2021"})
    by_speaker = admin_client.get(url, {"q": "Xingquan"})

    assert list(by_year.context["cl"].result_list) == [old]
    assert list(by_speaker.context["cl"].result_list) == [old]


def test_admin_change_page_links_to_the_site(admin_client, make_event):
    event = make_event()
    page = parse_html(
        admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    )
    link = one(page, "a.viewsitelink")
    assert (text(link), link["href"].startswith("/admin/r/")) == ("View on site", True)


# -- Goals and calendar revisions in the admin -----------------------------------------------


def test_admin_tags_goals_and_a_time_change_raises_the_sequence(admin_client, make_event):
    event = make_event(
        title="Data for cities",
        slug="data-for-cities",
        start=datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY),
        hours=2.5,
        timezone="America/New_York",
    )
    goal = SustainableDevelopmentGoal.objects.get(number=11)
    url = reverse("admin:events_event_change", args=[event.pk])

    same_time = admin_client.post(url, _change_post(event, [], sdgs=[str(goal.pk)]))
    tagged = (list(event.sdgs.all()), Event.objects.get(pk=event.pk).sequence)
    moved = admin_client.post(
        url,
        _change_post(event, [], sdgs=[str(goal.pk)], **{"sessions-0-start_1": "09:00:00"})
        | {"sessions-0-end_1": "11:30:00"},
    )

    assert (same_time.status_code, moved.status_code) == (302, 302)
    assert tagged == ([goal], 0)
    assert Event.objects.get(pk=event.pk).sequence == 1


def test_admin_goals_can_be_renamed_but_not_added_or_deleted(admin_client, db):
    goal = SustainableDevelopmentGoal.objects.get(number=1)
    add = reverse("admin:events_sustainabledevelopmentgoal_add")
    assert admin_client.get(add).status_code == 403
    delete = reverse("admin:events_sustainabledevelopmentgoal_delete", args=[goal.pk])
    assert admin_client.get(delete).status_code == 403
    changelist = admin_client.get(reverse("admin:events_sustainabledevelopmentgoal_changelist"))
    assert len(changelist.context["cl"].result_list) == 17


def _change_post(event, items, **overrides):
    """The change form's POST for `event` with its agenda `items` as posted unchanged."""
    start, end = event.local_start, event.local_end
    data = _event_post(
        title=event.title,
        slug=event.slug,
        summary=event.summary,
        timezone=event.timezone,
        publication=event.publication,
        start_0=start.strftime("%Y-%m-%d"),
        start_1=start.strftime("%H:%M:%S"),
        end_0=end.strftime("%Y-%m-%d"),
        end_1=end.strftime("%H:%M:%S"),
    )
    session = event.sessions.get()
    data.update(
        {
            "agenda_items-TOTAL_FORMS": str(len(items)),
            "agenda_items-INITIAL_FORMS": str(len(items)),
            "sessions-INITIAL_FORMS": "1",
            "sessions-0-id": str(session.pk),
            "sessions-0-event": str(event.pk),
        }
    )
    for n, item in enumerate(items):
        local = item.start.astimezone(event.tzinfo)
        local_end = item.end.astimezone(event.tzinfo)
        data.update(
            {
                f"agenda_items-{n}-id": str(item.pk),
                f"agenda_items-{n}-event": str(event.pk),
                f"agenda_items-{n}-position": str(item.position),
                f"agenda_items-{n}-title_en": item.title,
                f"agenda_items-{n}-kind": item.kind,
                f"agenda_items-{n}-start_0": local.strftime("%Y-%m-%d"),
                f"agenda_items-{n}-start_1": local.strftime("%H:%M:%S"),
                f"agenda_items-{n}-end_0": local_end.strftime("%Y-%m-%d"),
                f"agenda_items-{n}-end_1": local_end.strftime("%H:%M:%S"),
            }
        )
    data.update(overrides)
    return data


def test_admin_changing_the_time_zone_moves_the_agenda_with_the_event(admin_client, make_event):
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    event = make_event(
        start=datetime.datetime(2026, 12, 10, 20, 0, tzinfo=shanghai), timezone="Asia/Shanghai"
    )
    item = AgendaItem.objects.create(
        event=event,
        title="Opening",
        start=datetime.datetime(2026, 12, 10, 20, 0, tzinfo=shanghai),
        end=datetime.datetime(2026, 12, 10, 20, 10, tzinfo=shanghai),
    )

    response = admin_client.post(
        reverse("admin:events_event_change", args=[event.pk]),
        _change_post(event, [item], timezone="Europe/Zurich"),
    )

    assert response.status_code == 302
    event.refresh_from_db()
    item.refresh_from_db()
    zurich = zoneinfo.ZoneInfo("Europe/Zurich")
    assert event.start == datetime.datetime(2026, 12, 10, 20, 0, tzinfo=zurich)
    assert (item.start, item.end) == (
        datetime.datetime(2026, 12, 10, 20, 0, tzinfo=zurich),
        datetime.datetime(2026, 12, 10, 20, 10, tzinfo=zurich),
    )


def test_admin_saving_unchanged_keeps_the_second_of_two_repeated_hours(admin_client, make_event):
    # 06:30 UTC on 1 November 2026 is 1:30 am EST, the second 1:30 in New York that night.
    start = datetime.datetime(2026, 11, 1, 6, 30, tzinfo=datetime.timezone.utc)
    event = make_event(start=start, hours=1, timezone="America/New_York")

    response = admin_client.post(
        reverse("admin:events_event_change", args=[event.pk]), _change_post(event, [])
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.start, event.sequence) == (start, 0)


def test_admin_refuses_to_delete_a_speaker_who_is_on_a_programme(
    admin_client, make_event, make_speaker, add_speaker
):
    speaker = make_speaker(full_name="Keynote Person")
    add_speaker(make_event(title="Published programme"), speaker)
    url = reverse("admin:speakers_speaker_delete", args=[speaker.pk])

    page = parse_html(admin_client.get(url).content)
    admin_client.post(url, {"post": "yes"})

    assert any("Published programme" in item for item in texts(page, "#content li"))
    assert Speaker.objects.filter(pk=speaker.pk).exists()


def test_admin_changelist_shows_start_in_the_events_zone(admin_client, make_event):
    make_event(
        start=datetime.datetime(2026, 12, 10, 20, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Zurich")),
        timezone="Europe/Zurich",
    )
    response = admin_client.get(reverse("admin:events_event_changelist"))
    assert texts(response.content, "td.field-local_start") == ["2026-12-10 20:00 CET"]


@pytest.mark.parametrize(
    ("day", "time", "zone", "field"),
    [
        ("9999-12-31", "20:00:00", "Pacific/Honolulu", "start"),  # after year 9999 in UTC
        ("0001-01-01", "00:10:00", "Asia/Tokyo", "start"),  # before year 1 in UTC
        ("9999-12-31", "20:00:00", "Pacific/Kiritimati", "start"),
        ("2101-01-05", "08:00:00", "America/New_York", "start"),
        ("1944-12-31", "08:00:00", "America/New_York", "start"),
    ],
)
def test_admin_add_event_outside_the_years_is_a_field_error(admin_client, day, time, zone, field):
    data = _event_post(
        start_0=day, start_1=time, end_0="2021-09-09", end_1="10:30:00", timezone=zone
    )

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 200
    (inline,) = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "sessions"
    ]
    assert list(inline.formset.errors[0]) == [field]
    assert Event.objects.count() == 0


def test_admin_agenda_item_outside_the_years_is_a_field_error(admin_client):
    data = _event_post(
        **{
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-0-position": "1",
            "agenda_items-0-title_en": "Opening",
            "agenda_items-0-kind": "welcome-remarks",
            "agenda_items-0-start_0": "9999-12-31",
            "agenda_items-0-start_1": "20:00",
            "agenda_items-0-end_0": "0001-01-01",
            "agenda_items-0-end_1": "00:10",
        }
    )
    data["timezone"] = "Pacific/Honolulu"

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 200
    (inline,) = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "agenda_items"
    ]
    assert sorted(inline.formset.errors[0]) == ["end", "start"]
    assert Event.objects.count() == 0


# -- Sessions, organisers, agenda speakers, series ----------------------------------------


def test_admin_adds_a_multi_day_event_with_organisers(admin_client, db):
    desa = Organization.objects.create(name="UN DESA")
    data = _event_post(
        kind=Event.Kind.WORKSHOP,
        **{
            "sessions-TOTAL_FORMS": "3",
            "sessions-1-start_0": "2021-09-10",
            "sessions-1-start_1": "08:00:00",
            "sessions-1-end_0": "2021-09-10",
            "sessions-1-end_1": "11:00:00",
            "sessions-2-start_date": "2021-09-13",
            "sessions-2-end_date": "2021-09-14",
            "sessions-2-title_en": "Field visit",
            "organizers-TOTAL_FORMS": "1",
            "organizers-0-organization": str(desa.pk),
            "organizers-0-role": "organizer",
            "organizers-0-position": "0",
        },
    )

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 302, response.context["inline_admin_formsets"]
    event = Event.objects.get(slug="data-for-cities")
    sessions = list(event.sessions.all())
    assert [s.start_date for s in sessions] == [None, None, datetime.date(2021, 9, 13)]
    assert sessions[1].start == datetime.datetime(2021, 9, 10, 8, 0, tzinfo=NY)
    assert event.start == datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY)
    assert event.end == datetime.datetime(2021, 9, 15, 0, 0, tzinfo=NY)
    assert [o.organization for o in event.organizers.all()] == [desa]


def test_admin_refuses_an_agenda_item_outside_the_sessions_being_saved(admin_client, db):
    data = _event_post(
        **{
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-0-position": "1",
            "agenda_items-0-title_en": "Late talk",
            "agenda_items-0-kind": "presentation",
            "agenda_items-0-start_0": "2021-09-09",
            "agenda_items-0-start_1": "11:00",
            "agenda_items-0-end_0": "2021-09-09",
            "agenda_items-0-end_1": "11:30",
        }
    )

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 200
    (inline,) = [
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "agenda_items"
    ]
    (message,) = inline.formset.errors[0]["start"]
    assert message == (
        "This item is outside the event's sessions (Thursday, September 9, 2021, "
        "8:00 – 10:30 AM UTC−4): check its date and times."
    )
    assert not Event.objects.exists()


def test_admin_accepts_an_agenda_item_in_a_session_added_in_the_same_save(admin_client, db):
    data = _event_post(
        **{
            "sessions-TOTAL_FORMS": "2",
            "sessions-1-start_0": "2021-09-10",
            "sessions-1-start_1": "08:00:00",
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-0-position": "1",
            "agenda_items-0-title_en": "Day two talk",
            "agenda_items-0-kind": "presentation",
            "agenda_items-0-start_0": "2021-09-10",
            "agenda_items-0-start_1": "09:00",
        }
    )

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 302
    event = Event.objects.get()
    assert event.sessions.last().end is None  # the end was not announced
    assert event.agenda_items.get().start == datetime.datetime(2021, 9, 10, 9, 0, tzinfo=NY)


def test_admin_agenda_item_page_edits_speakers_roles_and_order(
    admin_client, make_event, make_speaker
):
    event = make_event(start=datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY))
    item = AgendaItem.objects.create(event=event, title="Panel", position=1)
    zhu, abe = make_speaker(full_name="Zhu Lin"), make_speaker(full_name="Abe Aalto")
    url = reverse("admin:events_agendaitem_change", args=[item.pk])
    data = {
        "position": "1",
        "title_en": "Panel",
        "kind": "panel",
        "start_0": "",
        "start_1": "",
        "end_0": "",
        "end_1": "",
        "roles-TOTAL_FORMS": "2",
        "roles-INITIAL_FORMS": "0",
        "roles-0-speaker": str(zhu.pk),
        "roles-0-role": "chair",
        "roles-0-position": "1",
        "roles-1-speaker": str(abe.pk),
        "roles-1-role": "panellist",
        "roles-1-position": "2",
    }

    page = admin_client.get(url)
    response = admin_client.post(url, data)

    assert page.status_code == 200
    assert response.status_code == 302
    assert [(r.speaker, r.role) for r in item.roles.all()] == [(zhu, "chair"), (abe, "panellist")]
    event_page = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))
    assert "Zhu Lin (Chair); Abe Aalto (Panellist)" in event_page.content.decode()


def test_admin_series_and_organisation_pages_open(admin_client, db):
    series = Series.objects.create(title="Data Forum", slug="data-forum")
    for name in ("events_series", "events_organization"):
        assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert (
        admin_client.get(reverse("admin:events_series_change", args=[series.pk])).status_code == 200
    )
