"""Full-text search on PostgreSQL: the unaccent extension, Event.search_vector kept up to
date by triggers, and its GIN index (on SQLite only the unused column is added); and an
index for the latest change to a published webinar and one for those not yet ended."""

import django.contrib.postgres.search
from django.contrib.postgres.operations import CreateExtension
from django.db import migrations, models


class CreateExtensionOnPostgres(CreateExtension):
    """CreateExtension whose reverse, like its forward, does nothing off PostgreSQL
    (Django 5.2's database_backwards queries pg_extension on any database)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)

# The functions and triggers that keep events_event.search_vector current (title A,
# speakers' names and organisations B, summary C; events.search), the vectors of the
# events already there, and the GIN index.
SEARCH_SQL = """
CREATE OR REPLACE FUNCTION events_speaker_text(event bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT string_agg(s.full_name || ' ' || s.organization, ' ' ORDER BY es.position, es.id)
    FROM events_eventspeaker es JOIN speakers_speaker s ON s.id = es.speaker_id
    WHERE es.event_id = event
$$;

CREATE OR REPLACE FUNCTION events_search_vector(title text, speakers text, summary text)
RETURNS tsvector LANGUAGE sql STABLE AS $$
    SELECT setweight(to_tsvector('simple', unaccent(coalesce(title, ''))), 'A')
        || setweight(to_tsvector('simple', unaccent(coalesce(speakers, ''))), 'B')
        || setweight(to_tsvector('simple', unaccent(coalesce(summary, ''))), 'C')
$$;

-- An event's own text changes: computed before the row is written.
CREATE OR REPLACE FUNCTION events_event_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := events_search_vector(
        NEW.title, events_speaker_text(NEW.id), NEW.summary);
    RETURN NEW;
END $$;

CREATE TRIGGER events_event_search
BEFORE INSERT OR UPDATE OF title, summary ON events_event
FOR EACH ROW EXECUTE FUNCTION events_event_search_trigger();

-- Speakers added to, moved in or removed from events: one UPDATE per statement, so a
-- bulk insert of thousands of appearances costs one pass.
CREATE OR REPLACE FUNCTION events_appearance_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE events_event e
        SET search_vector = events_search_vector(e.title, events_speaker_text(e.id), e.summary)
        WHERE e.id IN (SELECT event_id FROM new_rows);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE events_event e
        SET search_vector = events_search_vector(e.title, events_speaker_text(e.id), e.summary)
        WHERE e.id IN (SELECT event_id FROM old_rows);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER events_appearance_search_insert
AFTER INSERT ON events_eventspeaker REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION events_appearance_search_trigger();
CREATE TRIGGER events_appearance_search_update
AFTER UPDATE ON events_eventspeaker REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION events_appearance_search_trigger();
CREATE TRIGGER events_appearance_search_delete
AFTER DELETE ON events_eventspeaker REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION events_appearance_search_trigger();

-- A speaker renamed or moved to another organisation: the events they appear in.
CREATE OR REPLACE FUNCTION events_speaker_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE events_event e
    SET search_vector = events_search_vector(e.title, events_speaker_text(e.id), e.summary)
    WHERE e.id IN (SELECT event_id FROM events_eventspeaker WHERE speaker_id = NEW.id);
    RETURN NULL;
END $$;

CREATE TRIGGER events_speaker_search
AFTER UPDATE OF full_name, organization ON speakers_speaker
FOR EACH ROW
WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name
      OR OLD.organization IS DISTINCT FROM NEW.organization)
EXECUTE FUNCTION events_speaker_search_trigger();

UPDATE events_event
SET search_vector = events_search_vector(title, events_speaker_text(id), summary);

CREATE INDEX events_event_search_vector_gin ON events_event USING gin (search_vector);
"""

SEARCH_SQL_REVERSE = """
DROP INDEX IF EXISTS events_event_search_vector_gin;
DROP TRIGGER IF EXISTS events_speaker_search ON speakers_speaker;
DROP TRIGGER IF EXISTS events_appearance_search_insert ON events_eventspeaker;
DROP TRIGGER IF EXISTS events_appearance_search_update ON events_eventspeaker;
DROP TRIGGER IF EXISTS events_appearance_search_delete ON events_eventspeaker;
DROP TRIGGER IF EXISTS events_event_search ON events_event;
DROP FUNCTION IF EXISTS events_speaker_search_trigger();
DROP FUNCTION IF EXISTS events_appearance_search_trigger();
DROP FUNCTION IF EXISTS events_event_search_trigger();
DROP FUNCTION IF EXISTS events_search_vector(text, text, text);
DROP FUNCTION IF EXISTS events_speaker_text(bigint);
"""


def install_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_SQL)


def remove_search(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_SQL_REVERSE)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_sharing_image"),
        ("speakers", "0004_job_title_label"),
    ]

    operations = [
        CreateExtensionOnPostgres("unaccent"),
        migrations.AddField(
            model_name="event",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False,
                help_text="Kept up to date by the database (PostgreSQL only) from the title, speakers and summary.",
                null=True,
                verbose_name="search words",
            ),
        ),
        migrations.RunPython(install_search, remove_search),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["publication", "updated"], name="events_even_publica_562236_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["publication", "end"], name="events_even_publica_01f86b_idx"),
        ),
    ]
