from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WebinarSiteConfig(AppConfig):
    """The project package as an app: site-wide template filters, commands and the staff
    group. It defines no models."""

    name = "webinar_site"
    verbose_name = _("Webinar site")

    def ready(self):
        from .permissions import sync_content_editors_after_migrate

        post_migrate.connect(sync_content_editors_after_migrate, sender=self)
