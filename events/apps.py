from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Webinars")
    #: Rows the "Content editors" group edits (common.permissions).
    content_models = ("event", "topic", "eventspeaker", "agendaitem", "material")

    def ready(self):
        from django.db.backends.signals import connection_created

        from .documents import FORMATS
        from .search import register_sqlite_functions
        from .sharing import RENDITION_DIR

        #: The documents staff upload, and the sharing images (JPEG), served with these
        #: types (common.media).
        self.media_types = {
            "jpg": "image/jpeg",
            **{extension: f.media_type for extension, f in FORMATS.items()},
        }
        #: A sharing rendition's name changes with its content: cached for a year.
        self.immutable_media_prefixes = (RENDITION_DIR,)
        connection_created.connect(register_sqlite_functions)

    def public_speaker_events(self):
        """The events that make their speakers public (speakers.models.public_events):
        the published ones, as EventQuerySet.published() defines them."""
        from .models import Event

        return Event.objects.published()
