from common.languages import Sitemap

from .models import Speaker


class SpeakerSitemap(Sitemap):
    """Speakers who appear in a published webinar (the ones the public can see)."""

    limit = 100  # URLs per page, as events.sitemaps.LIMIT

    def items(self):
        # The order of the public speakers' index (Speaker.Meta.indexes).
        return (
            Speaker.objects.public()
            .order_by("sort_name", "full_name", "pk")
            .only("slug", "updated")
        )

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        """None: the index gives no lastmod for this section (it would cost a pass over
        every speaker; the section's own entries carry theirs)."""
        return None
