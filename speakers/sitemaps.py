
from webinar_site.languages import Sitemap

from .models import Speaker
from .views import PUBLISHED


class SpeakerSitemap(Sitemap):
    """Speakers who appear in a published webinar (the ones the public can see)."""

    def items(self):
        return Speaker.objects.filter(**PUBLISHED).distinct().order_by("sort_name", "pk")

    def lastmod(self, item):
        return item.updated
