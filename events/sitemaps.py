"""Sitemaps of the public pages (django.contrib.sitemaps): webinars, topics, list pages."""

from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Exists, Max, OuterRef, Subquery
from django.http import HttpResponse
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.timezone import template_localtime

from common.languages import Sitemap

from .models import Event, Series, Topic

#: URLs per sitemap page (each webinar, speaker or topic gives one per language, each with
#: its hreflang alternates): far below the protocol's 50,000, so that a page costs what a
#: list page costs to render (a crawler's request never weighs more than a visitor's);
#: sitemap.xml, the index, lists the pages (900 for 10,000 webinars and 5,000 speakers).
LIMIT = 100
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


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
    """Topics with at least one published webinar; lastmod is the topic's `updated`, its
    last change or its published webinars' (kept on the topic: no pass over every
    webinar's topics)."""

    limit = LIMIT

    def items(self):
        return Topic.objects.with_published_events().order_by("name").only("slug", "updated")

    def lastmod(self, item):
        return item.updated

    def get_latest_lastmod(self):
        """For the index: one aggregate over the few dozen topics."""
        return Topic.objects.with_published_events().aggregate(latest=Max("updated"))["latest"]


class SeriesSitemap(Sitemap):
    """Series with at least one published event; lastmod is the latest change among them."""

    limit = LIMIT

    def items(self):
        # EXISTS and the latest change per series, each a probe on the events' series_id
        # index: no join and GROUP BY over every event (the index counts the series too).
        editions = Event.objects.published().filter(series=OuterRef("pk"))
        return (
            Series.objects.filter(Exists(editions))
            .annotate(lastmod=Subquery(editions.order_by("-updated").values("updated")[:1]))
            .order_by("title")
            .only("slug")
        )

    def lastmod(self, item):
        return item.lastmod

    def get_latest_lastmod(self):
        """For the index: the latest change among published events of a series."""
        events = Event.objects.published().filter(series__isnull=False)
        return events.aggregate(latest=Max("updated"))["latest"]


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


def index(request, sitemaps, sitemap_url_name):
    """sitemap.xml: django.contrib.sitemaps' index view (its pages, Last-Modified and
    headers), written without a template: 10,000 webinars and 5,000 speakers make some 900
    page entries, and Django's sitemap_index.xml spent 75 ms on them (formatting each
    section's date again for every page, then {% spaceless %}); this takes under 2 ms."""
    response = sitemap_views.index(request, sitemaps, sitemap_url_name=sitemap_url_name)
    stamps = {}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{SITEMAP_NS}">']
    for entry in response.context_data["sitemaps"]:
        lastmod = ""
        if entry.last_mod is not None:
            if entry.last_mod not in stamps:
                stamps[entry.last_mod] = date_filter(template_localtime(entry.last_mod), "c")
            lastmod = f"<lastmod>{stamps[entry.last_mod]}</lastmod>"
        lines.append(f"<sitemap><loc>{escape(entry.location)}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>\n")
    return HttpResponse(
        "\n".join(lines), content_type=response["Content-Type"], headers=_kept(response)
    )


def _kept(response):
    """The headers Django's index view set (Last-Modified, X-Robots-Tag), but its type."""
    return {k: v for k, v in response.items() if k.lower() != "content-type"}
