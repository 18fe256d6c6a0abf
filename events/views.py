from django.conf import settings
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from common.jsonld import script_json
from httpcache.front import tag, tagged
from speakers.models import Speaker
from timezones.zones import WORLD_CLOCK_ZONES, visitor_zone, world_clock

from . import calendars
from .forms import EventFilterForm
from .models import Event, SustainableDevelopmentGoal, Topic
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
    year, when); by default those to come first (soonest first), then past ones."""

    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 12

    def get_queryset(self):
        published = Event.objects.published()
        self.filter_form = EventFilterForm(self.request.GET, published)
        return self.filter_form.filter(published).prefetch_related("topics", "sdgs")

    def get_context_data(self, **kwargs):
        tag(self.request, *EVENT_LISTS)
        if self.filter_form.cleaned_data.get("q"):
            tag(self.request, Speaker)  # found by speakers' names too
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class VisibleEventMixin:
    """Published events for everyone; drafts too for staff who may change events (a
    preview); 404 for anything else."""

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).with_details()


class EventDetailView(VisibleEventMixin, DetailView):
    """One webinar, with its calendar links and schema.org Event JSON-LD."""

    context_object_name = "event"

    def get_context_data(self, **kwargs):
        tag(self.request, *shown_with(self.object))
        absolute = self.request.build_absolute_uri
        page_url = absolute(self.object.get_absolute_url())
        return super().get_context_data(
            page_url=page_url,
            share_image=(
                absolute(self.object.sharing_image_url) if self.object.sharing_image_url else ""
            ),
            google_calendar_url=calendars.google_calendar_url(self.object, page_url),
            outlook_calendar_url=calendars.outlook_calendar_url(self.object, page_url),
            office_calendar_url=calendars.outlook_calendar_url(
                self.object, page_url, host="outlook.office.com"
            ),
            jsonld=script_json(event_schema(self.object, self.request)),
            **kwargs,
        )


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
