"""`python manage.py regenerate_sharing_images`: clean every event's sharing image and make
its 1200×630 rendition anew.

Run it once after upgrading to the sharing-image pipeline (events.sharing): images uploaded
before it were kept as uploaded (GPS position and camera data included, the uploader's file
name, PNG and .jpeg names that /media/ does not serve) and have no rendition, so their pages
show the site's default image until this has run. Each image is replaced by a clean master
and a new rendition under new random names; the old files are deleted once the row is saved.
An image that cannot be read is reported and left as it is.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from PIL import Image

from common.uploads import delete_on_commit
from events import sharing
from events.models import Event
from speakers import photos


class Command(BaseCommand):
    help = "Clean every event's sharing image and make its 1200×630 rendition again."

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", metavar="SLUG", help="Only these events (default: all)."
        )

    def handle(self, *args, slugs, **options):
        events = Event.objects.exclude(image="").order_by("pk")
        if slugs:
            events = events.filter(slug__in=slugs)
        done, failures = 0, []
        for event in events.iterator():
            try:
                with transaction.atomic():
                    self.regenerate(event)
            except Exception as error:  # report it, carry on with the others
                failures.append(f"{event.slug}: {error}")
                continue
            done += 1
        self.stdout.write(f"Made sharing images for {done} event(s).")
        if failures:
            raise CommandError("Could not read these images:\n" + "\n".join(failures))

    def regenerate(self, event):
        """A clean master and a new rendition for one event; the old files are deleted when
        the transaction commits."""
        storage = event.image.storage
        with storage.open(event.image.name, "rb") as stored:
            image = Image.open(stored, formats=photos.ACCEPTED_FORMATS)
            image.load()
        old = [name for name in (event.image.name, event.image_rendition) if name]
        master, rendition = sharing.store(image, storage)
        Event.objects.filter(pk=event.pk).update(image=master, image_rendition=rendition)
        delete_on_commit(storage, old)
