"""Speaker.is_public, the stored "appears in a published webinar": it follows every change
that can make it true or false, and the public pages read it.

Each test changes the database as the site does (models, admin, commands, migrations) and
compares the flag with the rule worked out from the appearances
(Speaker.objects.appearing_in(Event.objects.published())).
"""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from events.management.commands.generate_data import generate
from events.models import Event, EventSpeaker
from speakers.models import Speaker
from tests.html_tags import texts

DRAFT, PUBLISHED = Event.Publication.DRAFT, Event.Publication.PUBLISHED
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _public():
    """The slugs of the speakers whose flag is set, sorted."""
    return sorted(Speaker.objects.public().values_list("slug", flat=True))


def _by_rule():
    """The slugs of the speakers who appear in a published webinar, sorted."""
    published = Event.objects.published()
    return sorted(Speaker.objects.appearing_in(published).values_list("slug", flat=True))


@pytest.fixture
def speaker(make_speaker):
    return make_speaker(full_name="Zhu Lin")


@pytest.mark.parametrize(("publication", "expected"), [(PUBLISHED, ["zhu-lin"]), (DRAFT, [])])
def test_is_public_follows_an_added_appearance(
    make_event, speaker, add_speaker, publication, expected
):
    assert _public() == []
    add_speaker(make_event(publication=publication), speaker)
    assert _public() == _by_rule() == expected


def test_is_public_follows_a_removed_appearance(make_event, speaker, add_speaker):
    first = add_speaker(make_event(title="First"), speaker)
    second = add_speaker(make_event(title="Second"), speaker)

    first.delete()
    kept = _public()
    EventSpeaker.objects.filter(pk=second.pk).delete()  # a QuerySet deletion sends signals too

    assert (kept, _public(), _by_rule()) == (["zhu-lin"], [], [])


def test_is_public_follows_an_appearance_moved_to_another_event_or_speaker(
    make_event, make_speaker, speaker, add_speaker
):
    other = make_speaker(full_name="Elliott Harris")
    appearance = add_speaker(make_event(), speaker)
    draft = make_event(publication=DRAFT)

    appearance.event = draft
    appearance.save()
    after_move = _public()
    appearance.event = make_event(title="Another public one")
    appearance.save()
    back = _public()
    appearance = EventSpeaker.objects.get(pk=appearance.pk)  # as the admin loads it
    appearance.speaker = other
    appearance.save()

    assert (after_move, back) == ([], ["zhu-lin"])
    assert _public() == _by_rule() == ["elliott-harris"]


def test_is_public_follows_the_events_publication(make_event, speaker, add_speaker):
    event = make_event(publication=DRAFT)
    add_speaker(event, speaker)
    add_speaker(make_event(publication=DRAFT), speaker)
    before = _public()

    event.publication = PUBLISHED
    event.save()
    published = _public()
    event = Event.objects.get(pk=event.pk)
    event.publication = DRAFT
    event.save()

    assert (before, published) == ([], ["zhu-lin"])
    assert _public() == _by_rule() == []


def test_is_public_follows_the_admins_publish_and_unpublish_actions(
    admin_client, make_event, speaker, add_speaker
):
    event = make_event(publication=DRAFT)
    add_speaker(event, speaker)
    url = reverse("admin:events_event_changelist")

    admin_client.post(url, {"action": "publish", "_selected_action": [event.pk]})
    published = _public()
    admin_client.post(url, {"action": "unpublish", "_selected_action": [event.pk]})

    assert published == ["zhu-lin"]
    assert _public() == _by_rule() == []


def test_is_public_follows_a_deleted_event(make_event, make_speaker, speaker, add_speaker):
    event = make_event()
    add_speaker(event, speaker)
    elsewhere = make_speaker(full_name="Elliott Harris")
    add_speaker(event, elsewhere)
    add_speaker(make_event(title="Kept"), elsewhere)

    event.delete()

    assert _public() == _by_rule() == ["elliott-harris"]


def test_saving_a_speaker_loaded_before_an_appearance_keeps_the_flag(
    make_event, speaker, add_speaker
):
    loaded = Speaker.objects.get(pk=speaker.pk)
    add_speaker(make_event(), speaker)

    loaded.bio = "Edited meanwhile."
    loaded.save()

    assert Speaker.objects.get(pk=speaker.pk).is_public is True


def test_generate_data_sets_the_flag_for_its_bulk_created_rows(db):
    generate(events=60, speakers=400, seed=3)

    assert Speaker.objects.filter(is_public=False).exists()  # drafts' and unused speakers
    assert _public() == _by_rule() != []


def test_refresh_public_speakers_command_repairs_flags_written_around_the_models(
    make_event, make_speaker, speaker, add_speaker, capsys
):
    add_speaker(make_event(), speaker)
    stray = make_speaker(full_name="Nowhere Now")
    Speaker.objects.filter(pk=speaker.pk).update(is_public=False)  # as raw SQL would
    Speaker.objects.filter(pk=stray.pk).update(is_public=True)

    call_command("refresh_public_speakers")

    assert _public() == _by_rule() == ["zhu-lin"]
    assert capsys.readouterr().out == "2 speakers changed; 1 are public.\n"


@pytest.mark.parametrize(
    ("path", "selector", "expected"),
    [
        ("/speakers/", "ul.speakers .speaker-name", ["Zhu Lin"]),
        (
            "/sitemap-speakers.xml",
            f"{SITEMAP}url/{SITEMAP}loc",
            [
                f"http://testserver{prefix}/speakers/zhu-lin/"
                for prefix in ["", "/ar", "/zh-hans", "/fr", "/ru", "/es"]
            ],
        ),
    ],
)
def test_public_speaker_pages_read_the_stored_flag(
    client, make_event, make_speaker, speaker, add_speaker, path, selector, expected
):
    add_speaker(make_event(), speaker)
    add_speaker(make_event(), make_speaker(full_name="Elliott Harris"))
    Speaker.objects.filter(slug="elliott-harris").update(is_public=False)  # stale on purpose

    response = client.get(path)

    assert response.status_code == 200
    if path.endswith(".xml"):
        shown = sorted(loc.text for loc in ET.fromstring(response.content).findall(selector))
        expected = sorted(expected)
    else:
        shown = texts(response.content, selector)
    assert shown == expected
    assert client.get("/speakers/elliott-harris/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_migration_works_out_the_flag_for_existing_speakers(make_event, speaker, add_speaker):
    add_speaker(make_event(), speaker)
    add_speaker(make_event(publication=DRAFT), Speaker.objects.create(full_name="Draft Only"))
    executor = MigrationExecutor(connection)
    executor.migrate([("speakers", "0005_honorific_free_text")])

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert _public() == _by_rule() == ["zhu-lin"]
