"""A column per language for a speaker's job title, organisation and biography
(django-modeltranslation, speakers/translation.py), filled with what was there as English."""

from django.db import migrations, models
from django.db.models import F

FIELDS = ["job_title", "organization", "bio"]


def copy_originals_to_english(apps, schema_editor):
    """Fill the new <field>_en columns from the original ones (nothing is lost)."""
    apps.get_model("speakers", "Speaker").objects.update(
        **{f"{field}_en": F(field) for field in FIELDS}
    )


def copy_english_to_originals(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Check foreign keys as each row is written, so that the columns can be dropped
        # after these updates in the same transaction ("pending trigger events").
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    speakers = apps.get_model("speakers", "Speaker").objects
    for field in FIELDS:
        speakers.filter(**{f"{field}_en__isnull": False}).update(**{field: F(f"{field}_en")})


class Migration(migrations.Migration):

    dependencies = [
        ('speakers', '0005_honorific_free_text'),
    ]

    operations = [
        migrations.AddField(
            model_name='speaker',
            name='bio_ar',
            field=models.TextField(blank=True, help_text='A short biography, in the third person. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='biography'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='bio_en',
            field=models.TextField(blank=True, help_text='A short biography, in the third person. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='biography'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='bio_es',
            field=models.TextField(blank=True, help_text='A short biography, in the third person. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='biography'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='bio_fr',
            field=models.TextField(blank=True, help_text='A short biography, in the third person. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='biography'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='bio_ru',
            field=models.TextField(blank=True, help_text='A short biography, in the third person. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='biography'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='bio_zh_hans',
            field=models.TextField(blank=True, help_text='A short biography, in the third person. Markdown accepted: **bold**, *italic*, [link text](https://…), “- ” at the start of a line for a list, “#” for a heading; a blank line starts a new paragraph.', null=True, verbose_name='biography'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='job_title_ar',
            field=models.CharField(blank=True, help_text='e.g. “Vice President”.', max_length=300, null=True, verbose_name='job title'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='job_title_en',
            field=models.CharField(blank=True, help_text='e.g. “Vice President”.', max_length=300, null=True, verbose_name='job title'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='job_title_es',
            field=models.CharField(blank=True, help_text='e.g. “Vice President”.', max_length=300, null=True, verbose_name='job title'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='job_title_fr',
            field=models.CharField(blank=True, help_text='e.g. “Vice President”.', max_length=300, null=True, verbose_name='job title'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='job_title_ru',
            field=models.CharField(blank=True, help_text='e.g. “Vice President”.', max_length=300, null=True, verbose_name='job title'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='job_title_zh_hans',
            field=models.CharField(blank=True, help_text='e.g. “Vice President”.', max_length=300, null=True, verbose_name='job title'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='organization_ar',
            field=models.CharField(blank=True, help_text='e.g. “Shanghai Data Exchange Center”.', max_length=300, null=True, verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='organization_en',
            field=models.CharField(blank=True, help_text='e.g. “Shanghai Data Exchange Center”.', max_length=300, null=True, verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='organization_es',
            field=models.CharField(blank=True, help_text='e.g. “Shanghai Data Exchange Center”.', max_length=300, null=True, verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='organization_fr',
            field=models.CharField(blank=True, help_text='e.g. “Shanghai Data Exchange Center”.', max_length=300, null=True, verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='organization_ru',
            field=models.CharField(blank=True, help_text='e.g. “Shanghai Data Exchange Center”.', max_length=300, null=True, verbose_name='organisation'),
        ),
        migrations.AddField(
            model_name='speaker',
            name='organization_zh_hans',
            field=models.CharField(blank=True, help_text='e.g. “Shanghai Data Exchange Center”.', max_length=300, null=True, verbose_name='organisation'),
        ),
        migrations.RunPython(copy_originals_to_english, copy_english_to_originals),
    ]
