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
