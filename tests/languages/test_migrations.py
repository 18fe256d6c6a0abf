"""The migrations that add a column per language keep what staff had written, as English."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("events", "0009_sharing_image"), ("speakers", "0004_job_title_label")]
AFTER = [("events", "0010_translations_and_languages"), ("speakers", "0005_translations")]


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
