from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Speaker
from .views import PUBLISHED


class SpeakerSitemap(Sitemap):
    """Speakers who appear in a published webinar (the ones the public can see)."""

    limit = 2000  # URLs per page, as events.sitemaps.LIMIT

    def items(self):
        return Speaker.objects.filter(**PUBLISHED).distinct().order_by("sort_name", "pk")

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        """For the index: one aggregate, not every row."""
        return self.items().aggregate(latest=Max("updated"))["latest"]
