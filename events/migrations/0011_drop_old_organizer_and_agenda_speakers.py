"""After 0010 copied them: drop the organiser text columns, and let the agenda's speakers
go through AgendaItemSpeaker (with role and speaking order) instead of a plain table.

Apart from 0010 so that PostgreSQL alters no table that rows were just written against in
the same transaction.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0010_sessions_organizers_series"),
        ("speakers", "0005_honorific_free_text"),
    ]

    operations = [
        migrations.RemoveField(model_name="event", name="organizer"),
        migrations.RemoveField(model_name="event", name="organizer_url"),
        migrations.RemoveField(model_name="agendaitem", name="speakers"),
        migrations.AddField(
            model_name="agendaitem",
            name="speakers",
            field=models.ManyToManyField(
                blank=True,
                related_name="agenda_items",
                through="events.AgendaItemSpeaker",
                to="speakers.speaker",
                verbose_name="speakers",
            ),
        ),
    ]
