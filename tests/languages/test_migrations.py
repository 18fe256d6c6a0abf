"""The migrations that add a column per language keep what staff had written, as English."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0014_registration_settings"), ("speakers", "0005_honorific_free_text")]
AFTER = [
    ("events", "0015_translations_and_languages"),
    ("speakers", "0006_translations_and_languages"),
]


@pytest.mark.django_db(transaction=True)
def test_existing_text_becomes_the_english_translation():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    start = datetime.datetime(2021, 9, 9, 12, tzinfo=datetime.timezone.utc)
    event = old.get_model("events", "Event").objects.create(
        title="Water and cities",
        slug="water",
        summary="Short.",
        description="Long.",
        start=start,
        end=start + datetime.timedelta(hours=1),
    )
    old.get_model("events", "AgendaItem").objects.create(event=event, title="Opening")
    end = start + datetime.timedelta(hours=1)
    old.get_model("events", "Session").objects.create(
        event=event, start=start, end=end, effective_start=start, effective_end=end, title="Day 1"
    )
    old.get_model("events", "Series").objects.create(title="Forum", slug="forum")
    old.get_model("events", "Organization").objects.create(name="UN DESA", acronym="DESA")
    old.get_model("speakers", "Speaker").objects.create(
        full_name="Zhu Lin", slug="zhu-lin", job_title="Director", bio="Works on data."
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps

    event = new.get_model("events", "Event").objects.get(slug="water")
    assert (event.title_en, event.summary_en, event.description_en) == (
        "Water and cities",
        "Short.",
        "Long.",
    )
    assert (event.title_fr, event.languages) == (None, ["en"])
    assert new.get_model("events", "AgendaItem").objects.get().title_en == "Opening"
    speaker = new.get_model("speakers", "Speaker").objects.get()
    assert (speaker.job_title_en, speaker.bio_en) == ("Director", "Works on data.")
    assert new.get_model("events", "Session").objects.get().title_en == "Day 1"
    assert new.get_model("events", "Series").objects.get().title_en == "Forum"
    organization = new.get_model("events", "Organization").objects.get()
    assert (organization.name_en, organization.acronym_en) == ("UN DESA", "DESA")

    # And back: the English text is the original again.
    new.get_model("events", "Event").objects.filter(slug="water").update(title_en="Water")
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    assert old.get_model("events", "Event").objects.get(slug="water").title == "Water"
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
