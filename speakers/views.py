from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from httpcache.front import tag
from webinar_site.jsonld import script_json

from .models import Speaker, SpeakerLink
from .structured_data import person_schema

# Speakers never import events: appearances are reached through the reverse relation
# ("appearances", an event's EventSpeaker rows), filtered by the event's publication state.
PUBLISHED = {"appearances__event__state": "published"}


def _can_see_drafts(user):
    return user.is_authenticated and user.has_perm("events.change_event")


class SpeakerListView(ListView):
    """Speakers who appear in at least one published webinar (staff see all)."""

    context_object_name = "speakers"
    paginate_by = 48

    def get_queryset(self):
        tag(self.request, Speaker)
        speakers = Speaker.objects.all()
        if not _can_see_drafts(self.request.user):
            speakers = speakers.filter(**PUBLISHED).distinct()
        return speakers


class SpeakerDetailView(DetailView):
    """A speaker's bio, links and published appearances; 404 for a speaker the public
    cannot see (one who appears only in drafts)."""

    context_object_name = "speaker"

    def get_queryset(self):
        speakers = Speaker.objects.all()
        appearances = Speaker.appearances.rel.related_model.objects.select_related("event")
        if not _can_see_drafts(self.request.user):
            speakers = speakers.filter(**PUBLISHED).distinct()
            appearances = appearances.filter(event__state="published")
        return speakers.prefetch_related(
            Prefetch("appearances", queryset=appearances.order_by("-event__start")),
            Prefetch("links", queryset=SpeakerLink.objects.all()),
        )

    def get_context_data(self, **kwargs):
        tag(self.request, self.object, *(a.event for a in self.object.appearances.all()))
        absolute = self.request.build_absolute_uri
        person = {
            "@context": "https://schema.org",
            **person_schema(self.object, absolute, full=True),
        }
        return super().get_context_data(
            jsonld=script_json(person),
            share_image=absolute(self.object.photo.url) if self.object.photo else "",
            **kwargs,
        )
