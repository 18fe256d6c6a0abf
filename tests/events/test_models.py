import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.models import AgendaItem, Event, Material, SustainableDevelopmentGoal

NY = zoneinfo.ZoneInfo("America/New_York")
MINUTE = datetime.timedelta(minutes=1)


def test_event_end_before_start_fails_clean(make_event):
    event = make_event()
    event.end = event.start - MINUTE
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "end" in excinfo.value.message_dict


def test_event_end_equal_start_is_refused_by_database(make_event):
    event = make_event()
    event.end = event.start
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_event_unknown_timezone_fails_clean(make_event):
    event = make_event(timezone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "timezone" in excinfo.value.message_dict


@pytest.mark.parametrize(
    "start",
    [
        datetime.datetime(9999, 12, 31, 6, tzinfo=datetime.timezone.utc),
        datetime.datetime(2101, 1, 1, 0, tzinfo=datetime.timezone.utc),
        datetime.datetime(1944, 12, 31, 20, tzinfo=datetime.timezone.utc),
    ],
)
def test_event_outside_the_years_fails_clean(make_event, start):
    event = make_event(start=start, end=start + datetime.timedelta(hours=2))
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    message = ["Give a date between 1945 and 2100."]
    assert excinfo.value.message_dict == {"start": message, "end": message}


@pytest.mark.parametrize(
    "start",
    [
        datetime.datetime(1945, 1, 1, 0, tzinfo=datetime.timezone.utc),
        datetime.datetime(2100, 12, 31, 20, tzinfo=datetime.timezone.utc),
    ],
)
def test_event_at_the_edges_of_the_years_passes_clean(make_event, start):
    event = make_event(start=start, end=start + datetime.timedelta(hours=3), slug="edge")
    event.full_clean()


def test_agenda_item_outside_the_years_fails_clean(make_event):
    event = make_event()
    item = AgendaItem(
        event=event,
        title="Far away",
        start=datetime.datetime(1900, 1, 1, tzinfo=datetime.timezone.utc),
        end=datetime.datetime(9999, 12, 31, 23, tzinfo=datetime.timezone.utc),
    )
    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()
    assert sorted(excinfo.value.message_dict) == ["end", "start"]


@pytest.mark.parametrize("name", ["localtime", "Factory"])
def test_event_zoneinfo_entry_that_is_no_zone_fails_clean(make_event, name):
    event = make_event(timezone=name)
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert list(excinfo.value.message_dict) == ["timezone"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "data:text/html,x"])
def test_event_recording_url_accepts_only_http(make_event, url):
    event = make_event(recording_url=url)
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "recording_url" in excinfo.value.message_dict


def test_published_excludes_drafts(make_event):
    shown = make_event(title="Shown")
    make_event(title="Secret draft", publication=Event.Publication.DRAFT)
    assert list(Event.objects.published()) == [shown]


def test_upcoming_and_past_split_at_the_end_minute(make_event):
    now = timezone.now()
    ended = make_event(title="ended", start=now - datetime.timedelta(hours=2), hours=2)
    ended.end = now - MINUTE
    ended.save()
    live = make_event(title="live", start=now - MINUTE)
    soon = make_event(title="soon", start=now + MINUTE)
    later = make_event(title="later", start=now + datetime.timedelta(days=3))
    older = make_event(title="older", start=now - datetime.timedelta(days=30))

    assert list(Event.objects.upcoming()) == [live, soon, later]
    assert list(Event.objects.past()) == [ended, older]
    assert list(Event.objects.upcoming_then_past()) == [live, soon, later, ended, older]


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(MINUTE, "upcoming"), (-MINUTE, "live"), (-datetime.timedelta(hours=2, minutes=1), "past")],
)
def test_event_timing_follows_the_clock(make_event, offset, expected):
    event = make_event(starts_in=offset, hours=2)
    assert event.timing == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [("SMART Cities", "smart-cities"), ("城市数字化转型", "城市数字化转型"), ("!!!", "webinar")],
)
def test_event_slug_from_title_in_any_script(make_event, title, expected):
    assert make_event(title=title).slug == expected


def test_event_slugs_never_collide(make_event):
    first, second = make_event(title="Same title"), make_event(title="Same title")
    assert (first.slug, second.slug) == ("same-title", "same-title-2")


def test_public_join_url_respects_visibility(make_event):
    private = make_event(join_url="https://zoom.us/j/1", join_url_is_public=False)
    public = make_event(join_url="https://zoom.us/j/2", join_url_is_public=True)
    assert (private.public_join_url, public.public_join_url) == ("", "https://zoom.us/j/2")


def test_agenda_item_end_before_start_fails_clean(make_event):
    event = make_event()
    item = AgendaItem(event=event, title="Talk", start=event.start, end=event.start - MINUTE)
    with pytest.raises(ValidationError):
        item.full_clean()


def test_material_needs_file_or_url(make_event):
    material = Material(event=make_event(), title="Slides")
    with pytest.raises(ValidationError):
        material.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        material.save()


def test_event_str_and_url(make_event):
    event = make_event(title="Data for cities")
    assert (str(event), event.get_absolute_url()) == ("Data for cities", "/events/data-for-cities/")


# -- Calendar revisions, UIDs, search, Sustainable Development Goals -------------------------


def test_event_sequence_rises_only_when_the_schedule_changes(make_event):
    event = make_event()
    event.title = "New title"
    event.save()
    after_title = Event.objects.get(pk=event.pk).sequence

    loaded = Event.objects.get(pk=event.pk)
    loaded.start -= datetime.timedelta(minutes=30)
    loaded.save()
    loaded.status = Event.Status.CANCELLED
    loaded.save(update_fields=["status"])

    assert (after_title, Event.objects.get(pk=event.pk).sequence) == (0, 2)


def test_event_sequence_counts_changes_saved_from_a_partial_load(make_event):
    event = make_event()
    partial = Event.objects.only("pk", "title").get(pk=event.pk)
    partial.end = event.end + datetime.timedelta(hours=1)
    partial.save()
    assert Event.objects.get(pk=event.pk).sequence == 1


def test_event_uids_are_unique_and_stable(make_event):
    first, second = make_event(), make_event()
    uid = first.uid
    first.title = "Renamed"
    first.save()
    assert first.uid != second.uid
    assert Event.objects.get(pk=first.pk).uid == uid


def test_the_seventeen_goals_are_loaded_with_official_names(db):
    goals = SustainableDevelopmentGoal.objects.all()
    assert [g.number for g in goals] == list(range(1, 18))
    assert str(goals.get(number=11)) == "SDG 11: Sustainable cities and communities"
    assert goals.get(number=17).name == "Partnerships for the goals"
    assert goals.get(number=11).get_absolute_url() == "/events/?sdg=11"


@pytest.mark.parametrize("number", [0, 18])
def test_goal_number_outside_1_to_17_is_refused(db, number):
    goal = SustainableDevelopmentGoal(number=number, name="Imaginary")
    with pytest.raises(ValidationError):
        goal.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        goal.save()


def test_search_matches_every_word_across_fields_without_duplicates(
    make_event, make_speaker, add_speaker
):
    event = make_event(title="Smart cities", summary="Data for towns.")
    add_speaker(event, make_speaker(full_name="Yong LU", organization="Shanghai Data"))
    add_speaker(event, make_speaker(full_name="Zhu Lin", organization="Shanghai Academy"))
    make_event(title="Other")

    assert list(Event.objects.search("shanghai")) == [event]
    assert list(Event.objects.search("smart  shanghai lu")) == [event]
    assert list(Event.objects.search("smart other")) == []
    assert Event.objects.search("   ").count() == 2


def test_event_slug_never_takes_the_feed_address(make_event):
    event = make_event(title="Feed")
    assert event.slug == "feed-webinar"
    event.slug = "feed"
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert list(error.value.message_dict) == ["slug"]
