from django.db import DEFAULT_DB_ALIAS
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
from common.languages import site_name
from common.pagination import NarrowSortPaginator
from httpcache.fragments import cached_fragment
from httpcache.front import keys_of, next_change, tag, tagged
from httpcache.middleware import canonical_page, kept_by_no_cache, normalised_query
from speakers.models import Speaker
from timezones.zones import WORLD_CLOCK_ZONES, visitor_zone, world_clock

from . import calendars
from .forms import EventFilterForm
from .models import (
    Event,
    Series,
    SustainableDevelopmentGoal,
    Topic,
    detail_lookups,
)
from .structured_data import event_schema, series_schema

#: Lists of webinars show cards with topics and goals (front cache keys, httpcache.front).
EVENT_LISTS = (Event, Topic, SustainableDevelopmentGoal)


def shown_with(event):
    """What the pages of `event` (with_details() prefetched) show, for `tag`: the event,
    its topics and goals, and every speaker named in the programme or the materials."""
    speakers = {a.speaker for a in event.appearances.all()}
    for item in event.agenda_items.all():
        speakers.update(row.speaker for row in item.roles.all())
    speakers.update(m.speaker for m in event.materials.all() if m.speaker_id)
    shown = [event, *event.topics.all(), *event.sdgs.all(), *speakers]
    return shown + ([event.series] if event.series_id else [])


class HomeView(TemplateView):
    """The next webinar (or, when none is coming, the latest), then the rest."""

    template_name = "events/home.html"
    list_size = 6

    def get_context_data(self, **kwargs):
        events = Event.objects.published().for_cards()
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
    paginator_class = NarrowSortPaginator
    query_params = ("q", "topic", "sdg", "year", "when", "language", "speaker", "page")

    def get(self, request, *args, **kwargs):
        change = next_change(request)
        _, query = normalised_query(request.META.get("QUERY_STRING", ""), self.query_params)
        zone = visitor_zone(request)
        parts = (
            "events", query, request.get_host(), request.scheme, getattr(zone, "key", ""),
            translation.get_language(), change.timestamp() if change else "",
        )  # fmt: skip
        tag(request, *EVENT_LISTS)
        if request.GET.get("q", "").strip() or request.GET.get("speaker"):
            tag(request, Speaker)  # found by speakers' names too, or by a speaker
        fragment = cached_fragment(
            request, parts, self.render_content, keep=lambda value: value["canonical"]
        )
        response = self.render_to_response(self.get_base_context(**fragment))
        if not fragment["canonical"]:
            kept_by_no_cache(response)  # `?topic=x1`, `?topic=x2`, `?page=01`, ...
        return response

    def get_base_context(self, **kwargs):
        return {"view": self, **kwargs}

    def get_template_names(self):
        return [self.template_name]  # the list itself may come from the fragment cache

    def render_content(self):
        """{"content": the list's HTML, "page_number": int, "canonical": False when a filter
        did not validate or the page number is not written as the list writes it ("01")};
        Http404 for a page past the end."""
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        html = render_to_string(self.content_template, context, request=self.request)
        page = context["page_obj"]
        return {
            "content": mark_safe(html),  # noqa: S308 - rendered by the template engine, escaped
            "page_number": page.number if page else 1,
            "canonical": not self.filter_form.errors
            and canonical_page(self.request, page, self.page_kwarg),
        }

    def get_queryset(self):
        published = Event.objects.published()
        self.filter_form = EventFilterForm(self.request.GET, published)
        return self.filter_form.filter(published).for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class VisibleEventMixin:
    """Published events for everyone; drafts too for staff who may change events (a
    preview); 404 for anything else."""

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).with_details()


class EventDetailView(VisibleEventMixin, DetailView):
    """One webinar, with its calendar links and schema.org Event JSON-LD.

    The page's content, JSON-LD and head (title, description, sharing image) are rendered
    once per site version, host, visitor's zone, language, timing (upcoming, live, past) and
    whether drafts are shown (a staff preview lists a series' drafts) and kept as a fragment
    (httpcache.fragments). Until then the view loads only the event's `key_fields`; the
    whole event, its speakers, agenda and materials are fetched only to render the fragment."""

    context_object_name = "event"
    content_template = "includes/event_content.html"
    #: What the page needs of the event besides its fragment: its address and timing.
    key_fields = ("id", "slug", "start", "end")

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).only(*self.key_fields)

    def get_object(self, queryset=None):
        """The event of the address, with only its `key_fields` loaded: kept in the cache
        under the site version (httpcache.fragments) by the first visit, so that a page
        whose fragment is stored runs no query. Http404 when no event there may be seen."""
        drafts = Event.drafts_visible_to(self.request.user)
        parts = ("event-key", self.kwargs[self.slug_url_kwarg], drafts)
        values = cached_fragment(self.request, parts, lambda: self.key_values(queryset))
        return Event.from_db(DEFAULT_DB_ALIAS, list(values), list(values.values()))

    def key_values(self, queryset=None):
        """{attname: value} of `key_fields` from the database; Http404 as DetailView's."""
        event = super().get_object(queryset)
        return {name: getattr(event, name) for name in self.key_fields}

    def get_context_data(self, **kwargs):
        request, event = self.request, self.object
        context = super().get_context_data(
            page_url=request.build_absolute_uri(event.get_absolute_url()), **kwargs
        )
        zone = visitor_zone(request)
        parts = (
            "event", event.pk, request.get_host(), request.scheme, event.timing,
            getattr(zone, "key", ""), translation.get_language(),
            Event.drafts_visible_to(request.user),
        )  # fmt: skip
        context.update(cached_fragment(request, parts, lambda: self.render_content(context)))
        tag(request, *context["front_cache_keys"])
        return context

    def render_content(self, context):
        """{"content": the page's main HTML, "jsonld": its JSON-LD, "title", "summary" and
        "share_image" (the absolute URL of its sharing image, or ""): the head's, and
        "front_cache_keys": the front cache keys of what it shows (sorted list of str)}, from
        the database (the whole event: one query more than the page itself)."""
        request = self.request
        event = Event.objects.visible_to(request.user).get(pk=self.object.pk)
        prefetch_related_objects([event], *detail_lookups())
        page_url = context["page_url"]
        context = {
            **context,
            "event": event,
            "google_calendar_url": calendars.google_calendar_url(event, page_url),
            "outlook_calendar_url": calendars.outlook_calendar_url(event, page_url),
            "office_calendar_url": calendars.outlook_calendar_url(
                event, page_url, host="outlook.office.com"
            ),
            "series_part": series_part(event, request.user),
        }
        image = event.sharing_image_url
        return {
            "content": mark_safe(  # noqa: S308 - rendered by the template engine, escaped
                render_to_string(self.content_template, context, request=request)
            ),
            "jsonld": script_json(event_schema(event, request)),
            "title": event.title,
            "summary": event.summary,
            "share_image": request.build_absolute_uri(image) if image else "",
            "front_cache_keys": sorted(keys_of(*shown_with(event))),
        }


def series_part(event, user):
    """Where `event` stands in its series, for "Part 2 of 4": a dict with `number`,
    `total`, `previous` and `next` (Events or None; among the events `user` may see, by
    start), or None when the event belongs to no series. One query."""
    if event.series_id is None:
        return None
    editions = list(
        Event.objects.visible_to(user)
        .filter(series_id=event.series_id)
        .order_by(F("start").asc(nulls_last=True), "pk")
        .only("pk", "slug", "title", "start")
    )
    index = next((i for i, e in enumerate(editions) if e.pk == event.pk), None)
    if index is None:
        return None
    return {
        "number": index + 1,
        "total": len(editions),
        "previous": editions[index - 1] if index else None,
        "next": editions[index + 1] if index + 1 < len(editions) else None,
    }


class EventCalendarView(VisibleEventMixin, SingleObjectMixin, View):
    """One webinar as an iCalendar file (text/calendar), named after its slug."""

    def get(self, request, *args, **kwargs):
        event = self.get_object()
        tag(request, *shown_with(event))
        calendar = calendars.build_calendar(
            [event],
            lambda e: request.build_absolute_uri(e.get_absolute_url()),
            name=site_name(),
            uid=f"{event.uid}-calendar",
        )
        return calendars.ics_response(calendar, f"{event.slug}.ics")


@tagged(*EVENT_LISTS, Speaker)
def events_calendar(request):
    """The published webinars to come and the latest past ones, at most 100, as one
    subscribable iCalendar feed (text/calendar; Event.objects.for_calendar_feed())."""
    chosen = Event.objects.published().for_calendar_feed().with_details()
    events = sorted(chosen, key=lambda e: (e.start, e.pk))
    calendar = calendars.build_calendar(
        events,
        lambda e: request.build_absolute_uri(e.get_absolute_url()),
        name=site_name(),
        description=_("Webinars to come and the latest past ones, with their latest changes."),
        uid=f"webinars@{request.get_host()}",
        url=request.build_absolute_uri(),
    )
    return calendars.ics_response(calendar, "webinars.ics")


class EventWorldClockView(DetailView):
    """Each timed session's start and end in a handful of major zones, the organiser's and
    the visitor's: `tables`, a list of (session, timezones.zones.world_clock rows), soonest
    first. Date-only sessions are listed apart (`dated`): their dates are the same
    everywhere."""

    context_object_name = "event"
    template_name = "events/event_world_clock.html"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).prefetch_related("sessions")

    def get_context_data(self, **kwargs):
        event = self.object
        tag(self.request, event)
        marks = {event.timezone: _("Organiser")}
        chosen = visitor_zone(self.request)
        if chosen is not None:
            marks.setdefault(chosen.key, _("Your time zone"))
        tables = [
            (session, world_clock(session.start, session.end, WORLD_CLOCK_ZONES, marks))
            for session in event.timed_sessions
        ]
        dated = [session for session in event.schedule if session.is_date_only]
        return super().get_context_data(tables=tables, dated=dated, **kwargs)


def recording_redirect(request, slug):
    """Send the visitor to the event's recording (302) and count the follow; 404 if none."""
    event = get_object_or_404(Event.objects.published().exclude(recording_url=""), slug=slug)
    if not event.has_recording:  # a stored link that is not http(s): never followed
        raise Http404
    Event.objects.filter(pk=event.pk).update(recording_views=F("recording_views") + 1)
    return HttpResponseRedirect(event.recording_url)


class SeriesDetailView(DetailView):
    """A series: its description, then its upcoming and past editions (those the visitor may
    see), with the recordings, and EventSeries JSON-LD."""

    model = Series
    context_object_name = "series"
    template_name = "events/series_detail.html"

    def editions(self):
        return (
            Event.objects.visible_to(self.request.user)
            .filter(series=self.object)
            .with_details()
            .order_by(F("start").asc(nulls_last=True), "pk")
        )

    def get_context_data(self, **kwargs):
        editions = list(self.editions())
        tag(self.request, self.object, *EVENT_LISTS)
        return super().get_context_data(
            upcoming=[e for e in editions if not e.is_past],
            past=[e for e in reversed(editions) if e.is_past],
            jsonld=script_json(series_schema(self.object, editions, self.request)),
            **kwargs,
        )


class SeriesCalendarView(SeriesDetailView):
    """Every session of a series' published editions as one iCalendar file; the VEVENTs
    have the same UIDs as in each event's own file."""

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        tag(request, self.object, *EVENT_LISTS)
        calendar = calendars.build_calendar(
            self.editions(),
            lambda e: request.build_absolute_uri(e.get_absolute_url()),
            name=self.object.title,
            uid=f"{self.object.uid}-series",
            url=request.build_absolute_uri(),
        )
        return calendars.ics_response(calendar, f"{self.object.slug}.ics")


class TopicDetailView(ListView):
    """The published webinars filed under one topic, paginated."""

    template_name = "events/topic_detail.html"
    context_object_name = "events"
    paginate_by = 12
    paginator_class = NarrowSortPaginator

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return self.topic.events.published().upcoming_then_past().for_cards()

    def get_context_data(self, **kwargs):
        tag(self.request, self.topic, *EVENT_LISTS)
        return super().get_context_data(topic=self.topic, **kwargs)

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not canonical_page(self.request, context["page_obj"], self.page_kwarg):
            kept_by_no_cache(response)
        return response
