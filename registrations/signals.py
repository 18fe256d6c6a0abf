"""When staff move or cancel a webinar, its registrants hear of it.

After any save of a webinar that has registrations (or of one of its sessions, where events
have them) commits, tasks.event_changed is enqueued; the worker compares the webinar's
SEQUENCE (raised by every change of start, end or status) with the one each registrant last
received, and emails those behind (SEQUENCE+1, or METHOD:CANCEL) and moves their reminders.
Edits that change no time send nothing.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from events.models import Event

DISPATCH_PREFIX = "registrations-"


def _announce(event_id):
    def enqueue():
        from .models import Registration
        from .tasks import event_changed

        if Registration.objects.filter(event_id=event_id).exists():
            event_changed.enqueue(event_id)

    transaction.on_commit(enqueue)


def event_saved(sender, instance, created=False, raw=False, **kwargs):
    if not raw and not created:
        _announce(instance.pk)


def session_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.event_id:
        _announce(instance.event_id)


def connect():
    post_save.connect(event_saved, sender=Event, dispatch_uid=DISPATCH_PREFIX + "event")
    try:
        session = apps.get_model("events", "Session")
    except LookupError:  # events without sessions of their own
        return
    for signal, name in ((post_save, "save"), (post_delete, "delete")):
        signal.connect(session_changed, sender=session, dispatch_uid=f"{DISPATCH_PREFIX}{name}")
