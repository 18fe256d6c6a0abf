"""The "Content editors" staff group: exactly the permissions needed to run the site's
content in the admin, and nothing about accounts, groups or security records.

The group is defined here, in code. `manage.py sync_content_editors` creates it or puts its
permissions back to this definition, and so does every `manage.py migrate`.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

CONTENT_EDITORS = "Content editors"

#: app label -> models whose rows editors add, change, delete and view.
CONTENT_MODELS = {
    "events": ["event", "topic", "eventspeaker", "agendaitem", "material"],
    "speakers": ["speaker", "speakerlink"],
}
ACTIONS = ("add", "change", "delete", "view")


def content_editor_codenames():
    """The group's permissions as (app_label, codename) pairs, e.g. ("events", "add_event")."""
    return {
        (app_label, f"{action}_{model}")
        for app_label, models in CONTENT_MODELS.items()
        for model in models
        for action in ACTIONS
    }


def sync_content_editors(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create the group if missing and set its permissions to exactly the definition above.

    Returns the Group. Permissions of new models are created first, so this works on a fresh
    database and from a migration's `apps` as well.
    """
    for app_label in CONTENT_MODELS:
        app_config = global_apps.get_app_config(app_label)
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = content_editor_codenames()
    candidates = Permission.objects.using(using).filter(content_type__app_label__in=CONTENT_MODELS)
    permissions = [
        p
        for p in candidates.select_related("content_type")
        if (p.content_type.app_label, p.codename) in wanted
    ]
    group, _ = Group.objects.using(using).get_or_create(name=CONTENT_EDITORS)
    group.permissions.set(permissions)
    return group


def sync_content_editors_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=global_apps, **kw):
    """post_migrate receiver (connected in apps.py)."""
    sync_content_editors(apps=apps, using=using)
