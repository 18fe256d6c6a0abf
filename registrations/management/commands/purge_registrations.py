"""Delete registrants' personal data once it is no longer needed; meant for a daily cron job.

For each webinar that ended more than REGISTRATION_RETENTION_DAYS days ago, the confirmed
registrations are counted per country into CountryCount, then every registration of it (with
its emails) is deleted. Unconfirmed registrations whose confirmation link has expired are
deleted too. Running it again changes nothing.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from events.models import Event
from registrations.models import CountryCount, Registration


class Command(BaseCommand):
    help = "Delete registrations of webinars past the retention period, keeping counts per country."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None,
            help="Days after the end of a webinar (default: DJANGO_REGISTRATION_RETENTION_DAYS).",
        )  # fmt: skip

    def handle(self, *args, days=None, **options):
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        now = timezone.now()
        cutoff = now - datetime.timedelta(days=days)
        erased = 0
        for event in Event.objects.filter(end__lt=cutoff, registrations__isnull=False).distinct():
            with transaction.atomic():
                counts = (
                    event.registrations.confirmed()
                    .values("country")
                    .annotate(n=Count("pk"))
                    .order_by("country")
                )
                for row in counts:
                    tally, _created = CountryCount.objects.get_or_create(
                        event=event, country=row["country"], defaults={"registrations": 0}
                    )
                    tally.registrations += row["n"]
                    tally.save(update_fields=["registrations"])
                erased += event.registrations.all().delete()[1].get(Registration._meta.label, 0)
        stale = now - datetime.timedelta(days=settings.REGISTRATION_CONFIRM_DAYS)
        unconfirmed = (
            Registration.objects.filter(status=Registration.Status.PENDING, created__lt=stale)
            .delete()[1]
            .get(Registration._meta.label, 0)
        )
        self.stdout.write(
            f"Deleted {erased} registrations of past webinars and {unconfirmed} unconfirmed ones."
        )
