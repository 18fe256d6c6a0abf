"""`python manage.py refresh_public_speakers`: work out again which speakers are public.

Speaker.is_public follows every save and deletion of an appearance and every change of a
webinar's publication made through the models and the admin. Run this after writing
appearances or publication another way (bulk_create, QuerySet.update, SQL, a restore of
part of the tables); it writes only the speakers whose flag was wrong.
"""

from django.core.management.base import BaseCommand

from speakers.models import Speaker


class Command(BaseCommand):
    help = "Set which speakers are public from their appearances in public webinars."

    def handle(self, *args, **options):
        changed = Speaker.objects.refresh_public()
        public = Speaker.objects.public().count()
        self.stdout.write(f"{changed} speakers changed; {public} are public.")
