"""RSS 2.0 and Atom feeds of published webinars (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.db import models
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.controls import strip_controls
from common.languages import site_name

from .models import Event, EventOrganizer


def _clean(values):
    """A feed's or an item's dict with control characters stripped from every text value
    (categories included): XML 1.0 cannot carry them, and Django refuses to write them."""
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = strip_controls(value, multiline=key == "description")
        elif key == "categories" and value:
            values[key] = [strip_controls(c, multiline=False) for c in value]


class CleanTextFeedMixin:
    """A feedgenerator that drops control characters a stored row may still hold (one
    written by QuerySet.update() or an import), so one bad title cannot break the feed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _clean(self.feed)

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        _clean(self.items[-1])


class CleanRssFeed(CleanTextFeedMixin, Rss201rev2Feed):
    """RSS 2.0 without control characters."""


class CleanAtomFeed(CleanTextFeedMixin, Atom1Feed):
    """Atom 1.0 without control characters."""


class EventFeed(Feed):
    """The latest announced webinars, newest announcement first (RSS 2.0).

    Each item: the title, a description giving the time in the organiser's zone and the
    summary, the event page as link, a urn:uuid GUID (Event.uid, which never changes),
    the announcement as pubDate, topics and SDGs as categories.
    """

    feed_type = CleanRssFeed
    limit = 50
    description = _("Capacity-building webinars on sustainable development: new and updated.")

    def title(self):
        return site_name()

    def link(self):
        return reverse("events:list")

    def feed_url(self):
        return reverse("events:feed")

    def items(self):
        return (
            Event.objects.published()
            .for_cards()
            .prefetch_related(
                models.Prefetch(
                    "organizers", queryset=EventOrganizer.objects.select_related("organization")
                ),
            )
            .order_by("-created")[: self.limit]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return gettext("%(when)s. %(summary)s") % {
            "when": item.schedule_text(),
            "summary": item.summary,
        }

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created

    def item_updateddate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.organizer_name or None

    def item_categories(self, item):
        return [t.name for t in item.topics.all()] + [str(g) for g in item.sdgs.all()]


class AtomEventFeed(EventFeed):
    """The same webinars as an Atom 1.0 feed."""

    feed_type = CleanAtomFeed
    subtitle = EventFeed.description

    def feed_url(self):
        return reverse("events:atom")
