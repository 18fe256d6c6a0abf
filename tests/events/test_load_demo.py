import datetime

from django.core.management import call_command

from events.models import AgendaItem, Event, EventSpeaker, Topic
from speakers.models import Speaker


def _snapshot():
    return {
        model.__name__: sorted(map(str, model.objects.values_list()))
        for model in (Event, Topic, Speaker, EventSpeaker, AgendaItem)
    }


def test_load_demo_loads_the_seed_webinar(db):
    call_command("load_demo")

    event = Event.objects.get()
    assert event.title == (
        "Advancing SMART Cities and Urban Digital Transformation to achieve "
        "Sustainable Development Goals"
    )
    assert event.start == datetime.datetime(2021, 9, 9, 12, 0, tzinfo=datetime.timezone.utc)
    assert event.end == datetime.datetime(2021, 9, 9, 14, 30, tzinfo=datetime.timezone.utc)
    assert event.local_start.tzname() == "EDT"
    assert event.state == Event.State.PUBLISHED
    assert event.recording_url == ""
    assert sorted(t.name for t in event.topics.all()) == ["Digital Government", "Local Governance"]
    assert [(a.speaker.display_name, a.role) for a in event.appearances.all()] == [
        ("Mr. Elliott Harris", "welcome-remarks"),
        ("Mr. Yong LU", "presentation"),
        ("Mr. Jing Yijia", "presentation"),
        ("Mr. Deniz Susar", "presentation"),
        ("Mr. Liu Yingfeng", "presentation"),
        ("Mrs. Zhu Lin", "presentation"),
        ("Mr. Wang Xingquan", "presentation"),
    ]
    agenda = list(event.agenda_items.all())
    assert [item.title for item in agenda][:2] == ["Welcome remarks", "Presentation"]
    assert [list(item.speakers.all()) for item in agenda] == [
        [a.speaker] for a in event.appearances.all()
    ]


def test_load_demo_twice_changes_nothing(db):
    call_command("load_demo")
    before = _snapshot()
    call_command("load_demo")
    assert _snapshot() == before


def test_load_demo_keeps_staff_edits_unless_reset(db):
    call_command("load_demo")
    Event.objects.update(recording_url="https://example.org/recording")
    call_command("load_demo")
    assert Event.objects.get().recording_url == "https://example.org/recording"
    call_command("load_demo", "--reset")
    assert Event.objects.get().recording_url == ""


def test_demo_event_page_shows_everything(client, db):
    call_command("load_demo")
    body = client.get(Event.objects.get().get_absolute_url()).content.decode()
    assert "Thursday 9 September 2021, 8:00–10:30 am EDT" in body
    for text in ("Digital Government", "Local Governance", "Mrs. Zhu Lin", "Wang Xingquan"):
        assert text in body
    assert "No recording is available yet." in body
