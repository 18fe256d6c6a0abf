"""Form pieces of the events admin that are about how staff type, not what is stored: the
time zone picker, ends after midnight, and slugs made unique. events/admin.py puts them in
its forms."""

import datetime

from django import forms
from django.contrib import messages
from django.utils import timezone
from django.utils.text import format_lazy, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.slugs import unique_slug
from timezones import zones

from .models import year_range_errors

#: The admin's own jQuery and select2 (the autocomplete fields load them too), then ours.
ADMIN_MEDIA = forms.Media(
    js=[
        "admin/js/vendor/jquery/jquery.js",
        "admin/js/vendor/select2/select2.full.js",
        "admin/js/jquery.init.js",
        "js/admin-event.js",
    ],
    css={"all": ["admin/css/vendor/select2/select2.css", "admin/css/autocomplete.css"]},
)


class TimeZonePicker(forms.Select):
    """A grouped <select> of the current IANA names, labelled by city, country and offset;
    the admin script makes it searchable (select2), and it works as a plain list without."""

    def __init__(self, attrs=None):
        super().__init__({"data-zone-picker": "", **(attrs or {})})


class TimeZoneField(forms.ChoiceField):
    """An IANA time zone chosen from zones.picker_groups().

    Cleans to the current name: a deprecated alias ("Asia/Calcutta") becomes its current
    name ("Asia/Kolkata") and `notes` says so; a name that is no place ("EST",
    "Etc/GMT+2") is kept and `notes` holds zones.trap_warning(). Any other value is refused.
    """

    widget = TimeZonePicker

    def __init__(self, *, initial_name="", **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("empty_value", None)
        super().__init__(**kwargs)
        self.notes = []
        groups = zones.picker_groups(timezone.now())
        if initial_name and initial_name not in zones.current_zones():
            # A stored old or odd name stays selectable, saying what it is.
            groups.insert(0, (_("Stored name"), [(initial_name, self.describe(initial_name))]))
        self.choices = groups

    @staticmethod
    def describe(name):
        current = zones.current_name(name)
        if current != name:
            return gettext("%(name)s (old name of %(current)s)") % {
                "name": name,
                "current": current,
            }
        if zones.is_trap(name):
            return gettext("%(name)s (not a place: see the warning)") % {"name": name}
        return name

    def valid_value(self, value):
        return zones.is_zone_name(value)

    def clean(self, value):
        value = super().clean(value)
        self.notes = []
        current = zones.current_name(value)
        if current != value:
            self.notes.append(
                gettext("“%(name)s” is an old name of %(current)s: saved as %(current)s.")
                % {"name": value, "current": current}
            )
        warning = zones.trap_warning(current)
        if warning:
            self.notes.append(warning)
        return current


class TimeZoneFormMixin:
    """For a ModelForm with a `timezone` field: the picker (TimeZoneField), a warning under
    the field when the stored name is no place, and `zone_notes` (str list) after cleaning,
    for the admin to show as messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        old = self.fields["timezone"]
        stored = self.instance.timezone if self.instance.pk else ""
        field = TimeZoneField(
            label=old.label,
            required=old.required,
            initial=old.initial,
            initial_name=stored,
            # The model's own help (what a change of zone does) follows the picker's.
            help_text=format_lazy(
                "{search} {model}",
                search=_("Search by city, country or IANA name (Nairobi, Kenya, Africa/Nairobi)."),
                model=old.help_text,
            ),
        )
        warning = zones.trap_warning(stored) if stored else None
        if warning:
            field.help_text = f"{warning} {field.help_text}"
        self.fields["timezone"] = field
        self.zone_notes = []

    def clean_timezone(self):
        value = self.cleaned_data["timezone"]
        self.zone_notes = list(self.fields["timezone"].notes)
        return value


class OvernightEndMixin:
    """For a form with split `start` and `end` date/time fields in the event's zone (after
    LocalTimesMixin in the bases, so that its clean() has made them aware).

    An end typed without a date takes the start's date; if that end is then not after the
    start, it is the next day when that makes the span at most OVERNIGHT long (22:00 to
    01:00 runs past midnight). Any other end not after the start is refused, with the
    next-day value to type if it does end after midnight.
    """

    #: The longest span read as "ends the next day" when only the end time was typed.
    OVERNIGHT = datetime.timedelta(hours=12)

    END_HELP = _(
        "Leave the end date empty for the start's date; an end time earlier than the start "
        "then means the next day (22:00 to 01:00), up to 12 hours after the start."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.end_date_defaulted = False
        if "end" in self.fields:
            self.fields["end"].help_text = self.END_HELP
        if not self.is_bound:
            return
        start_day, end_day, end_time = (
            self.add_prefix(name) for name in ("start_0", "end_0", "end_1")
        )
        if self.data.get(end_time) and not self.data.get(end_day) and self.data.get(start_day):
            data = self.data.copy()
            data[end_day] = self.data[start_day]
            self.data = data
            self.end_date_defaulted = True

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if not (start and end) or end > start or "end" in self.errors:
            return cleaned
        if year_range_errors(start=start, end=end):
            return cleaned  # the model says which is outside the years
        # An untouched end is the stored UTC instant: read it on the event's clock.
        zone = (self.submitted_zone() if hasattr(self, "submitted_zone") else None) or end.tzinfo
        wall = end.astimezone(zone).replace(tzinfo=None) + datetime.timedelta(days=1)
        next_day = wall.replace(tzinfo=zone)
        if self.end_date_defaulted and start < next_day <= start + self.OVERNIGHT:
            cleaned["end"] = next_day
            return cleaned
        message = gettext("The end must be after the start.")
        if next_day > start:
            hint = gettext(
                "If it ends after midnight, give the next day as its date: %(next_day)s."
            )
            message = f"{message} {hint % {'next_day': wall.strftime('%Y-%m-%d %H:%M')}}"
        self.add_error("end", message)
        return cleaned


class UniqueSlugMixin:
    """For a form with a unique `slug` made from `slug_source` (the title, a topic's name): an
    empty slug is made from the source; one cut mid-word (the admin's prepopulated field stops
    at its length) loses the cut word; one another row uses gets "-2", "-3" ... and
    `slug_notes` says so, instead of a "slug already exists" error."""

    slug_source = "title"
    slug_fallback = "webinar"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.slug_notes = []
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The last part of the web address, made from the title if empty; a taken "
                "address gets “-2”. Do not change it once published."
            )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or ""
        max_length = self.instance._meta.get_field("slug").max_length
        source = ""
        # The English column where the source is translated (title_en), else the field.
        for name in (f"{self.slug_source}_en", self.slug_source):
            source = self.cleaned_data.get(name) or self.data.get(self.add_prefix(name), "")
            if source:
                break
        words = slugify(source, allow_unicode=True).split("-")
        if slug:
            last = slug.rsplit("-", 1)[-1]
            cut_word = last not in words and any(w.startswith(last) for w in words)
            if cut_word and "-" in slug:
                slug = slug.rsplit("-", 1)[0]
        made = unique_slug(
            self.instance, slug or source, fallback=self.slug_fallback, max_length=max_length
        )
        if slug and made != slug:
            self.slug_notes.append(
                gettext("The address “%(slug)s” was taken: saved as “%(made)s”.")
                % {"slug": slug, "made": made}
            )
        return made


class SlugNotesAdminMixin:
    """For a ModelAdmin whose form has UniqueSlugMixin: shows its slug_notes after a save."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        for note in getattr(form, "slug_notes", []):
            self.message_user(request, note, messages.WARNING)
