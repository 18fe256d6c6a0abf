"""Sitemaps of the public pages (django.contrib.sitemaps): webinars, topics, list pages."""

from django.db.models import Max, Q
from django.urls import reverse
from django.utils.functional import cached_property

from common.languages import Sitemap

from .models import Event, Topic


class EventSitemap(Sitemap):
    """Every published webinar; lastmod is its last change."""

    def items(self):
        return Event.objects.published().order_by("-start").only("slug", "updated")

    def lastmod(self, item):
        return item.updated


class TopicSitemap(Sitemap):
    """Topics with at least one published webinar; lastmod is the latest change among them."""

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
