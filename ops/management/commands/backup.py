import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or a copy of the SQLite file) and MEDIA_ROOT into a "
        "new directory, by default backups/<UTC date-time>/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="directory to create for this backup")

    def handle(self, *args, output=None, **options):
        if not output:
            stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            output = settings.BASE_DIR / "backups" / stamp
        try:
            manifest = create_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {sum(manifest['rows'].values())} rows ({manifest['engine']}) and "
            f"{manifest['media_files']} media files into {output}"
        )
