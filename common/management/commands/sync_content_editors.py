from django.core.management.base import BaseCommand

from common.permissions import CONTENT_EDITORS, sync_content_editors


class Command(BaseCommand):
    help = (
        f"Create the “{CONTENT_EDITORS}” group or reset its permissions to the ones staff need "
        "to edit webinars, topics and speakers (migrate does this too)."
    )

    def handle(self, *args, **options):
        group = sync_content_editors()
        self.stdout.write(
            f"“{group.name}” has {group.permissions.count()} permissions. Add staff to it in "
            "the admin (Users → user → Groups) and tick “Staff status”."
        )
