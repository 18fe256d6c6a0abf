"""Invalidate cached pages whenever content that pages show is saved or deleted.

Any post_save, post_delete or m2m_changed of a model whose app label is listed in
`settings.PAGE_CACHE_APPS` bumps the version (see version.py). Bulk `QuerySet.update()`
sends no signal: code that uses it for visible content (admin actions) calls `bump()` too,
and the middleware bumps after every successful write request by staff.
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from .version import bump

DISPATCH_PREFIX = "httpcache-"


def _watched(sender):
    apps = getattr(settings, "PAGE_CACHE_APPS", ())
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in apps


def content_changed(sender, **kwargs):
    if _watched(sender):
        bump()


def relation_changed(sender, instance, action, **kwargs):
    # sender is the through model, often auto-created in the watched app; the instance's
    # model is checked too in case the through model lives elsewhere.
    if action.startswith("post_") and (_watched(sender) or _watched(type(instance))):
        bump()


def connect():
    post_save.connect(content_changed, dispatch_uid=DISPATCH_PREFIX + "save")
    post_delete.connect(content_changed, dispatch_uid=DISPATCH_PREFIX + "delete")
    m2m_changed.connect(relation_changed, dispatch_uid=DISPATCH_PREFIX + "m2m")
