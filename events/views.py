from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import DetailView, ListView, TemplateView

from .models import Event, Topic


class HomeView(TemplateView):
    """The next webinar (or, when none is coming, the latest), then the rest."""

    template_name = "events/home.html"
    list_size = 6

    def get_context_data(self, **kwargs):
        events = Event.objects.published().prefetch_related("topics")
        upcoming = list(events.upcoming()[: self.list_size + 1])
        past = list(events.past()[: self.list_size + 1])
        featured = upcoming[0] if upcoming else (past[0] if past else None)
        return super().get_context_data(
            featured=featured,
            upcoming=[e for e in upcoming if e != featured][: self.list_size],
            past=[e for e in past if e != featured][: self.list_size],
            **kwargs,
        )


class EventListView(ListView):
    """All published webinars: those to come first (soonest first), then past ones."""

    template_name = "events/event_list.html"
    context_object_name = "events"
    paginate_by = 12

    def get_queryset(self):
        return Event.objects.published().upcoming_then_past().prefetch_related("topics")


class EventDetailView(DetailView):
    """One webinar. Drafts are shown to staff who may change events (a preview), 404 to others."""

    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).with_details()


def recording_redirect(request, slug):
    """Send the visitor to the event's recording (302) and count the follow; 404 if none."""
    event = get_object_or_404(Event.objects.published().exclude(recording_url=""), slug=slug)
    Event.objects.filter(pk=event.pk).update(recording_views=F("recording_views") + 1)
    return redirect(event.recording_url)


class TopicDetailView(ListView):
    """The published webinars filed under one topic, paginated."""

    template_name = "events/topic_detail.html"
    context_object_name = "events"
    paginate_by = 12

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return self.topic.events.published().upcoming_then_past().prefetch_related("topics")

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)
