"""Load the 17 Sustainable Development Goals and give existing webinars their calendar UID.

The names are the UN's official short names; gettext_noop marks them for the translation
catalogues (SustainableDevelopmentGoal.label shows them through gettext).
"""

import uuid

from django.db import migrations
from django.utils.translation import gettext_noop

GOALS = [
    (1, gettext_noop("No poverty")),
    (2, gettext_noop("Zero hunger")),
    (3, gettext_noop("Good health and well-being")),
    (4, gettext_noop("Quality education")),
    (5, gettext_noop("Gender equality")),
    (6, gettext_noop("Clean water and sanitation")),
    (7, gettext_noop("Affordable and clean energy")),
    (8, gettext_noop("Decent work and economic growth")),
    (9, gettext_noop("Industry, innovation and infrastructure")),
    (10, gettext_noop("Reduced inequalities")),
    (11, gettext_noop("Sustainable cities and communities")),
    (12, gettext_noop("Responsible consumption and production")),
    (13, gettext_noop("Climate action")),
    (14, gettext_noop("Life below water")),
    (15, gettext_noop("Life on land")),
    (16, gettext_noop("Peace, justice and strong institutions")),
    (17, gettext_noop("Partnerships for the goals")),
]


def load_goals(apps, schema_editor):
    Goal = apps.get_model("events", "SustainableDevelopmentGoal")
    for number, name in GOALS:
        Goal.objects.update_or_create(number=number, defaults={"name": name})


def unload_goals(apps, schema_editor):
    apps.get_model("events", "SustainableDevelopmentGoal").objects.all().delete()


def fill_uids(apps, schema_editor):
    # Adding the column gave every existing row the same default: give each its own.
    Event = apps.get_model("events", "Event")
    for event in Event.objects.only("pk"):
        Event.objects.filter(pk=event.pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_sdgs_calendar_fields"),
    ]

    operations = [
        migrations.RunPython(load_goals, unload_goals),
        migrations.RunPython(fill_uids, migrations.RunPython.noop),
    ]
