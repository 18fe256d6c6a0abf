from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Webinars")
    #: Rows the "Content editors" group edits (common.permissions).
    content_models = ("event", "topic", "eventspeaker", "agendaitem", "material")

    def ready(self):
        from .documents import FORMATS

        #: The documents staff upload, served with these types (common.media).
        self.media_types = {extension: f.media_type for extension, f in FORMATS.items()}
