import datetime

from django.utils import timezone

from events.models import Event, next_timing_change

MINUTE = datetime.timedelta(minutes=1)


def test_next_change_is_the_first_start_or_end_after_now(make_event):
    live = make_event(starts_in=-MINUTE, hours=1)  # started a minute ago, ends in 59 minutes
    soon = make_event(starts_in=2 * MINUTE)
    make_event(starts_in=-3 * MINUTE, hours=0.02)  # ended about a minute ago

    changes = Event.objects.next_change()

    assert changes == soon.start
    assert Event.objects.filter(pk=live.pk).next_change() == live.end


def test_next_change_is_none_when_everything_has_ended(make_event):
    make_event(starts_in=-2 * MINUTE, hours=0.01)
    assert Event.objects.next_change() is None


def test_next_timing_change_ignores_drafts(make_event):
    make_event(title="Zebra draft", starts_in=MINUTE, publication=Event.Publication.DRAFT)
    published = make_event(starts_in=10 * MINUTE)

    assert next_timing_change() == published.start
    assert next_timing_change() > timezone.now()
