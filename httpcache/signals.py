"""Invalidate cached pages whenever content that pages show is saved or deleted.

Any post_save, post_delete or m2m_changed of a model whose app label is listed in
`settings.PAGE_CACHE_APPS` bumps the version (see version.py). Bulk `QuerySet.update()`
sends no signal: code that uses it for visible content (admin actions) calls `bump()` too,
and the middleware bumps after every successful write request by staff.

Inside a transaction the version is bumped at once and again when it commits: until then
other connections still read the old rows, and a page a visitor stores in between (under
the new version) would otherwise outlive the commit.
"""

from django.conf import settings
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .version import bump

DISPATCH_PREFIX = "httpcache-"


def _watched(sender):
    apps = getattr(settings, "PAGE_CACHE_APPS", ())
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in apps


def _bump_now_and_on_commit(using):
    bump()
    if connections[using].in_atomic_block:
        transaction.on_commit(bump, using=using)


def content_changed(sender, using=None, **kwargs):
    if _watched(sender):
        _bump_now_and_on_commit(using or "default")


def relation_changed(sender, instance, action, using=None, **kwargs):
    # sender is the through model, often auto-created in the watched app; the instance's
    # model is checked too in case the through model lives elsewhere.
    if action.startswith("post_") and (_watched(sender) or _watched(type(instance))):
        _bump_now_and_on_commit(using or "default")


def connect():
    post_save.connect(content_changed, dispatch_uid=DISPATCH_PREFIX + "save")
    post_delete.connect(content_changed, dispatch_uid=DISPATCH_PREFIX + "delete")
    m2m_changed.connect(relation_changed, dispatch_uid=DISPATCH_PREFIX + "m2m")
