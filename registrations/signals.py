"""When staff move or cancel a webinar, its registrants hear of it.

Event.save() raises `sequence` whenever the start, end or status changes; after such a save
commits, tasks.event_changed is enqueued, and the worker emails every confirmed registrant
(SEQUENCE+1, or METHOD:CANCEL) and moves their reminders.
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_save

from events.models import Event

DISPATCH_PREFIX = "registrations-"


def remember_sequence(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._registrations_sequence = None
        return
    instance._registrations_sequence = (
        Event.objects.filter(pk=instance.pk).values_list("sequence", flat=True).first()
    )


def announce_change(sender, instance, created=False, raw=False, **kwargs):
    before = getattr(instance, "_registrations_sequence", None)
    if raw or created or before is None or instance.sequence == before:
        return
    if not instance.registrations.exists():
        return
    event_id, sequence = instance.pk, instance.sequence

    def enqueue():
        from .tasks import event_changed

        event_changed.enqueue(event_id, sequence)

    transaction.on_commit(enqueue)


def connect():
    pre_save.connect(remember_sequence, sender=Event, dispatch_uid=DISPATCH_PREFIX + "pre")
    post_save.connect(announce_change, sender=Event, dispatch_uid=DISPATCH_PREFIX + "post")
