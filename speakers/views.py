from django.db.models import F, Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.views.generic import DetailView, ListView

from common.jsonld import script_json
from common.pagination import NarrowSortPaginator
from events.models import Event, EventQuerySet, EventSpeaker
from httpcache.front import tag
from httpcache.middleware import canonical_page, kept_by_no_cache

from .models import Speaker, SpeakerLink
from .structured_data import person_schema


def visible_speakers(user):
    """The speakers `user` may see: the public ones (Speaker.is_public: they appear in a
    published event), and every speaker for staff who see drafts."""
    if Event.drafts_visible_to(user):
        return Speaker.objects.all()
    return Speaker.objects.public()


class SpeakerListView(ListView):
    """Speakers who appear in at least one published webinar (staff see all)."""

    context_object_name = "speakers"
    paginate_by = 48
    paginator_class = NarrowSortPaginator

    def get_queryset(self):
        tag(self.request, Speaker)
        # The order of the public speakers' index (Speaker.Meta.indexes), ties by key.
        return visible_speakers(self.request.user).order_by("sort_name", "full_name", "pk")

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if not canonical_page(self.request, context["page_obj"], self.page_kwarg):
            kept_by_no_cache(response)
        return response


class SpeakerDetailView(DetailView):
    """A speaker's bio, links and webinars: every one to come (soonest first), then the
    latest PAST_SHOWN past ones (newest first) and, when there are more, a link to the
    list of webinars filtered by the speaker. 404 for a speaker the public cannot see (one
    who appears only in drafts)."""

    context_object_name = "speaker"
    #: Past webinars on the page; the rest are on /events/?speaker=<slug>.
    PAST_SHOWN = 10

    def get_queryset(self):
        return visible_speakers(self.request.user).prefetch_related(
            Prefetch("links", queryset=SpeakerLink.objects.all())
        )

    def get_context_data(self, **kwargs):
        upcoming, past, more_past = self.appearances()
        shown = [a.event for a in upcoming + past]
        prefetch_related_objects(shown, "sessions")  # for the dates
        tag(self.request, self.object, *shown)
        absolute = self.request.build_absolute_uri
        person = {
            "@context": "https://schema.org",
            **person_schema(self.object, absolute, full=True),
        }
        return super().get_context_data(
            upcoming_appearances=upcoming,
            past_appearances=past,
            more_past=more_past,
            jsonld=script_json(person),
            share_image=absolute(self.object.photo.url) if self.object.photo else "",
            **kwargs,
        )

    def appearances(self):
        """(appearances to come, soonest first; the latest PAST_SHOWN past ones, newest
        first; whether there are more past ones), among the events the visitor may see.
        One query, whatever the speaker's record: those to come and the latest
        PAST_SHOWN + 1 past ones (a sliced subquery)."""
        now = timezone.now()
        appearances = EventSpeaker.objects.filter(
            speaker=self.object, event__in=Event.objects.visible_to(self.request.user)
        )
        latest_past = appearances.exclude(event__end__gt=now).order_by(
            F("event__start").desc(nulls_last=True), "pk"
        )[: self.PAST_SHOWN + 1]
        rows = (
            appearances.filter(Q(event__end__gt=now) | Q(pk__in=latest_past.values("pk")))
            .select_related("event")
            .defer(*(f"event__{name}" for name in EventQuerySet.LONG_FIELDS))
            .order_by("event__start", "pk")
        )
        upcoming, past = [], []
        for row in rows:
            (upcoming if row.event.end and row.event.end > now else past).append(row)
        past.reverse()  # newest first
        return upcoming, past[: self.PAST_SHOWN], len(past) > self.PAST_SHOWN
