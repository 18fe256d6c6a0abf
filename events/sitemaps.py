"""Sitemaps of the public pages (django.contrib.sitemaps): webinars, topics, list pages."""

from django.db.models import Max, Q
from django.urls import reverse
from django.utils.functional import cached_property

from common.languages import Sitemap

from .models import Event, Series, Topic

#: URLs per sitemap page (each webinar, speaker or topic gives one per language, each with
#: its hreflang alternates): far below the protocol's 50,000, so that a page costs what a
#: list page costs to render (a crawler's request never weighs more than a visitor's);
#: sitemap.xml, the index, lists the pages (900 for 10,000 webinars and 5,000 speakers).
LIMIT = 100


class EventSitemap(Sitemap):
    """Every published webinar, newest first; lastmod is its last change."""

    limit = LIMIT

    def items(self):
        return Event.objects.published().order_by("-start", "pk").only("slug", "updated")

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        """For the index: one aggregate on the (publication, updated) index, not every row."""
        return Event.objects.published().aggregate(latest=Max("updated"))["latest"]


class TopicSitemap(Sitemap):
    """Topics with at least one published webinar; lastmod is the latest change among them."""

    limit = LIMIT

    def items(self):
        return (
            Topic.objects.annotate(
                lastmod=Max(
                    "events__updated", filter=Q(events__publication=Event.Publication.PUBLISHED)
                )
            )
            .filter(lastmod__isnull=False)
            .order_by("name")
        )

    def lastmod(self, item):
        return item.lastmod

    def get_latest_lastmod(self):
        """None: the index gives no lastmod for this section (it would cost a pass over
        every webinar's topics; the section's own entries carry theirs)."""
        return None


class SeriesSitemap(Sitemap):
    """Series with at least one published event; lastmod is the latest change among them."""

    limit = LIMIT

    def items(self):
        return (
            Series.objects.annotate(
                lastmod=Max(
                    "events__updated", filter=Q(events__publication=Event.Publication.PUBLISHED)
                )
            )
            .filter(lastmod__isnull=False)
            .order_by("title")
        )

    def lastmod(self, item):
        return item.lastmod


class PageSitemap(Sitemap):
    """The home page and the webinar and speaker lists; lastmod is the latest change to a
    published webinar."""

    def items(self):
        return ["home", "events:list", "speakers:list"]

    def location(self, item):
        return reverse(item)

    def lastmod(self, item):
        return self.latest_change

    @cached_property
    def latest_change(self):
        return Event.objects.published().aggregate(latest=Max("updated"))["latest"]
