from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    """Speakers and their pages. A speaker is public (listed, with a page, in the sitemap)
    when they appear in one of the events the app that holds them declares on its own
    AppConfig: `public_speaker_events()`, returning a QuerySet of events whose
    `appearances` name speakers (events: the published webinars). This app imports no
    events code; speakers.models.public_events() asks."""

    name = "speakers"
    verbose_name = _("Speakers")
    #: Rows the "Content editors" group edits (common.permissions).
    content_models = ("speaker", "speakerlink")
    #: Photos and their renditions are stored as JPEG and WebP (common.media).
    media_types = {"jpg": "image/jpeg", "webp": "image/webp"}

    def ready(self):
        from .photos import RENDITION_DIR

        #: A rendition's name changes with its content: cached for a year (common.media).
        self.immutable_media_prefixes = (RENDITION_DIR,)
