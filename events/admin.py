import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import (
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from common.languages import LanguageWidgetsMixin
from httpcache import front

from .models import (
    AgendaItem,
    Event,
    EventSpeaker,
    Material,
    SustainableDevelopmentGoal,
    Topic,
    validate_timezone,
)


class LocalTimesMixin:
    """Admin form mixin: the `local_time_fields` are entered and shown in the event's own time
    zone (not the server's UTC), then stored as aware UTC datetimes.

    Raises a form error for a wall-clock time that does not exist in that zone (the hour
    skipped when clocks go forward).
    """

    local_time_fields = ("start", "end")

    def event_zone_name(self):
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            zone = zoneinfo.ZoneInfo(self.event_zone_name())
            for name in self.local_time_fields:
                value = getattr(self.instance, name)
                if value is not None:
                    self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        name = self.submitted_zone_name()
        try:
            validate_timezone(name)
        except forms.ValidationError:
            return cleaned  # the time zone field reports its own error
        zone = zoneinfo.ZoneInfo(name)
        same_zone = bool(self.instance.pk) and name == self.stored_zone_name
        for field in self.local_time_fields:
            value = cleaned.get(field)
            if value is None:
                continue
            if same_zone and field not in self.changed_data:
                # Untouched: keep the stored instant (the form cannot say which of the two
                # 1:30s is meant on the night the clocks go back).
                cleaned[field] = getattr(self.instance, field)
                continue
            wall = timezone.make_naive(value, timezone.get_current_timezone())
            local = wall.replace(tzinfo=zone)
            try:
                back = local.astimezone(zoneinfo.ZoneInfo("UTC")).astimezone(zone)
            except (OverflowError, ValueError):
                # Within a day of year 1 or 9999: no such moment in UTC.
                self.add_error(
                    field,
                    _("%(time)s in %(zone)s is outside the dates this site can handle.")
                    % {"time": wall.strftime("%Y-%m-%d %H:%M"), "zone": name},
                )
                continue
            if back.replace(tzinfo=None) != wall:
                self.add_error(
                    field,
                    _("%(time)s does not exist in %(zone)s: the clocks change then.")
                    % {"time": wall.strftime("%Y-%m-%d %H:%M"), "zone": name},
                )
                continue
            cleaned[field] = local
        return cleaned


class EventForm(LocalTimesMixin, forms.ModelForm):
    """The event form: start and end in the event's own zone (the admin sets Meta)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_zone_name = self.instance.timezone if self.instance.pk else None

    def event_zone_name(self):
        return self.instance.timezone

    def submitted_zone_name(self):
        return self.cleaned_data.get("timezone") or ""


class AgendaItemForm(LocalTimesMixin, forms.ModelForm):
    """An agenda row: its times in the zone of the event it is posted with."""

    def event_zone_name(self):
        return self.instance.event.timezone

    def submitted_zone_name(self):
        # The inline is posted with its event's form: use the zone being saved with it.
        return self.data.get("timezone") or (
            self.instance.event.timezone if self.instance.event_id else ""
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The zone the row's times were stored in (the formset attaches the event being edited,
        # with its new zone, only after this).
        self.stored_zone_name = self.instance.event.timezone if self.instance.event_id else None

    def has_changed(self):
        """Also True when the event's time zone is being changed: the row's typed times are
        then read in the new zone, as the event's own are."""
        if super().has_changed():
            return True
        item = self.instance
        return bool(
            item.pk
            and (item.start or item.end)
            and self.submitted_zone_name() != self.stored_zone_name
        )


class EventSpeakerInline(admin.TabularInline):
    model = EventSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]
    fields = ["position", "speaker", "role"]


class AgendaItemInline(LanguageWidgetsMixin, TranslationStackedInline):
    """Stacked, not tabular: a title and a description in six languages do not fit a row."""

    model = AgendaItem
    form = AgendaItemForm
    extra = 1
    autocomplete_fields = ["speakers"]
    fields = ["position", "start", "end", "kind", "title", "speakers", "description"]


class MaterialInline(LanguageWidgetsMixin, TranslationTabularInline):
    model = Material
    extra = 0
    autocomplete_fields = ["speaker"]
    fields = ["position", "title", "kind", "language", "file", "file_facts", "url", "speaker"]
    readonly_fields = ["file_facts"]

    @admin.display(description=_("format and size"))
    def file_facts(self, obj):
        return render_to_string(
            "includes/file_facts.html", {"file_format": obj.file_format, "size": obj.file_size}
        )


class YearListFilter(admin.SimpleListFilter):
    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("start", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value.isascii() and value.isdigit() and len(value) <= 4:  # a year, not 10**20
            return queryset.filter(start__year=int(value))
        return queryset


@admin.register(Topic)
class TopicAdmin(LanguageWidgetsMixin, TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(admin.ModelAdmin):
    """The 17 goals are loaded by a migration: staff may correct a name, not add or delete."""

    list_display = ["number", "name"]
    list_display_links = ["name"]
    search_fields = ["name"]
    readonly_fields = ["number"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(LanguageWidgetsMixin, TranslationAdmin):
    form = EventForm
    list_display = ["title", "local_start", "timezone", "status", "publication", "speaker_count"]
    list_filter = ["publication", "status", "topics", "sdgs", YearListFilter, "attendance_mode"]
    search_fields = ["title", "summary", "appearances__speaker__full_name"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics", "sdgs"]
    readonly_fields = ["recording_views", "sequence", "created", "updated"]
    actions = ["publish", "unpublish"]
    inlines = [EventSpeakerInline, AgendaItemInline, MaterialInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "topics", "sdgs"]}),
        (_("Schedule"), {"fields": ["start", "end", "timezone", "status", "sequence"]}),
        (
            _("Content"),
            {"fields": ["description", "concept_note", "concept_note_file", "outcome", "image"]},
        ),
        (
            _("Where and how"),
            {
                "fields": [
                    "organizer",
                    "organizer_url",
                    "attendance_mode",
                    "languages",
                    "interpretation_languages",
                    "platform",
                    "venue",
                ]
            },
        ),
        (
            _("Links"),
            {
                "fields": [
                    "registration_url",
                    "join_url",
                    "join_url_is_public",
                    "recording_url",
                    "recording_views",
                ]
            },
        ),
        (_("Publication"), {"fields": ["publication", "created", "updated"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("appearances")

    @admin.display(description=_("start (event's time zone)"), ordering="start")
    def local_start(self, obj):
        return obj.local_start.strftime("%Y-%m-%d %H:%M %Z")

    @admin.display(description=_("speakers"))
    def speaker_count(self, obj):
        return len(obj.appearances.all())

    @admin.action(description=_("Publish the selected webinars"), permissions=["change"])
    def publish(self, request, queryset):
        changed = list(queryset)
        count = queryset.update(publication=Event.Publication.PUBLISHED)
        front.changed(*changed)  # update() sends no signal: purge the front cache here
        self.message_user(
            request,
            ngettext("%(count)s webinar published.", "%(count)s webinars published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish the selected webinars (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        changed = list(queryset)
        count = queryset.update(publication=Event.Publication.DRAFT)
        front.changed(*changed)
        self.message_user(
            request,
            ngettext(
                "%(count)s webinar moved to draft.", "%(count)s webinars moved to draft.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
