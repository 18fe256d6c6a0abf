from common.languages import Sitemap
from events.models import Event

from .models import Speaker


class SpeakerSitemap(Sitemap):
    """Speakers who appear in a published webinar (the ones the public can see)."""

    limit = 100  # URLs per page, as events.sitemaps.LIMIT

    def items(self):
        return Speaker.objects.appearing_in(Event.objects.published()).order_by("sort_name", "pk")

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        """None: the index gives no lastmod for this section (it would cost a pass over
        every appearance; the section's own entries carry theirs)."""
        return None
