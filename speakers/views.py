from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from common.jsonld import script_json
from events.models import Event, EventSpeaker
from httpcache.front import tag

from .models import Speaker, SpeakerLink
from .structured_data import person_schema


def visible_speakers(user):
    """The speakers `user` may see: those who appear in an event visible to them
    (Event.objects.visible_to), and every speaker for staff who see drafts."""
    if Event.drafts_visible_to(user):
        return Speaker.objects.all()
    return Speaker.objects.appearing_in(Event.objects.published())


class SpeakerListView(ListView):
    """Speakers who appear in at least one published webinar (staff see all)."""

    context_object_name = "speakers"
    paginate_by = 48

    def get_queryset(self):
        tag(self.request, Speaker)
        return visible_speakers(self.request.user)


class SpeakerDetailView(DetailView):
    """A speaker's bio, links and published appearances; 404 for a speaker the public
    cannot see (one who appears only in drafts)."""

    context_object_name = "speaker"

    def get_queryset(self):
        user = self.request.user
        appearances = EventSpeaker.objects.filter(
            event__in=Event.objects.visible_to(user)
        ).select_related("event")
        return visible_speakers(user).prefetch_related(
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
