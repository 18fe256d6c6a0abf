from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


class WebinarSiteConfig(AppConfig):
    """The project package as an app: site-wide template filters, commands, the staff
    group, and the cleaning of control characters from every model's text on save. It
    defines no models."""

    name = "webinar_site"
    verbose_name = _("Webinar site")

    def ready(self):
        from .controls import strip_controls_on_save
        from .permissions import sync_content_editors_after_migrate

        post_migrate.connect(sync_content_editors_after_migrate, sender=self)
        # Every model (no sender): no text field anywhere keeps a C0 control character.
        pre_save.connect(strip_controls_on_save, dispatch_uid="strip_controls_on_save")
