from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_save
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Code every app shares: fields, uploads, media serving, Markdown, slugs, JSON-LD,
    middleware, the staff group, and the cleaning of control characters from every
    model's text on save (common.controls). It imports none of the site's other apps; an app that
    contributes something declares it on its own AppConfig, and the code here asks:

    - `media_types`: {extension: Content-Type} of the files its uploads become
      (read by common.media);
    - `immutable_media_prefixes`: storage path prefixes whose files never change content
      under one name (cached for a year by common.media);
    - `content_models`: model names whose rows the "Content editors" group edits
      (read by common.permissions).

    It defines no models.
    """

    name = "common"
    verbose_name = _("Common")

    def ready(self):
        from .controls import strip_controls_on_save
        from .permissions import sync_content_editors_after_migrate

        post_migrate.connect(sync_content_editors_after_migrate, sender=self)
        # Every model (no sender): no text field anywhere keeps a C0 control character.
        pre_save.connect(strip_controls_on_save, dispatch_uid="strip_controls_on_save")
