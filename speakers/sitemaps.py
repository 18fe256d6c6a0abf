from common.languages import Sitemap
from events.models import Event

from .models import Speaker


class SpeakerSitemap(Sitemap):
    """Speakers who appear in a published webinar (the ones the public can see)."""

    def items(self):
        return Speaker.objects.appearing_in(Event.objects.published()).order_by("sort_name", "pk")

    def lastmod(self, item):
        return item.updated
