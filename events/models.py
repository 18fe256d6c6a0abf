import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, Min, OuterRef, Q, When
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.fields import HttpURLField, LanguagesField, markdown_help_text
from common.languages import in_any_language
from common.links import safe_link
from common.slugs import unique_slug
from common.uploads import TokenDirectory, delete_on_commit, is_new_upload, stored_values
from httpcache.front import list_key, object_key
from speakers import photos
from speakers.models import Speaker
from timezones.zones import is_zone_name

from . import documents, sharing

#: The years (in UTC) an event or agenda item may start and end in: also the range the
#: list's year filter accepts. Dates far beyond it break calendar files and time zone maths.
FIRST_YEAR, LAST_YEAR = 1945, 2100


def year_range_errors(**values):
    """{field name: message} for each aware datetime in `values` (None skipped) whose UTC
    year lies outside FIRST_YEAR..LAST_YEAR; {} when all are inside."""
    errors = {}
    for name, value in values.items():
        if (
            value is not None
            and not FIRST_YEAR <= value.astimezone(datetime.timezone.utc).year <= LAST_YEAR
        ):
            errors[name] = _("Give a date between %(first)s and %(last)s.") % {
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
    return errors


def validate_span(start, end):
    """The checks that open every clean() of something with a start and an end.

    start, end: aware datetimes or None (an unset optional time). Raises ValidationError
    ({field name: message}) when either lies outside FIRST_YEAR..LAST_YEAR, or when both
    are set and the end is not after the start.
    """
    if errors := year_range_errors(start=start, end=end):
        raise ValidationError(errors)
    if start and end and end <= start:
        raise ValidationError({"end": _("The end must be after the start.")})


def english_only():
    """The default spoken languages of a new event: ["en"]."""
    return ["en"]


def validate_timezone(value):
    """Raise ValidationError unless `value` is an IANA time zone name (timezones.zones'
    known_names(): not "localtime", "Factory", "posix/…" or "right/…")."""
    if not is_zone_name(value):
        raise ValidationError(
            _("“%(value)s” is not an IANA time zone name such as America/New_York."),
            params={"value": value},
        )


class Topic(models.Model):
    """A subject area under which webinars are filed, e.g. "Digital Government"."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the topic's web address."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=markdown_help_text(_("Shown on the topic's page."))
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:topic", kwargs={"slug": self.slug})


class SustainableDevelopmentGoal(models.Model):
    """One of the 17 Sustainable Development Goals of the 2030 Agenda, loaded as data.

    number: the official number, 1 to 17. name: the official short name in English
    ("Sustainable cities and communities"); shown through gettext so that catalogues can
    give the official wording in the other UN languages.
    """

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("short name"), max_length=100)

    class Meta:
        ordering = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=17), name="sdg_number_1_to_17"
            ),
        ]

    def __str__(self):
        return gettext("SDG %(number)s: %(name)s") % {"number": self.number, "name": self.label}

    def get_absolute_url(self):
        """The webinar list filtered by this goal."""
        return f"{reverse('events:list')}?sdg={self.number}"

    @property
    def label(self):
        """The short name in the active language (the English name when untranslated)."""
        return gettext(self.name)

    @property
    def code(self):
        """ "SDG 11": the number as the UN writes it in short."""
        return gettext("SDG %(number)s") % {"number": self.number}

    def clean(self):
        if self.number is not None and not 1 <= self.number <= 17:
            raise ValidationError({"number": _("There are 17 goals: use a number from 1 to 17.")})


class EventQuerySet(models.QuerySet):
    def published(self):
        """Events the public may see."""
        return self.filter(publication=Event.Publication.PUBLISHED)

    def upcoming(self):
        """Events that have not yet ended (including those live now), soonest first."""
        return self.filter(end__gt=timezone.now()).order_by("start")

    def past(self):
        """Events that have ended, most recent first."""
        return self.filter(end__lte=timezone.now()).order_by("-start")

    def upcoming_then_past(self):
        """All events: those not yet ended soonest first, then the ended ones newest first."""
        now = timezone.now()
        return self.annotate(
            ended=Case(When(end__lte=now, then=1), default=0, output_field=models.IntegerField()),
            upcoming_start=Case(When(end__gt=now, then=F("start"))),
        ).order_by("ended", F("upcoming_start").asc(nulls_last=True), "-start")

    def next_change(self):
        """The first start or end after now among these events (aware datetime), or None.

        Until then no event among them moves between upcoming, live and past.
        """
        now = timezone.now()
        found = self.aggregate(
            start=Min("start", filter=Q(start__gt=now)), end=Min("end", filter=Q(end__gt=now))
        )
        moments = [m for m in found.values() if m is not None]
        return min(moments) if moments else None

    def visible_to(self, user):
        """Published events for everyone; every event for staff who may change events."""
        if Event.drafts_visible_to(user):
            return self.all()
        return self.published()

    def search(self, text):
        """Events matching every word of `text` (str) in the title, the summary, or a
        speaker's name or organisation, in any language; case-insensitive. Blank text
        matches everything.
        """
        events = self
        for word in text.split():
            speakers = EventSpeaker.objects.filter(event=OuterRef("pk")).filter(
                Q(speaker__full_name__icontains=word)
                | in_any_language("speaker__organization", "icontains", word)
            )
            events = events.filter(
                in_any_language("title", "icontains", word)
                | in_any_language("summary", "icontains", word)
                | Exists(speakers)
            )
        return events

    def with_details(self):
        """Fetch what the event page shows (topics, SDGs, speakers, agenda, materials) in bulk."""
        return self.prefetch_related(*detail_lookups())


def detail_lookups():
    """The prefetch lookups of what the event page shows (new Prefetch objects each call):
    for `EventQuerySet.with_details()`, or `prefetch_related_objects([event], *...)` once an
    event is fetched and its page is to be rendered."""
    return [
        "topics",
        "sdgs",
        models.Prefetch("appearances", queryset=EventSpeaker.objects.select_related("speaker")),
        models.Prefetch("agenda_items", queryset=AgendaItem.objects.prefetch_related("speakers")),
        models.Prefetch("materials", queryset=Material.objects.select_related("speaker")),
    ]


class Event(models.Model):
    """One webinar.

    start, end: aware datetimes, stored in UTC; shown in `timezone` (an IANA name such as
    America/New_York) with the abbreviation in force on that date (EDT, EST ...).
    status: schema.org eventStatus (scheduled, postponed ...); publication: whether the public
    can see the event at all (a draft is seen only by staff).
    """

    class Status(models.TextChoices):
        SCHEDULED = "EventScheduled", _("Scheduled")
        RESCHEDULED = "EventRescheduled", _("Rescheduled")
        POSTPONED = "EventPostponed", _("Postponed")
        CANCELLED = "EventCancelled", _("Cancelled")

    class AttendanceMode(models.TextChoices):
        ONLINE = "OnlineEventAttendanceMode", _("Online")
        OFFLINE = "OfflineEventAttendanceMode", _("In person")
        MIXED = "MixedEventAttendanceMode", _("Online and in person")

    class Publication(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the event's web address. Do not change it once published."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences for event cards, search results and link previews."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=markdown_help_text(_("The full presentation of the webinar.")),
    )
    start = models.DateTimeField(
        _("start"), help_text=_("Date and time in the event's time zone (below).")
    )
    end = models.DateTimeField(_("end"), help_text=_("Date and time in the event's time zone."))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/New_York",
        validators=[validate_timezone],
        help_text=_(
            "The organiser's IANA time zone, e.g. America/New_York. Start and end are entered "
            "and shown in it; changing it keeps the typed times (the agenda's too), so the "
            "webinar moves."
        ),
    )
    topics = models.ManyToManyField(
        Topic, related_name="events", blank=True, verbose_name=_("topics")
    )
    sdgs = models.ManyToManyField(
        SustainableDevelopmentGoal,
        related_name="events",
        blank=True,
        verbose_name=_("Sustainable Development Goals"),
        help_text=_("The goals this webinar serves; visitors can filter webinars by goal."),
    )
    image = sharing.SharingImageField(
        _("sharing image"),
        upload_to=sharing.MASTER_DIR,
        blank=True,
        help_text=_(
            "A picture for link previews and search results (not shown on the page): JPEG, "
            "PNG or WebP, ideally 1200×630 pixels. Location and camera data are removed; "
            "previews show it cropped to 1200×630 around its centre."
        ),
    )
    image_rendition = models.CharField(
        _("sharing image rendition"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The 1200×630 crop of the sharing image that link previews show."),
    )
    organizer = models.CharField(
        _("organiser"),
        max_length=200,
        default="UN Department of Economic and Social Affairs (UN DESA)",
    )
    organizer_url = HttpURLField(_("organiser's website"), blank=True)
    attendance_mode = models.CharField(
        _("attendance mode"),
        max_length=32,
        choices=AttendanceMode.choices,
        default=AttendanceMode.ONLINE,
    )
    languages = LanguagesField(
        _("languages spoken"),
        default=english_only,
        help_text=_("The languages the webinar is held in (its speakers' languages)."),
    )
    interpretation_languages = LanguagesField(
        _("interpretation"),
        blank=True,
        help_text=_("Languages offered through simultaneous interpretation, if any."),
    )
    platform = models.CharField(
        _("platform"), max_length=100, blank=True, help_text=_("e.g. Zoom, Webex, UN Web TV.")
    )
    venue = models.CharField(
        _("venue"), max_length=300, blank=True, help_text=_("For in-person or mixed events.")
    )
    registration_url = HttpURLField(_("registration link"), blank=True)
    join_url = HttpURLField(
        _("join link"),
        blank=True,
        max_length=500,
        help_text=_("The meeting link (e.g. Zoom)."),
    )
    join_url_is_public = models.BooleanField(
        _("show the join link publicly"),
        default=False,
        help_text=_("Leave unticked to keep the link off the site, so only registrants get it."),
    )
    recording_url = HttpURLField(
        _("recording link"),
        blank=True,
        max_length=500,
        help_text=_("Where the recording can be watched, once it exists."),
    )
    recording_views = models.PositiveIntegerField(
        _("recording link follows"),
        default=0,
        editable=False,
        help_text=_("How many times visitors followed the recording link from this site."),
    )
    concept_note = models.TextField(
        _("concept note"),
        blank=True,
        help_text=markdown_help_text(_("Objectives, audience and background.")),
    )
    concept_note_file = documents.DocumentField(
        _("concept note document"),
        upload_to=TokenDirectory("events/concept-notes"),
        max_length=255,
        blank=True,
        help_text=format_lazy(
            "{} {}", _("The concept note as a document, if there is one."), documents.HELP_TEXT
        ),
    )
    concept_note_file_size = models.PositiveBigIntegerField(
        _("concept note document size"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("In bytes; shown next to the download link."),
    )
    outcome = models.TextField(
        _("outcome and recommendations"),
        blank=True,
        help_text=markdown_help_text(_("What the webinar concluded; shown once it is over.")),
    )
    status = models.CharField(
        _("event status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    publication = models.CharField(
        _("publication"),
        max_length=10,
        choices=Publication.choices,
        default=Publication.DRAFT,
        help_text=_("Drafts are visible only to staff."),
    )
    uid = models.UUIDField(
        _("calendar UID"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Identifies the webinar in calendars (the UID of its VEVENT); never changes."),
    )
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        editable=False,
        help_text=_(
            "The VEVENT SEQUENCE: goes up by one each time the start, end or status changes, "
            "so that calendars that imported the webinar update it."
        ),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    #: The fields whose change is a new revision of the calendar entry (RFC 5545 SEQUENCE).
    SCHEDULE_FIELDS = ("start", "end", "status")
    #: Addresses under /events/ that are not webinars (events/urls.py): never a slug.
    RESERVED_SLUGS = frozenset({"feed"})

    class Meta:
        ordering = ["-start"]
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_end_after_start"),
        ]
        indexes = [models.Index(fields=["publication", "start"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="webinar", max_length=120)
            if self.slug in self.RESERVED_SLUGS:
                self.slug = unique_slug(self, f"{self.slug} webinar", "webinar", max_length=120)
        if self.pk is not None and not self._state.adding:
            saved = getattr(self, "_saved_schedule", None)
            if saved is None:
                saved = Event.objects.filter(pk=self.pk).values_list(*self.SCHEDULE_FIELDS).first()
            if saved is not None and saved != self._schedule():
                self.sequence += 1
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "sequence"}
        old_images, written = self._store_image(kwargs)
        try:
            with documents.saving_document(
                self, "concept_note_file", "concept_note_file_size", f"concept note {self.slug}"
            ):
                super().save(*args, **kwargs)
        except BaseException:
            for name in written:
                self.image.storage.delete(name)
            raise
        self._saved_schedule = self._schedule()
        if old_images:
            delete_on_commit(self.image.storage, old_images)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def purge_keys(self):
        """Surrogate keys of what shows this webinar (httpcache.front), a set of str: its
        pages, every list of webinars, its speakers' pages, and the speaker list (which
        holds only speakers of published webinars)."""
        speakers = EventSpeaker.objects.filter(event_id=self.pk).values_list("speaker_id")
        return {object_key(Event, self.pk), list_key(Event), list_key(Speaker)} | {
            object_key(Speaker, pk) for (pk,) in speakers
        }

    def clean(self):
        validate_span(self.start, self.end)
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is an address the site uses; choose another.")
                    % {"slug": self.slug}
                }
            )

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_schedule = instance._schedule()
        return instance

    def _schedule(self):
        """The SCHEDULE_FIELDS' values, or None when one of them was not loaded."""
        loaded = self.__dict__
        if any(name not in loaded for name in self.SCHEDULE_FIELDS):
            return None
        return tuple(loaded[name] for name in self.SCHEDULE_FIELDS)

    def _store_image(self, save_kwargs):
        """For a new upload of the sharing image: store its clean master and rendition in
        place of the upload (events.sharing). Returns (stored names to delete after the
        commit, names written now). Raises ValidationError for a file that is not an
        acceptable image (forms report that before save() is reached)."""
        update_fields = save_kwargs.get("update_fields")
        if update_fields is not None and "image" not in update_fields:
            return [], []
        new_upload = is_new_upload(self.image)
        before = (
            stored_values(self, "image", "image_rendition") if new_upload or not self.image else {}
        )
        written = []
        if new_upload:
            image = photos.load_photo(self.image.file)
            self.image.name, self.image_rendition = sharing.store(image, self.image.storage)
            self.image._committed = True
            written = [self.image.name, self.image_rendition]
        elif not self.image:
            self.image_rendition = ""
        if update_fields is not None:
            save_kwargs["update_fields"] = {*update_fields, "image_rendition"}
        old = [name for name in (before.get("image"), before.get("image_rendition")) if name]
        return [name for name in old if name not in written], written

    @property
    def sharing_image_url(self):
        """URL of the 1200×630 sharing rendition, or "" (pages then use the site's
        default image)."""
        return self.image.storage.url(self.image_rendition) if self.image_rendition else ""

    @property
    def concept_note_file_format(self):
        """The concept note document's DocumentFormat (label, media type), or None."""
        return documents.format_of(self.concept_note_file.name)

    @property
    def tzinfo(self):
        """The organiser's zone as a ZoneInfo."""
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_start(self):
        """start in the organiser's zone (aware datetime)."""
        return timezone.localtime(self.start, self.tzinfo)

    @property
    def local_end(self):
        """end in the organiser's zone (aware datetime)."""
        return timezone.localtime(self.end, self.tzinfo)

    @staticmethod
    def drafts_visible_to(user):
        """True when `user` may see drafts (and so every event): staff who may change
        events. The one statement of who previews; visible_to() and the speaker pages use it.
        """
        return user.is_authenticated and user.has_perm("events.change_event")

    @property
    def timing(self):
        """ "upcoming", "live" or "past", from the clock at the time of the call (also the
        badge's CSS class)."""
        now = timezone.now()
        if now < self.start:
            return "upcoming"
        if now < self.end:
            return "live"
        return "past"

    @property
    def is_upcoming(self):
        return self.timing == "upcoming"

    @property
    def is_live(self):
        return self.timing == "live"

    @property
    def is_past(self):
        return self.timing == "past"

    @property
    def is_published(self):
        return self.publication == self.Publication.PUBLISHED

    @property
    def is_scheduled(self):
        """True for the usual status (schema.org EventScheduled): no badge is shown."""
        return self.status == self.Status.SCHEDULED

    @property
    def is_postponed(self):
        return self.status == self.Status.POSTPONED

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self):
        return self.attendance_mode != self.AttendanceMode.OFFLINE

    @property
    def public_join_url(self):
        """The join link if staff chose to publish it (and it is http(s)), else ""."""
        return safe_link(self.join_url) if self.join_url_is_public else ""

    @property
    def has_recording(self):
        """Whether the recording link is set (and http(s)): then the public reaches it
        through `recording_path`, the redirect that counts the follows."""
        return bool(safe_link(self.recording_url))

    @property
    def recording_path(self):
        """The counted redirect to the recording (events:recording), or "" without one.
        Every public mention of the recording (page, JSON-LD) uses it, never the stored
        link, which may carry a passcode."""
        if not self.has_recording:
            return ""
        return reverse("events:recording", kwargs={"slug": self.slug})


class EventSpeaker(models.Model):
    """A speaker's part in one event: the role as the programme states it, and the order."""

    class Role(models.TextChoices):
        WELCOME_REMARKS = "welcome-remarks", _("Welcome remarks")
        KEYNOTE = "keynote", _("Keynote")
        PRESENTATION = "presentation", _("Presentation")
        MODERATOR = "moderator", _("Moderator")
        PANELLIST = "panellist", _("Panellist")
        DISCUSSANT = "discussant", _("Discussant")
        CLOSING_REMARKS = "closing-remarks", _("Closing remarks")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("webinar")
    )
    speaker = models.ForeignKey(
        # PROTECT: deleting a speaker must not silently empty a published programme; the
        # admin lists the webinars that still name them.
        Speaker,
        on_delete=models.PROTECT,
        related_name="appearances",
        verbose_name=_("speaker"),
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PRESENTATION
    )
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Order of appearance; lower numbers come first.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "speaker", "role"], name="eventspeaker_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.get_role_display()}, “{self.event}”"

    def purge_keys(self):
        """The webinar's and the speaker's pages, and the lists that name speakers (the
        speaker list, webinar searches by speaker)."""
        return {
            object_key(Event, self.event_id),
            object_key(Speaker, self.speaker_id),
            list_key(Event),
            list_key(Speaker),
        }


class AgendaItem(models.Model):
    """One slot of the programme. Times are optional; when set they are aware datetimes
    stored in UTC and entered in the event's time zone."""

    class Kind(models.TextChoices):
        WELCOME_REMARKS = "welcome-remarks", _("Welcome remarks")
        KEYNOTE = "keynote", _("Keynote")
        PRESENTATION = "presentation", _("Presentation")
        PANEL = "panel", _("Panel")
        DISCUSSION = "discussion", _("Discussion")
        QUESTIONS = "questions", _("Questions and answers")
        BREAK = "break", _("Break")
        CLOSING = "closing", _("Closing")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("webinar")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    start = models.DateTimeField(_("start"), null=True, blank=True)
    end = models.DateTimeField(_("end"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PRESENTATION
    )
    description = models.TextField(_("description"), blank=True, help_text=markdown_help_text())
    speakers = models.ManyToManyField(
        Speaker, related_name="agenda_items", blank=True, verbose_name=_("speakers")
    )

    class Meta:
        ordering = ["position", "start", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gt=F("start")),
                name="agendaitem_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def purge_keys(self):
        """The webinar's pages show its agenda."""
        return {object_key(Event, self.event_id)}

    def clean(self):
        validate_span(self.start, self.end)


class Material(models.Model):
    """A document that belongs to an event: an uploaded file or a link to one."""

    class Kind(models.TextChoices):
        CONCEPT_NOTE = "concept-note", _("Concept note")
        AGENDA = "agenda", _("Agenda")
        PRESENTATION = "presentation", _("Presentation")
        REPORT = "report", _("Report")
        OTHER = "other", _("Other")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("webinar")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.DOCUMENT_LANGUAGES, default="en"
    )
    file = documents.DocumentField(
        _("file"),
        upload_to=TokenDirectory("events/materials"),
        max_length=255,
        blank=True,
        help_text=documents.HELP_TEXT,
    )
    file_size = models.PositiveBigIntegerField(
        _("file size"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("In bytes; shown on the event page."),
    )
    url = HttpURLField(
        _("external link"),
        blank=True,
        max_length=500,
        help_text=_("Use instead of a file when the document lives elsewhere."),
    )
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="materials",
        verbose_name=_("presented by"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(condition=~Q(file="") | ~Q(url=""), name="material_file_or_url"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        with documents.saving_document(self, "file", "file_size", f"{self.title} {self.language}"):
            super().save(*args, **kwargs)

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError(_("Upload a file or give an external link."))

    def purge_keys(self):
        """The webinar's pages show its materials."""
        return {object_key(Event, self.event_id)}

    @property
    def href(self):
        """Where the public downloads it: the uploaded file's URL, else the external link."""
        return self.file.url if self.file else safe_link(self.url)

    @property
    def file_format(self):
        """The uploaded file's DocumentFormat (label, media type), or None for a link."""
        return documents.format_of(self.file.name) if self.file else None


@receiver(post_delete, sender=Material)
def delete_material_file(sender, instance, **kwargs):
    """A deleted material takes its uploaded file with it (after the commit)."""
    delete_on_commit(instance.file.storage, [instance.file.name])


@receiver(post_delete, sender=Event)
def delete_concept_note_file(sender, instance, **kwargs):
    """A deleted event takes its concept note document and its sharing image with it
    (after the commit)."""
    delete_on_commit(instance.concept_note_file.storage, [instance.concept_note_file.name])
    delete_on_commit(instance.image.storage, [instance.image.name, instance.image_rendition])


def next_timing_change():
    """When the public pages next change by the clock alone: the first start or end of a
    published event after now (aware datetime), or None. Used as PAGE_CACHE_HORIZON."""
    return Event.objects.published().next_change()
