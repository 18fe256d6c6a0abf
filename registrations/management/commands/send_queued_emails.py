"""Hand the worker every registration email that is overdue (its task was lost, or the worker
died while sending); meant for cron every few minutes. See emails.requeue_stalled."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from registrations.emails import requeue_stalled


class Command(BaseCommand):
    help = "Queue again the registration emails that are overdue (lost task, dead worker)."

    def handle(self, *args, **options):
        count = requeue_stalled(timezone.now())
        self.stdout.write(f"Queued {count} overdue emails again.")
