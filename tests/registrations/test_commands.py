import datetime
import io

import pytest
from django.core.management import call_command

from registrations.models import CountryCount, Email, Registration

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def add(event, email, country, status="confirmed"):
    return Registration.objects.create(event=event, name="N", email=email, country=country,
                                       timezone="UTC", status=status)  # fmt: skip


def test_purge_keeps_counts_per_country_and_deletes_personal_data(settings, open_event):
    settings.REGISTRATION_RETENTION_DAYS = 30
    old = open_event(title="Old", start=open_event().start - 40 * DAY)
    recent = open_event(title="Recent", start=open_event().start - 20 * DAY)
    for n, country in enumerate(["WS", "WS", "KI"]):
        Email.objects.create(registration=add(old, f"o{n}@example.org", country), kind="confirm")
    add(old, "w@example.org", "KI", status="waiting")
    add(recent, "r@example.org", "WS")

    call_command("purge_registrations", stdout=io.StringIO())
    call_command("purge_registrations", stdout=io.StringIO())  # again: nothing changes

    assert list(Registration.objects.values_list("email", flat=True)) == ["r@example.org"]
    assert Email.objects.count() == 0
    assert sorted(CountryCount.objects.values_list("event__title", "country", "registrations")) == [
        ("Old", "KI", 1),
        ("Old", "WS", 2),
    ]


def test_purge_deletes_unconfirmed_after_the_link_expires(settings, open_event):
    event = open_event()
    stale = add(event, "s@example.org", "FJ", status="pending")
    Registration.objects.filter(pk=stale.pk).update(
        created=stale.created - (settings.REGISTRATION_CONFIRM_DAYS + 1) * DAY
    )
    fresh = add(event, "f@example.org", "FJ", status="pending")
    call_command("purge_registrations", stdout=io.StringIO())
    assert list(Registration.objects.all()) == [fresh]


# The worker closes old connections between tasks, as it would in production: committed rows.
@pytest.mark.django_db(transaction=True)
def test_overdue_emails_are_queued_again_and_sent_once(smtp, run_worker, open_event):
    from django.utils import timezone

    event = open_event()
    registration = add(event, "o@example.org", "PG")
    long_ago = timezone.now() - datetime.timedelta(hours=1)
    # A task lost before it was enqueued, and a send whose worker died (its lease is over).
    lost = Email.objects.create(registration=registration, kind="registered", send_after=long_ago)
    stuck = Email.objects.create(registration=registration, kind="confirm", status="sending",
                                 attempts=1, send_after=long_ago)  # fmt: skip
    not_due = Email.objects.create(registration=registration, kind="reminder",
                                   send_after=timezone.now() + DAY)  # fmt: skip

    call_command("send_queued_emails", stdout=io.StringIO())
    call_command("send_queued_emails", stdout=io.StringIO())  # twice: still one email each
    run_worker()

    assert sorted(m["Subject"].split(":")[0] for m in smtp.wait_for(2)) == [
        "Confirm your registration",
        "You are registered",
    ]
    statuses = dict(Email.objects.values_list("pk", "status"))
    assert statuses == {lost.pk: "sent", stuck.pk: "sent", not_due.pk: "queued"}
    assert len(smtp.messages) == 2
