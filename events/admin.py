import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.db import models
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

from .admin_forms import (
    ADMIN_MEDIA,
    OvernightEndMixin,
    SlugNotesAdminMixin,
    TimeZoneFormMixin,
    UniqueSlugMixin,
)
from .models import (
    AgendaItem,
    AgendaItemSpeaker,
    Event,
    EventOrganizer,
    EventSpeaker,
    Material,
    Organization,
    Series,
    Session,
    SustainableDevelopmentGoal,
    Topic,
    outside_sessions_error,
    publication_changed,
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


class EventForm(TimeZoneFormMixin, UniqueSlugMixin, LocalTimesMixin, forms.ModelForm):
    """The event form: the previous start in the event's own zone (the admin sets Meta);
    the sessions hold the dates and times."""

    local_time_fields = ("previous_start",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_zone_name = self.instance.timezone if self.instance.pk else None

    def event_zone_name(self):
        return self.instance.timezone

    def submitted_zone_name(self):
        return self.cleaned_data.get("timezone") or ""


class EventTimesForm(OvernightEndMixin, LocalTimesMixin, forms.ModelForm):
    """A session or agenda row: its times in the zone of the event it is posted with."""

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
        if self.stored_zone_name:
            # "Now" and "Today" read the zone here on a page without the zone picker.
            for name in ("start", "end"):
                if name in self.fields:
                    self.fields[name].widget.attrs["data-event-zone"] = self.stored_zone_name

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

    def submitted_zone(self):
        """The ZoneInfo of the zone posted (or stored), or None when it is no zone."""
        name = self.submitted_zone_name()
        try:
            validate_timezone(name)
        except forms.ValidationError:
            return None
        return zoneinfo.ZoneInfo(name)


class SessionForm(EventTimesForm):
    """A session: start and end in the event's zone, or dates only."""

    def clean(self):
        cleaned = super().clean()
        # A time already refused (outside the years, skipped by the clocks) is not also
        # reported as missing by the model.
        self.instance.times_refused = any(name in self.errors for name in ("start", "end"))
        if self.cleaned_data.get("DELETE"):
            return cleaned
        timed = cleaned.get("start") or cleaned.get("end")
        dated = cleaned.get("start_date") or cleaned.get("end_date")
        if timed and dated:
            raise forms.ValidationError(
                _("Give either a start time (and end) or dates only, not both.")
            )
        return cleaned


class AgendaItemForm(EventTimesForm):
    """An agenda row; its start must fall within one of the event's sessions: those posted
    with it (`session_formset`, attached by EventAdmin) or else the saved ones."""

    session_formset = None

    def posted_sessions(self):
        """The sessions as they are being saved (unsaved Session objects), the saved ones
        when there is no session form, or None when the session forms have errors."""
        formset = self.session_formset
        if formset is None:
            return self.instance.event.schedule if self.instance.event_id else []
        if not formset.is_valid():
            return None
        event = formset.instance
        sessions = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not (data.get("start") or data.get("start_date")):
                continue
            fields = ("title", "start", "end", "start_date", "end_date")
            sessions.append(Session(event=event, **{name: data.get(name) for name in fields}))
        return sessions

    def clean(self):
        cleaned = super().clean()
        # The model's own check reads the saved sessions; here the posted ones count.
        self.instance.sessions_checked = True
        start = cleaned.get("start")
        zone = self.submitted_zone()
        sessions = self.posted_sessions() if start else None
        if start and zone and sessions:
            error = outside_sessions_error(start, cleaned.get("end"), sessions, zone)
            if error is not None:
                self.add_error("start", error)
        return cleaned


class SessionInline(LanguageWidgetsMixin, TranslationStackedInline):
    """Stacked, a pair of fields a line: a table with a title in six languages would not
    fit a 1280 px screen beside the admin's menu."""

    model = Session
    form = SessionForm
    extra = 1
    fields = [("start", "end"), ("start_date", "end_date"), "title"]
    verbose_name_plural = _("sessions (one row per day or part; times in the event's zone)")


class EventOrganizerInline(admin.TabularInline):
    model = EventOrganizer
    extra = 1
    autocomplete_fields = ["organization"]
    fields = ["position", "organization", "role"]


class EventSpeakerInline(admin.TabularInline):
    model = EventSpeaker
    extra = 1
    autocomplete_fields = ["speaker"]
    fields = ["position", "speaker", "role"]


class AgendaItemInline(LanguageWidgetsMixin, TranslationStackedInline):
    """Agenda rows; who speaks, in which role and order, is edited on the item's own page
    (the "Change" link: Django's admin has no inline within an inline). Stacked, two fields
    a line, so that the form fits a 1280 px screen (a table of these was 2,216 px wide)."""

    model = AgendaItem
    form = AgendaItemForm
    extra = 1
    fields = [("position", "kind"), ("start", "end"), "title", "description", "speaker_list"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}
    readonly_fields = ["speaker_list"]
    show_change_link = True

    @admin.display(description=_("speakers (edit with “Change”)"))
    def speaker_list(self, obj):
        if not obj.pk:
            return ""
        return "; ".join(
            f"{row.speaker.display_name} ({row.get_role_display()})"
            for row in obj.roles.select_related("speaker")
        )


class AgendaItemSpeakerInline(admin.TabularInline):
    model = AgendaItemSpeaker
    extra = 2
    autocomplete_fields = ["speaker"]
    fields = ["position", "speaker", "role"]


@admin.register(AgendaItem)
class AgendaItemAdmin(LanguageWidgetsMixin, TranslationAdmin):
    """One agenda item with its speakers, roles and speaking order."""

    form = AgendaItemForm
    list_display = ["title", "event", "position"]
    search_fields = ["title", "event__title"]
    inlines = [AgendaItemSpeakerInline]
    fields = ["event", "position", "start", "end", "kind", "title", "description"]
    readonly_fields = ["event"]

    def has_add_permission(self, request):
        return False  # items are added on their event's page, where the zone is known

    @property
    def media(self):
        return super().media + ADMIN_MEDIA


@admin.register(Organization)
class OrganizationAdmin(LanguageWidgetsMixin, TranslationAdmin):
    list_display = ["name", "acronym", "url"]
    search_fields = ["name", "acronym"]


class SeriesForm(UniqueSlugMixin, forms.ModelForm):
    slug_fallback = "series"


@admin.register(Series)
class SeriesAdmin(SlugNotesAdminMixin, LanguageWidgetsMixin, TranslationAdmin):
    form = SeriesForm
    list_display = ["title", "slug", "event_count"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_count=models.Count("events"))

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, obj):
        return obj.event_count


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
    """The year an event starts in, in its own zone."""

    title = _("year")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("local_start_date", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        value = self.value() or ""
        if value.isascii() and value.isdigit() and len(value) <= 4:  # a year, not 10**20
            return queryset.filter(local_start_date__year=int(value))
        return queryset


class TopicForm(UniqueSlugMixin, forms.ModelForm):
    slug_source = "name"
    slug_fallback = "topic"


@admin.register(Topic)
class TopicAdmin(SlugNotesAdminMixin, LanguageWidgetsMixin, TranslationAdmin):
    form = TopicForm
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
class EventAdmin(SlugNotesAdminMixin, LanguageWidgetsMixin, TranslationAdmin):
    form = EventForm
    list_display = ["title", "local_start", "timezone", "status", "publication", "speaker_count"]
    list_filter = [
        "publication",
        "status",
        "kind",
        "series",
        "topics",
        "sdgs",
        YearListFilter,
        "attendance_mode",
    ]
    search_fields = ["title", "summary", "appearances__speaker__full_name"]
    # The day in the event's own zone: an evening in New York on 30 June is in June.
    date_hierarchy = "local_start_date"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics", "sdgs"]
    readonly_fields = ["recording_views", "sequence", "created", "updated"]
    actions = ["publish", "unpublish"]
    inlines = [
        SessionInline,
        EventOrganizerInline,
        EventSpeakerInline,
        AgendaItemInline,
        MaterialInline,
    ]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "series", "summary", "topics", "sdgs"]}),
        (
            _("Schedule (the dates and times are in Sessions, below)"),
            {"fields": ["timezone", "status", "previous_start", "sequence"]},
        ),
        (
            _("Content"),
            {"fields": ["description", "concept_note", "concept_note_file", "outcome", "image"]},
        ),
        (
            _("Where and how"),
            {
                "fields": [
                    "attendance_mode",
                    "languages",
                    "interpretation_languages",
                    "platform",
                    "venue",
                    "street_address",
                    "address_locality",
                    "address_country",
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
                    "recording_site",
                    "recording_views",
                ]
            },
        ),
        (_("Publication"), {"fields": ["publication", "created", "updated"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("appearances", "sessions")

    @property
    def media(self):
        return super().media + ADMIN_MEDIA

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for note in form.zone_notes:
            self.message_user(request, note, messages.WARNING)

    @admin.display(description=_("start (event's time zone)"), ordering="start")
    def local_start(self, obj):
        """The first session's start, or its date alone for a date-only session (no
        made-up midnight); "—" without sessions."""
        sessions = obj.schedule
        if not sessions:
            return "—"
        if sessions[0].is_date_only:
            return sessions[0].start_date.isoformat()
        return sessions[0].local("start").strftime("%Y-%m-%d %H:%M %Z")

    def _create_formsets(self, request, obj, change):
        """Give the agenda's forms the session forms posted with them, so that an item is
        checked against the sessions being saved, not the ones stored before."""
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        sessions = next((f for f in formsets if f.model is Session), None)
        for formset in formsets:
            if formset.model is AgendaItem:
                for form in formset.forms:
                    form.session_formset = sessions
        return formsets, inline_instances

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.update_span()

    @admin.display(description=_("speakers"))
    def speaker_count(self, obj):
        return len(obj.appearances.all())

    @admin.action(description=_("Publish the selected webinars"), permissions=["change"])
    def publish(self, request, queryset):
        changed = list(queryset)
        count = queryset.update(publication=Event.Publication.PUBLISHED)
        # update() sends no signal: the speakers' and topics' stored facts, and the front
        # cache, follow here.
        publication_changed([event.pk for event in changed])
        front.changed(*changed)
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
        publication_changed([event.pk for event in changed])
        front.changed(*changed)
        self.message_user(
            request,
            ngettext(
                "%(count)s webinar moved to draft.", "%(count)s webinars moved to draft.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
