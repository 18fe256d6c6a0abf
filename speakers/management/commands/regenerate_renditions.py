"""`python manage.py regenerate_renditions`: make every speaker photo's renditions anew.

Run it after changing settings.SPEAKER_PHOTO_SIZES or the encoding in speakers.photos. Each
photo gets renditions under new names (so no cache keeps serving the old ones) and the old
files are deleted once the new names are saved. A photo stored before uploads were cleaned
(outside speakers/photos/) is first replaced by a clean master, without its metadata.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from PIL import Image

from common.uploads import delete_on_commit, random_token
from speakers import photos
from speakers.models import Speaker


class Command(BaseCommand):
    help = "Make the renditions of every speaker photo again (after the sizes change)."

    def add_arguments(self, parser):
        parser.add_argument(
            "slugs", nargs="*", metavar="SLUG", help="Only these speakers (default: all)."
        )

    def handle(self, *args, slugs, **options):
        speakers = Speaker.objects.exclude(photo="").order_by("pk")
        if slugs:
            speakers = speakers.filter(slug__in=slugs)
        done, files, total_bytes, failures = 0, 0, 0, []
        for speaker in speakers.iterator():
            try:
                with transaction.atomic():
                    written = self.regenerate(speaker)
            except Exception as error:  # report it, carry on with the others
                failures.append(f"{speaker.slug}: {error}")
                continue
            done += 1
            files += len(written)
            total_bytes += sum(speaker.photo.storage.size(name) for name in written)
        self.stdout.write(
            f"Made renditions for {done} photo(s): {files} files, "
            f"{filesizeformat(total_bytes)} in all."
        )
        if failures:
            raise CommandError("Could not read these photos:\n" + "\n".join(failures))

    def regenerate(self, speaker):
        """New renditions (and, for an old upload, a clean master) for one speaker; returns
        the names written. Old files are deleted when the transaction commits."""
        storage = speaker.photo.storage
        with storage.open(speaker.photo.name, "rb") as stored:
            image = Image.open(stored, formats=photos.ACCEPTED_FORMATS)
            image.load()
        image = photos.clean_photo(image)
        old = photos.rendition_names(speaker.photo_renditions)
        written = []
        if not speaker.photo.name.startswith(photos.MASTER_DIR):
            old.append(speaker.photo.name)
            name = f"{photos.MASTER_DIR}{random_token()}.jpg"
            speaker.photo.name = storage.save(name, photos.encode_master(image))
            written.append(speaker.photo.name)
        speaker.photo_renditions = photos.make_renditions(image, storage)
        written += photos.rendition_names(speaker.photo_renditions)
        Speaker.objects.filter(pk=speaker.pk).update(
            photo=speaker.photo.name, photo_renditions=speaker.photo_renditions
        )
        delete_on_commit(storage, old)
        return written
