from django.core.management.base import BaseCommand, CommandError

from ops.backups import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database with a backup made by `manage.py backup` and put its media "
        "files back. Stop the site (or its workers) first."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a backup directory, e.g. backups/20261102T101500Z")
        parser.add_argument(
            "--noinput", "--no-input", action="store_false", dest="interactive",
            help="do not ask for confirmation",
        )  # fmt: skip

    def handle(self, *args, directory, interactive=True, **options):
        try:
            manifest = read_manifest(directory)
            if interactive:
                answer = input(
                    f"This replaces every row of the database with the backup of "
                    f"{manifest['created']}. Type 'yes' to continue: "
                )
                if answer.strip().lower() != "yes":
                    raise CommandError("Restore cancelled; nothing was changed.")
            manifest = restore_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {sum(manifest['rows'].values())} rows and {manifest['media_files']} "
            f"media files from {directory}"
        )
