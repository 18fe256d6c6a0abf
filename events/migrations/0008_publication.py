from django.db import migrations, models


class Migration(migrations.Migration):
    """Event.state becomes Event.publication (draft or published), so that it is not
    confused with status (schema.org eventStatus). A rename: every row keeps its value;
    the index on (publication, start) is made again under its new name."""

    dependencies = [
        ("events", "0007_speaker_protect_document_languages"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="event", name="events_even_state_8a57d5_idx"),
        migrations.RenameField(model_name="event", old_name="state", new_name="publication"),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["publication", "start"], name="events_even_publica_721083_idx"
            ),
        ),
    ]
