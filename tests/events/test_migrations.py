"""The sessions migration on a database made before it: nothing is lost.

The test database is migrated back to the state before events 0010, filled through the
historical models as the old code would have, then migrated forward again.
"""

import datetime
import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0009_sharing_image"), ("speakers", "0004_job_title_label")]
AFTER = [
    ("events", "0011_drop_old_organizer_and_agenda_speakers"),
    ("speakers", "0005_honorific_free_text"),
]
UTC = datetime.timezone.utc


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _latest_migrations_afterwards():
    """Leave the test database at the latest migrations, whatever a test migrated to."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_events_become_one_session_events_and_lose_nothing():
    old = _migrate(BEFORE)
    Event = old.get_model("events", "Event")
    Speaker = old.get_model("speakers", "Speaker")
    EventSpeaker = old.get_model("events", "EventSpeaker")
    AgendaItem = old.get_model("events", "AgendaItem")
    start = datetime.datetime(2021, 9, 9, 12, 0, tzinfo=UTC)
    uid = uuid.uuid4()
    event = Event.objects.create(
        title="Old webinar",
        slug="old-webinar",
        summary="Made before sessions.",
        start=start,
        end=start + datetime.timedelta(hours=2, minutes=30),
        timezone="America/New_York",
        organizer="UN Department of Economic and Social Affairs (UN DESA)",
        organizer_url="https://www.un.org/en/desa",
        uid=uid,
        sequence=3,
        publication="published",
    )
    other = Event.objects.create(
        title="Second",
        slug="second",
        summary="S.",
        start=start,
        end=start + datetime.timedelta(hours=1),
        organizer="UN Department of Economic and Social Affairs (UN DESA)",
        uid=uuid.uuid4(),
    )
    zhu = Speaker.objects.create(full_name="Zhu Lin", slug="zhu-lin", honorific="Mrs.")
    harris = Speaker.objects.create(full_name="Elliott Harris", slug="elliott-harris")
    EventSpeaker.objects.create(event=event, speaker=harris, role="welcome-remarks", position=1)
    EventSpeaker.objects.create(event=event, speaker=zhu, role="presentation", position=2)
    panel = AgendaItem.objects.create(event=event, title="Panel", kind="panel", position=1)
    panel.speakers.add(zhu, harris)

    new = _migrate(AFTER)

    Event = new.get_model("events", "Event")
    migrated = Event.objects.get(pk=event.pk)
    (session,) = new.get_model("events", "Session").objects.filter(event_id=event.pk)
    assert (session.start, session.end, session.uid) == (start, migrated.end, uid)
    assert (session.effective_start, session.effective_end) == (start, migrated.end)
    assert (migrated.start, migrated.sequence, migrated.title) == (start, 3, "Old webinar")
    Organizer = new.get_model("events", "EventOrganizer")
    rows = list(
        Organizer.objects.filter(event_id__in=[event.pk, other.pk]).select_related("organization")
    )
    assert {
        (r.organization.name, r.organization.acronym, r.organization.url, r.role) for r in rows
    } == {
        (
            "UN Department of Economic and Social Affairs",
            "UN DESA",
            "https://www.un.org/en/desa",
            "organizer",
        )
    }
    assert len(rows) == 2  # one organisation, listed on both events
    roles = new.get_model("events", "EventSpeaker").objects.filter(event_id=event.pk)
    assert sorted(roles.values_list("role", flat=True)) == ["opening-remarks", "presenter"]
    item_roles = new.get_model("events", "AgendaItemSpeaker").objects.filter(item_id=panel.pk)
    assert sorted(item_roles.values_list("speaker__full_name", "role")) == [
        ("Elliott Harris", "panellist"),
        ("Zhu Lin", "panellist"),
    ]
    assert new.get_model("speakers", "Speaker").objects.get(pk=zhu.pk).honorific == "Mrs."


@pytest.mark.django_db(transaction=True)
def test_migrating_back_puts_the_organiser_text_and_agenda_speakers_back():
    _migrate(BEFORE)
    new = _migrate(AFTER)
    Event = new.get_model("events", "Event")
    start = datetime.datetime(2021, 9, 9, 12, 0, tzinfo=UTC)
    event = Event.objects.create(
        title="New", slug="new", summary="S.", start=start, end=start + datetime.timedelta(hours=1)
    )
    Organization = new.get_model("events", "Organization")
    desa = Organization.objects.create(
        name="UN Department of Economic and Social Affairs", acronym="UN DESA"
    )
    new.get_model("events", "EventOrganizer").objects.create(event=event, organization=desa)
    speaker = new.get_model("speakers", "Speaker").objects.create(full_name="Ana", slug="ana")
    item = new.get_model("events", "AgendaItem").objects.create(event=event, title="Talk")
    new.get_model("events", "AgendaItemSpeaker").objects.create(
        item=item, speaker=speaker, role="presenter"
    )

    old = _migrate(BEFORE)

    back = old.get_model("events", "Event").objects.get(pk=event.pk)
    assert back.organizer == "UN Department of Economic and Social Affairs (UN DESA)"
    item = old.get_model("events", "AgendaItem").objects.get(pk=item.pk)
    assert [s.full_name for s in item.speakers.all()] == ["Ana"]
    _migrate(AFTER)


@pytest.mark.django_db(transaction=True)
def test_local_start_date_is_filled_in_each_events_zone():
    """The admin's date drill-down reads local_start_date: events saved before it get the
    day they start on in their own zone (an evening in New York on 30 June is in June)."""
    old = _migrate(AFTER)
    Event = old.get_model("events", "Event")
    evening = Event.objects.create(
        title="Evening",
        slug="evening",
        timezone="America/New_York",
        start=datetime.datetime(2021, 7, 1, 0, 0, tzinfo=UTC),
        end=datetime.datetime(2021, 7, 1, 2, 0, tzinfo=UTC),
        summary="S.",
        uid=uuid.uuid4(),
    )
    undated = Event.objects.create(title="Undated", slug="undated", summary="S.", uid=uuid.uuid4())

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    (latest,) = [n for n in executor.loader.graph.leaf_nodes() if n[0] == "events"]
    new = _migrate([latest])

    dates = dict(new.get_model("events", "Event").objects.values_list("slug", "local_start_date"))
    assert dates == {evening.slug: datetime.date(2021, 6, 30), undated.slug: None}
