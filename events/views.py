from django.conf import settings
from django.db.models import F, prefetch_related_objects
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from common.jsonld import script_json
from httpcache.fragments import cached_fragment
from httpcache.front import keys_of, tag, tagged
from httpcache.middleware import normalised_query
from speakers.models import Speaker
from timezones.zones import WORLD_CLOCK_ZONES, visitor_zone, world_clock

from . import calendars
from .forms import EventFilterForm
from .models import Event, SustainableDevelopmentGoal, Topic, detail_lookups, next_timing_change
from .structured_data import event_schema

#: Lists of webinars show cards with topics and goals (front cache keys, httpcache.front).
EVENT_LISTS = (Event, Topic, SustainableDevelopmentGoal)


def shown_with(event):
    """What the pages of `event` (with_details() prefetched) show, for `tag`: the event,
    its topics and goals, and every speaker named in the programme or the materials."""
    speakers = {a.speaker for a in event.appearances.all()}
    for item in event.agenda_items.all():
        speakers.update(item.speakers.all())
    speakers.update(m.speaker for m in event.materials.all() if m.speaker_id)
    return [event, *event.topics.all(), *event.sdgs.all(), *speakers]


class HomeView(TemplateView):
    """The next webinar (or, when none is coming, the latest), then the rest."""

    template_name = "events/home.html"
    list_size = 6

    def get_context_data(self, **kwargs):
        events = Event.objects.published().prefetch_related("topics", "sdgs")
        upcoming = list(events.upcoming()[: self.list_size + 1])
        past = list(events.past()[: self.list_size + 1])
        featured = upcoming[0] if upcoming else (past[0] if past else None)
        tag(self.request, *EVENT_LISTS)
        return super().get_context_data(
            featured=featured,
            upcoming=[e for e in upcoming if e != featured][: self.list_size],
            past=[e for e in past if e != featured][: self.list_size],
            **kwargs,
        )


class EventListView(ListView):
    """Published webinars, filtered by the query string (EventFilterForm: q, topic, sdg,
    year, when, language); by default those to come first (soonest first), then past ones.

    The list's content is rendered once per site version, filters and page, host, visitor's
    zone, language and next clock change (when an event starts or ends, its badge and place
    change) and kept as a fragment (httpcache.fragments)."""

    template_name = "events/event_list.html"
    content_template = "includes/event_list_content.html"
    context_object_name = "events"
    paginate_by = 12
    query_params = ("q", "topic", "sdg", "year", "when", "language", "page")

    def get(self, request, *args, **kwargs):
        change = request.page_cache_horizon = next_timing_change()
        _, query = normalised_query(request.META.get("QUERY_STRING", ""), self.query_params)
        zone = visitor_zone(request)
        parts = (
            "events", query, request.get_host(), request.scheme, getattr(zone, "key", ""),
            translation.get_language(), change.timestamp() if change else "",
        )  # fmt: skip
        tag(request, *EVENT_LISTS)
        if request.GET.get("q", "").strip():
            tag(request, Speaker)  # found by speakers' names too
        fragment = cached_fragment(request, parts, self.render_content)
        return self.render_to_response(self.get_base_context(**fragment))

    def get_base_context(self, **kwargs):
        return {"view": self, **kwargs}

    def get_template_names(self):
        return [self.template_name]  # the list itself may come from the fragment cache

    def render_content(self):
        """{"content": the list's HTML, "page_number": int}; Http404 for a page past the end."""
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        html = render_to_string(self.content_template, context, request=self.request)
        return {
            "content": mark_safe(html),  # noqa: S308 - rendered by the template engine, escaped
            "page_number": context["page_obj"].number if context["page_obj"] else 1,
        }

    def get_queryset(self):
        published = Event.objects.published()
        self.filter_form = EventFilterForm(self.request.GET, published)
        return self.filter_form.filter(published).prefetch_related("topics", "sdgs")

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class VisibleEventMixin:
    """Published events for everyone; drafts too for staff who may change events (a
    preview); 404 for anything else."""

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).with_details()


class EventDetailView(VisibleEventMixin, DetailView):
    """One webinar, with its calendar links and schema.org Event JSON-LD.

    The page's content and JSON-LD are rendered once per site version, host, visitor's zone,
    language and timing (upcoming, live, past) and kept as a fragment (httpcache.fragments):
    the speakers, agenda and materials are fetched only when it is rendered."""

    context_object_name = "event"
    content_template = "includes/event_content.html"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        absolute = self.request.build_absolute_uri
        event = self.object
        page_url = absolute(event.get_absolute_url())
        context = super().get_context_data(
            page_url=page_url,
            share_image=absolute(event.sharing_image_url) if event.sharing_image_url else "",
            **kwargs,
        )
        zone = visitor_zone(self.request)
        parts = (
            "event", event.pk, self.request.get_host(), self.request.scheme, event.timing,
            getattr(zone, "key", ""), translation.get_language(),
        )  # fmt: skip
        context.update(cached_fragment(self.request, parts, lambda: self.render_content(context)))
        tag(self.request, *context["front_cache_keys"])
        return context

    def render_content(self, context):
        """{"content": the page's main HTML, "jsonld": its JSON-LD, "front_cache_keys": the
        front cache keys of what it shows (sorted list of str)}, from the database."""
        event, page_url = self.object, context["page_url"]
        prefetch_related_objects([event], *detail_lookups())
        context = {
            **context,
            "google_calendar_url": calendars.google_calendar_url(event, page_url),
            "outlook_calendar_url": calendars.outlook_calendar_url(event, page_url),
            "office_calendar_url": calendars.outlook_calendar_url(
                event, page_url, host="outlook.office.com"
            ),
        }
        return {
            "content": mark_safe(  # noqa: S308 - rendered by the template engine, escaped
                render_to_string(self.content_template, context, request=self.request)
            ),
            "jsonld": script_json(event_schema(event, self.request)),
            "front_cache_keys": sorted(keys_of(*shown_with(event))),
        }


class EventCalendarView(VisibleEventMixin, SingleObjectMixin, View):
    """One webinar as an iCalendar file (text/calendar), named after its slug."""

    def get(self, request, *args, **kwargs):
        event = self.get_object()
        tag(request, *shown_with(event))
        calendar = calendars.build_calendar(
            [event],
            lambda e: request.build_absolute_uri(e.get_absolute_url()),
            name=settings.SITE_NAME,
            uid=f"{event.uid}-calendar",
        )
        return calendars.ics_response(calendar, f"{event.slug}.ics")


@tagged(*EVENT_LISTS, Speaker)
def events_calendar(request):
    """Every published webinar as one subscribable iCalendar feed (text/calendar)."""
    events = Event.objects.published().with_details().order_by("start")
    calendar = calendars.build_calendar(
        events,
        lambda e: request.build_absolute_uri(e.get_absolute_url()),
        name=settings.SITE_NAME,
        description=_("All published webinars and their latest changes."),
        uid=f"webinars@{request.get_host()}",
        url=request.build_absolute_uri(),
    )
    return calendars.ics_response(calendar, "webinars.ics")


class EventWorldClockView(DetailView):
    """The webinar's start and end in a handful of major zones, the organiser's and the
    visitor's, as one table (timezones.zones.world_clock rows in `rows`)."""

    context_object_name = "event"
    template_name = "events/event_world_clock.html"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user)

    def get_context_data(self, **kwargs):
        event = self.object
        tag(self.request, event)
        marks = {event.timezone: _("Organiser")}
        chosen = visitor_zone(self.request)
        if chosen is not None:
            marks.setdefault(chosen.key, _("Your time zone"))
        rows = world_clock(event.start, event.end, WORLD_CLOCK_ZONES, marks)
        return super().get_context_data(rows=rows, **kwargs)


def recording_redirect(request, slug):
    """Send the visitor to the event's recording (302) and count the follow; 404 if none."""
    event = get_object_or_404(Event.objects.published().exclude(recording_url=""), slug=slug)
    if not event.has_recording:  # a stored link that is not http(s): never followed
        raise Http404
    Event.objects.filter(pk=event.pk).update(recording_views=F("recording_views") + 1)
    return HttpResponseRedirect(event.recording_url)


class TopicDetailView(ListView):
    """The published webinars filed under one topic, paginated."""

    template_name = "events/topic_detail.html"
    context_object_name = "events"
    paginate_by = 12

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return self.topic.events.published().upcoming_then_past().prefetch_related("topics", "sdgs")

    def get_context_data(self, **kwargs):
        tag(self.request, self.topic, *EVENT_LISTS)
        return super().get_context_data(topic=self.topic, **kwargs)
