"""The "Content editors" staff group: exactly the permissions needed to run the site's
content in the admin, and nothing about accounts, groups or security records.

Each app lists the models its editors need in `content_models` on its AppConfig (model
names, lower case); the group is made here, in code, from those lists.
`manage.py sync_content_editors` creates it or puts its permissions back to this
definition, and so does every `manage.py migrate`.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

CONTENT_EDITORS = "Content editors"

ACTIONS = ("add", "change", "delete", "view")


def content_models():
    """{app label: model names} whose rows editors add, change, delete and view, as the
    installed apps declare them in `content_models`."""
    return {
        config.label: list(config.content_models)
        for config in global_apps.get_app_configs()
        if getattr(config, "content_models", None)
    }


def content_editor_codenames():
    """The group's permissions as (app_label, codename) pairs, e.g. ("events", "add_event")."""
    return {
        (app_label, f"{action}_{model}")
        for app_label, models in content_models().items()
        for model in models
        for action in ACTIONS
    }


def sync_content_editors(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create the group if missing and set its permissions to exactly the definition above.

    Returns the Group. Permissions of new models are created first, so this works on a fresh
    database and from a migration's `apps` as well.
    """
    labels = list(content_models())
    for app_label in labels:
        app_config = global_apps.get_app_config(app_label)
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = content_editor_codenames()
    candidates = Permission.objects.using(using).filter(content_type__app_label__in=labels)
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
