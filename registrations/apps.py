from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Registration for webinars: double opt-in, wait list, personal join links, and the
    emails (confirmations, reminders, changes) that a task worker sends."""

    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from . import signals

        signals.connect()
