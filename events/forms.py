from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from common.fields import LanguagesField
from common.languages import language_name
from speakers.models import Speaker

from .models import FIRST_YEAR, LAST_YEAR, EventSpeaker, SustainableDevelopmentGoal, Topic


class EventFilterForm(forms.Form):
    """The filters of the webinar list, read from the query string (GET).

    q: words to find in titles, summaries and speakers' names and organisations;
    topic: a topic's slug; sdg: a goal's number (1-17); year: the year of the start (UTC);
    when: "upcoming" or "past"; language: a code of LANGUAGES, spoken or interpreted.
    Filters combine. A value that does not validate is
    reported on its field and ignored; the others still apply.
    """

    FIRST_YEAR, LAST_YEAR = FIRST_YEAR, LAST_YEAR
    WHEN_CHOICES = [("", _("Any time")), ("upcoming", _("Upcoming")), ("past", _("Past"))]

    q = forms.CharField(label=_("Search"), required=False, max_length=200, strip=True)
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
    )
    sdg = forms.ModelChoiceField(
        label=_("Goal (SDG)"),
        queryset=SustainableDevelopmentGoal.objects.none(),
        to_field_name="number",
        required=False,
        empty_label=_("All goals"),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    when = forms.ChoiceField(label=_("When"), choices=WHEN_CHOICES, required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    speaker = forms.ModelChoiceField(
        label=_("Speaker"),
        queryset=Speaker.objects.public(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, data, events):
        """data: request.GET. events: the published events the filters choose among.

        Topics and years are those some of these events have, plus the one asked for (a
        shared link to a topic or year without webinars finds none, rather than failing);
        the goals are all 17.
        """
        super().__init__(data)
        asked_topic = data.get("topic", "")
        # EXISTS per topic (a few dozen), not a join over every event's topics.
        tagged = Topic.events.through.objects.filter(topic=OuterRef("pk"), event__in=events)
        self.fields["topic"].queryset = Topic.objects.filter(Exists(tagged) | Q(slug=asked_topic))
        self.fields["sdg"].queryset = SustainableDevelopmentGoal.objects.all()
        years = {d.year for d in events.dates("start", "year")}
        asked_year = data.get("year", "")
        if asked_year.isdigit() and self.FIRST_YEAR <= int(asked_year) <= self.LAST_YEAR:
            years.add(int(asked_year))
        self.fields["year"].choices = [("", _("All years"))] + [
            (year, str(year)) for year in sorted(years, reverse=True)
        ]
        self.fields["language"].choices = [("", _("All languages"))] + [
            (code, language_name(code)) for code, _name in settings.LANGUAGES
        ]
        self.is_valid()

    def filter(self, events):
        """`events` narrowed by every filter that validated, in the order the list shows
        them: upcoming soonest first, past newest first, or upcoming then past; with
        words (q), the best matches first."""
        data = self.cleaned_data
        if data.get("topic"):
            events = events.filter(topics=data["topic"])
        if data.get("sdg"):
            events = events.filter(sdgs=data["sdg"])
        if data.get("year"):
            events = events.filter(start__year=data["year"])
        if data.get("language"):
            held_in = LanguagesField.lookup(data["language"])
            events = events.filter(
                Q(languages__contains=held_in) | Q(interpretation_languages__contains=held_in)
            )
        if data.get("speaker"):
            appears = EventSpeaker.objects.filter(event=OuterRef("pk"), speaker=data["speaker"])
            events = events.filter(Exists(appears))
        if data.get("when") == "upcoming":
            events = events.upcoming()
        elif data.get("when") == "past":
            events = events.past()
        else:
            events = events.upcoming_then_past()
        if data.get("q"):
            # Best matches first (EventQuerySet.search), in the order above among equals.
            events = events.search(data["q"])
            events = events.order_by("-search_rank", *events.query.order_by)
        return events

    @property
    def active(self):
        """True when some valid filter is set."""
        return any(self.cleaned_data.get(name) for name in self.fields)
