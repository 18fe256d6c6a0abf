"""A column per language for what staff write (django-modeltranslation, events/translation.py;
the speakers' own in speakers 0006), filled with what was there as English; the languages an
event is held and interpreted in; and, on PostgreSQL, search words from every language."""

import common.fields
import events.models
from django.db import migrations, models
from django.db.models import F

#: The fields given a column per language, by model: what staff wrote so far is English.
TRANSLATED = {
    "Event": [
        "title",
        "summary",
        "description",
        "concept_note",
        "outcome",
        "venue",
        "address_locality",
        "address_country",
        "recording_site",
    ],
    "Session": ["title"],
    "AgendaItem": ["title", "description"],
    "Topic": ["name", "description"],
    "Series": ["title", "description"],
    "Organization": ["name", "acronym"],
    "Material": ["title"],
}


def copy_originals_to_english(apps, schema_editor):
    """Fill the new <field>_en columns from the original ones (nothing is lost): one UPDATE
    per model."""
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("events", model_name)
        model.objects.update(**{f"{field}_en": F(field) for field in fields})


def copy_english_to_originals(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Check foreign keys as each row is written, so that the columns can be dropped
        # after these updates in the same transaction ("pending trigger events").
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("events", model_name)
        for field in fields:
            model.objects.filter(**{f"{field}_en__isnull": False}).update(
                **{field: F(f"{field}_en")}
            )


# The search words of an event (events.search) from every language's title, summary and
# speakers' organisations: one function of the row that the three triggers share.
SEARCH_SQL = """
CREATE OR REPLACE FUNCTION events_speaker_text(event bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT string_agg(concat_ws(' ', s.full_name, s.organization_en, s.organization_ar, s.organization_zh_hans, s.organization_fr, s.organization_ru, s.organization_es), ' '
                      ORDER BY es.position, es.id)
    FROM events_eventspeaker es JOIN speakers_speaker s ON s.id = es.speaker_id
    WHERE es.event_id = event
$$;

CREATE OR REPLACE FUNCTION events_event_vector(e events_event) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT events_search_vector(
        concat_ws(' ', e.title_en, e.title_ar, e.title_zh_hans, e.title_fr, e.title_ru, e.title_es),
        events_speaker_text(e.id),
        concat_ws(' ', e.summary_en, e.summary_ar, e.summary_zh_hans, e.summary_fr, e.summary_ru, e.summary_es))
$$;

CREATE OR REPLACE FUNCTION events_event_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := events_event_vector(NEW);
    RETURN NEW;
END $$;

DROP TRIGGER events_event_search ON events_event;
CREATE TRIGGER events_event_search
BEFORE INSERT OR UPDATE OF title_en, title_ar, title_zh_hans, title_fr, title_ru, title_es, summary_en, summary_ar, summary_zh_hans, summary_fr, summary_ru, summary_es ON events_event
FOR EACH ROW EXECUTE FUNCTION events_event_search_trigger();

CREATE OR REPLACE FUNCTION events_appearance_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE events_event e SET search_vector = events_event_vector(e)
        WHERE e.id IN (SELECT event_id FROM new_rows);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE events_event e SET search_vector = events_event_vector(e)
        WHERE e.id IN (SELECT event_id FROM old_rows);
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION events_speaker_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE events_event e SET search_vector = events_event_vector(e)
    WHERE e.id IN (SELECT event_id FROM events_eventspeaker WHERE speaker_id = NEW.id);
    RETURN NULL;
END $$;

DROP TRIGGER events_speaker_search ON speakers_speaker;
CREATE TRIGGER events_speaker_search
AFTER UPDATE OF full_name, organization_en, organization_ar, organization_zh_hans, organization_fr, organization_ru, organization_es ON speakers_speaker
FOR EACH ROW
WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name
      OR ROW(OLD.organization_en, OLD.organization_ar, OLD.organization_zh_hans, OLD.organization_fr, OLD.organization_ru, OLD.organization_es) IS DISTINCT FROM ROW(NEW.organization_en, NEW.organization_ar, NEW.organization_zh_hans, NEW.organization_fr, NEW.organization_ru, NEW.organization_es))
EXECUTE FUNCTION events_speaker_search_trigger();

UPDATE events_event e SET search_vector = events_event_vector(e);
"""

# Back to the English-only words of 0010_search (run before the columns are dropped).
SEARCH_SQL_REVERSE = """
CREATE OR REPLACE FUNCTION events_speaker_text(event bigint) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT string_agg(s.full_name || ' ' || s.organization, ' ' ORDER BY es.position, es.id)
    FROM events_eventspeaker es JOIN speakers_speaker s ON s.id = es.speaker_id
    WHERE es.event_id = event
$$;

CREATE OR REPLACE FUNCTION events_event_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := events_search_vector(
        NEW.title, events_speaker_text(NEW.id), NEW.summary);
    RETURN NEW;
END $$;

DROP TRIGGER events_event_search ON events_event;
CREATE TRIGGER events_event_search
BEFORE INSERT OR UPDATE OF title, summary ON events_event
FOR EACH ROW EXECUTE FUNCTION events_event_search_trigger();

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

CREATE OR REPLACE FUNCTION events_speaker_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE events_event e
    SET search_vector = events_search_vector(e.title, events_speaker_text(e.id), e.summary)
    WHERE e.id IN (SELECT event_id FROM events_eventspeaker WHERE speaker_id = NEW.id);
    RETURN NULL;
END $$;

DROP TRIGGER events_speaker_search ON speakers_speaker;
CREATE TRIGGER events_speaker_search
AFTER UPDATE OF full_name, organization ON speakers_speaker
FOR EACH ROW
WHEN (OLD.full_name IS DISTINCT FROM NEW.full_name
      OR OLD.organization IS DISTINCT FROM NEW.organization)
EXECUTE FUNCTION events_speaker_search_trigger();

DROP FUNCTION events_event_vector(events_event);

UPDATE events_event
SET search_vector = events_search_vector(title, events_speaker_text(id), summary);
"""


def search_every_language(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_SQL)


def search_english_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_SQL_REVERSE)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0014_registration_settings'),
        ('speakers', '0006_translations_and_languages'),
    ]

    operations = [
        migrations.AddField(
            model_name='agendaitem',
            name='description_ar',
            field=models.TextField(blank=True, help_text='Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='description_en',
            field=models.TextField(blank=True, help_text='Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='description_es',
            field=models.TextField(blank=True, help_text='Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='description_fr',
            field=models.TextField(blank=True, help_text='Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='description_ru',
            field=models.TextField(blank=True, help_text='Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='title_ar',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='title_en',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='title_es',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='title_fr',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='title_ru',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='title_zh_hans',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_country_ar',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='country'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_country_en',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='country'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_country_es',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='country'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_country_fr',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='country'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_country_ru',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='country'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_country_zh_hans',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='country'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_locality_ar',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_locality_en',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_locality_es',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_locality_fr',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_locality_ru',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='event',
            name='address_locality_zh_hans',
            field=models.CharField(blank=True, max_length=100, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='event',
            name='concept_note_ar',
            field=models.TextField(blank=True, help_text='Objectives, audience and background. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='concept note'),
        ),
        migrations.AddField(
            model_name='event',
            name='concept_note_en',
            field=models.TextField(blank=True, help_text='Objectives, audience and background. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='concept note'),
        ),
        migrations.AddField(
            model_name='event',
            name='concept_note_es',
            field=models.TextField(blank=True, help_text='Objectives, audience and background. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='concept note'),
        ),
        migrations.AddField(
            model_name='event',
            name='concept_note_fr',
            field=models.TextField(blank=True, help_text='Objectives, audience and background. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='concept note'),
        ),
        migrations.AddField(
            model_name='event',
            name='concept_note_ru',
            field=models.TextField(blank=True, help_text='Objectives, audience and background. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='concept note'),
        ),
        migrations.AddField(
            model_name='event',
            name='concept_note_zh_hans',
            field=models.TextField(blank=True, help_text='Objectives, audience and background. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='concept note'),
        ),
        migrations.AddField(
            model_name='event',
            name='description_ar',
            field=models.TextField(blank=True, help_text='The full presentation of the webinar. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='description_en',
            field=models.TextField(blank=True, help_text='The full presentation of the webinar. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='description_es',
            field=models.TextField(blank=True, help_text='The full presentation of the webinar. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='description_fr',
            field=models.TextField(blank=True, help_text='The full presentation of the webinar. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='description_ru',
            field=models.TextField(blank=True, help_text='The full presentation of the webinar. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text='The full presentation of the webinar. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='event',
            name='interpretation_languages',
            field=common.fields.LanguagesField(blank=True, help_text='Languages offered through simultaneous interpretation, if any.', verbose_name='interpretation'),
        ),
        migrations.AddField(
            model_name='event',
            name='languages',
            field=common.fields.LanguagesField(default=events.models.english_only, help_text="The languages the webinar is held in (its speakers' languages).", verbose_name='languages spoken'),
        ),
        migrations.AddField(
            model_name='event',
            name='outcome_ar',
            field=models.TextField(blank=True, help_text='What the webinar concluded; shown once it is over. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='outcome and recommendations'),
        ),
        migrations.AddField(
            model_name='event',
            name='outcome_en',
            field=models.TextField(blank=True, help_text='What the webinar concluded; shown once it is over. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='outcome and recommendations'),
        ),
        migrations.AddField(
            model_name='event',
            name='outcome_es',
            field=models.TextField(blank=True, help_text='What the webinar concluded; shown once it is over. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='outcome and recommendations'),
        ),
        migrations.AddField(
            model_name='event',
            name='outcome_fr',
            field=models.TextField(blank=True, help_text='What the webinar concluded; shown once it is over. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='outcome and recommendations'),
        ),
        migrations.AddField(
            model_name='event',
            name='outcome_ru',
            field=models.TextField(blank=True, help_text='What the webinar concluded; shown once it is over. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='outcome and recommendations'),
        ),
        migrations.AddField(
            model_name='event',
            name='outcome_zh_hans',
            field=models.TextField(blank=True, help_text='What the webinar concluded; shown once it is over. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='outcome and recommendations'),
        ),
        migrations.AddField(
            model_name='event',
            name='recording_site_ar',
            field=models.CharField(blank=True, help_text='When a recording exists but there is no direct link to it: where it is, e.g. “UN Web TV”.', max_length=100, null=True, verbose_name='recording elsewhere'),
        ),
        migrations.AddField(
            model_name='event',
            name='recording_site_en',
            field=models.CharField(blank=True, help_text='When a recording exists but there is no direct link to it: where it is, e.g. “UN Web TV”.', max_length=100, null=True, verbose_name='recording elsewhere'),
        ),
        migrations.AddField(
            model_name='event',
            name='recording_site_es',
            field=models.CharField(blank=True, help_text='When a recording exists but there is no direct link to it: where it is, e.g. “UN Web TV”.', max_length=100, null=True, verbose_name='recording elsewhere'),
        ),
        migrations.AddField(
            model_name='event',
            name='recording_site_fr',
            field=models.CharField(blank=True, help_text='When a recording exists but there is no direct link to it: where it is, e.g. “UN Web TV”.', max_length=100, null=True, verbose_name='recording elsewhere'),
        ),
        migrations.AddField(
            model_name='event',
            name='recording_site_ru',
            field=models.CharField(blank=True, help_text='When a recording exists but there is no direct link to it: where it is, e.g. “UN Web TV”.', max_length=100, null=True, verbose_name='recording elsewhere'),
        ),
        migrations.AddField(
            model_name='event',
            name='recording_site_zh_hans',
            field=models.CharField(blank=True, help_text='When a recording exists but there is no direct link to it: where it is, e.g. “UN Web TV”.', max_length=100, null=True, verbose_name='recording elsewhere'),
        ),
        migrations.AddField(
            model_name='event',
            name='summary_ar',
            field=models.TextField(help_text='One or two sentences for event cards, search results and link previews.', max_length=400, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='event',
            name='summary_en',
            field=models.TextField(help_text='One or two sentences for event cards, search results and link previews.', max_length=400, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='event',
            name='summary_es',
            field=models.TextField(help_text='One or two sentences for event cards, search results and link previews.', max_length=400, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='event',
            name='summary_fr',
            field=models.TextField(help_text='One or two sentences for event cards, search results and link previews.', max_length=400, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='event',
            name='summary_ru',
            field=models.TextField(help_text='One or two sentences for event cards, search results and link previews.', max_length=400, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='event',
            name='summary_zh_hans',
            field=models.TextField(help_text='One or two sentences for event cards, search results and link previews.', max_length=400, null=True, verbose_name='summary'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_ar',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_en',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_es',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_fr',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_ru',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='event',
            name='title_zh_hans',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='event',
            name='venue_ar',
            field=models.CharField(blank=True, help_text="For in-person or hybrid events: the place's name, e.g. “Palais des Nations”.", max_length=300, null=True, verbose_name='venue'),
        ),
        migrations.AddField(
            model_name='event',
            name='venue_en',
            field=models.CharField(blank=True, help_text="For in-person or hybrid events: the place's name, e.g. “Palais des Nations”.", max_length=300, null=True, verbose_name='venue'),
        ),
        migrations.AddField(
            model_name='event',
            name='venue_es',
            field=models.CharField(blank=True, help_text="For in-person or hybrid events: the place's name, e.g. “Palais des Nations”.", max_length=300, null=True, verbose_name='venue'),
        ),
        migrations.AddField(
            model_name='event',
            name='venue_fr',
            field=models.CharField(blank=True, help_text="For in-person or hybrid events: the place's name, e.g. “Palais des Nations”.", max_length=300, null=True, verbose_name='venue'),
        ),
        migrations.AddField(
            model_name='event',
            name='venue_ru',
            field=models.CharField(blank=True, help_text="For in-person or hybrid events: the place's name, e.g. “Palais des Nations”.", max_length=300, null=True, verbose_name='venue'),
        ),
        migrations.AddField(
            model_name='event',
            name='venue_zh_hans',
            field=models.CharField(blank=True, help_text="For in-person or hybrid events: the place's name, e.g. “Palais des Nations”.", max_length=300, null=True, verbose_name='venue'),
        ),
        migrations.AddField(
            model_name='material',
            name='title_ar',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='material',
            name='title_en',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='material',
            name='title_es',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='material',
            name='title_fr',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='material',
            name='title_ru',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='material',
            name='title_zh_hans',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='organization',
            name='acronym_ar',
            field=models.CharField(blank=True, help_text='e.g. “UN DESA”, “ITU”.', max_length=40, null=True, verbose_name='acronym'),
        ),
        migrations.AddField(
            model_name='organization',
            name='acronym_en',
            field=models.CharField(blank=True, help_text='e.g. “UN DESA”, “ITU”.', max_length=40, null=True, verbose_name='acronym'),
        ),
        migrations.AddField(
            model_name='organization',
            name='acronym_es',
            field=models.CharField(blank=True, help_text='e.g. “UN DESA”, “ITU”.', max_length=40, null=True, verbose_name='acronym'),
        ),
        migrations.AddField(
            model_name='organization',
            name='acronym_fr',
            field=models.CharField(blank=True, help_text='e.g. “UN DESA”, “ITU”.', max_length=40, null=True, verbose_name='acronym'),
        ),
        migrations.AddField(
            model_name='organization',
            name='acronym_ru',
            field=models.CharField(blank=True, help_text='e.g. “UN DESA”, “ITU”.', max_length=40, null=True, verbose_name='acronym'),
        ),
        migrations.AddField(
            model_name='organization',
            name='acronym_zh_hans',
            field=models.CharField(blank=True, help_text='e.g. “UN DESA”, “ITU”.', max_length=40, null=True, verbose_name='acronym'),
        ),
        migrations.AddField(
            model_name='organization',
            name='name_ar',
            field=models.CharField(max_length=300, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='organization',
            name='name_en',
            field=models.CharField(max_length=300, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='organization',
            name='name_es',
            field=models.CharField(max_length=300, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='organization',
            name='name_fr',
            field=models.CharField(max_length=300, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='organization',
            name='name_ru',
            field=models.CharField(max_length=300, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='organization',
            name='name_zh_hans',
            field=models.CharField(max_length=300, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='series',
            name='description_ar',
            field=models.TextField(blank=True, help_text="Shown on the series' page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='series',
            name='description_en',
            field=models.TextField(blank=True, help_text="Shown on the series' page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='series',
            name='description_es',
            field=models.TextField(blank=True, help_text="Shown on the series' page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='series',
            name='description_fr',
            field=models.TextField(blank=True, help_text="Shown on the series' page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='series',
            name='description_ru',
            field=models.TextField(blank=True, help_text="Shown on the series' page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='series',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text="Shown on the series' page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='series',
            name='title_ar',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='series',
            name='title_en',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='series',
            name='title_es',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='series',
            name='title_fr',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='series',
            name='title_ru',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='series',
            name='title_zh_hans',
            field=models.CharField(max_length=300, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='session',
            name='title_ar',
            field=models.CharField(blank=True, help_text='Optional, e.g. “Day 2: Data governance”.', max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='session',
            name='title_en',
            field=models.CharField(blank=True, help_text='Optional, e.g. “Day 2: Data governance”.', max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='session',
            name='title_es',
            field=models.CharField(blank=True, help_text='Optional, e.g. “Day 2: Data governance”.', max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='session',
            name='title_fr',
            field=models.CharField(blank=True, help_text='Optional, e.g. “Day 2: Data governance”.', max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='session',
            name='title_ru',
            field=models.CharField(blank=True, help_text='Optional, e.g. “Day 2: Data governance”.', max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='session',
            name='title_zh_hans',
            field=models.CharField(blank=True, help_text='Optional, e.g. “Day 2: Data governance”.', max_length=200, null=True, verbose_name='title'),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_ar',
            field=models.TextField(blank=True, help_text="Shown on the topic's page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_en',
            field=models.TextField(blank=True, help_text="Shown on the topic's page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_es',
            field=models.TextField(blank=True, help_text="Shown on the topic's page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_fr',
            field=models.TextField(blank=True, help_text="Shown on the topic's page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_ru',
            field=models.TextField(blank=True, help_text="Shown on the topic's page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='topic',
            name='description_zh_hans',
            field=models.TextField(blank=True, help_text="Shown on the topic's page. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.", null=True, verbose_name='description'),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_ar',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_en',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_es',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_fr',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_ru',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='topic',
            name='name_zh_hans',
            field=models.CharField(max_length=100, null=True, unique=True, verbose_name='name'),
        ),
        migrations.RunPython(copy_originals_to_english, copy_english_to_originals),
        migrations.RunPython(search_every_language, search_english_only),
    ]
