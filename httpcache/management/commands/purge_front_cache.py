"""`manage.py purge_front_cache KEY [KEY ...]`, or `--all`: purge the cache in front now."""

from django.core.management.base import BaseCommand, CommandError

from httpcache import front, purge


class Command(BaseCommand):
    help = (
        "Drop the pages tagged with these surrogate keys (e.g. event-12 event-list) from the "
        "front cache, through FRONT_CACHE_PURGE_BACKEND; --all drops every page (key 'site'), "
        "e.g. after a release that changes the templates."
    )

    def add_arguments(self, parser):
        parser.add_argument("keys", nargs="*", help="surrogate keys, as in the xkey header")
        parser.add_argument("--all", action="store_true", help="every page (the 'site' key)")

    def handle(self, *args, keys, all, **options):
        keys = set(keys) | ({front.SITE_KEY} if all else set())
        if not keys:
            raise CommandError("Name at least one key, or use --all.")
        if purge.backend() is None:
            raise CommandError("No front cache is configured (DJANGO_FRONT_CACHE_PURGE_URLS).")
        if not front.send(keys):
            raise CommandError("The purge failed; see the log above.")
        self.stdout.write(f"Purged: {' '.join(sorted(keys))}")
