import datetime
import zoneinfo

import pytest
from django.urls import reverse

from events.models import AgendaItem, Event, EventSpeaker, SustainableDevelopmentGoal
from speakers.models import Speaker
from tests.html_tags import one, parse_html, text, texts

NY = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _event_post(**overrides):
    """The add/change form's POST data with empty inline formsets."""
    data = {
        "title_en": "Data for cities",
        "slug": "data-for-cities",
        "summary_en": "A short summary.",
        "start_0": "2021-09-09",
        "start_1": "08:00:00",
        "end_0": "2021-09-09",
        "end_1": "10:30:00",
        "timezone": "America/New_York",
        "status": Event.Status.SCHEDULED,
        "publication": Event.Publication.DRAFT,
        "organizer_en": "UN DESA",
        "languages": ["en"],
        "attendance_mode": Event.AttendanceMode.ONLINE,
    }
    for prefix in ("appearances", "agenda_items", "materials"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
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
    assert groups == ["appearances-group", "agenda_items-group", "materials-group"]


def test_admin_add_event_reads_times_in_the_events_zone(admin_client, make_speaker):
    speaker = make_speaker(full_name="Zhu Lin")
    data = _event_post(
        **{
            "appearances-TOTAL_FORMS": "1",
            "appearances-0-speaker": str(speaker.pk),
            "appearances-0-role": EventSpeaker.Role.PRESENTATION,
            "appearances-0-position": "1",
            "agenda_items-TOTAL_FORMS": "1",
            "agenda_items-0-position": "1",
            "agenda_items-0-title_en": "Opening",
            "agenda_items-0-kind": "welcome-remarks",
            "agenda_items-0-start_0": "2021-09-09",
            "agenda_items-0-start_1": "08:00",
            "agenda_items-0-end_0": "2021-09-09",
            "agenda_items-0-end_1": "08:10",
            "agenda_items-0-speakers": [str(speaker.pk)],
        }
    )

    response = admin_client.post(reverse("admin:events_event_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="data-for-cities")
    assert event.start == datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc)
    assert event.end == datetime.datetime(2021, 9, 9, 14, 30, tzinfo=datetime.timezone.utc)
    item = event.agenda_items.get()
    assert item.start == datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc)
    assert list(item.speakers.all()) == [speaker]
    assert [a.speaker for a in event.appearances.all()] == [speaker]


def test_admin_change_page_shows_times_in_the_events_zone(admin_client, make_event):
    event = make_event(
        start=datetime.datetime(2021, 9, 9, 8, 0, tzinfo=NY), hours=2.5, timezone="America/New_York"
    )
    page = parse_html(
        admin_client.get(reverse("admin:events_event_change", args=[event.pk])).content
    )
    times = [one(page, f'input[name="{name}"]')["value"] for name in ("start_1", "end_1")]
    assert times == ["08:00:00", "10:30:00"]


def test_admin_refuses_end_before_start(admin_client, db):
    response = admin_client.post(
        reverse("admin:events_event_add"), _event_post(end_0="2021-09-09", end_1="07:00:00")
    )
    assert response.status_code == 200
    assert texts(response.content, ".field-end .errorlist li") == [
        "The end must be after the start."
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

    same_time = admin_client.post(url, _event_post(sdgs=[str(goal.pk)]))
    tagged = (list(event.sdgs.all()), Event.objects.get(pk=event.pk).sequence)
    moved = admin_client.post(
        url, _event_post(sdgs=[str(goal.pk)], start_1="09:00:00", end_1="11:30:00")
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
    data.update(
        {"agenda_items-TOTAL_FORMS": str(len(items)), "agenda_items-INITIAL_FORMS": str(len(items))}
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
    errors = response.context["adminform"].form.errors
    assert list(errors) == [field]
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
