import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from speakers.models import Speaker
from webinar_site.fields import HttpURLField, markdown_help_text
from webinar_site.slugs import unique_slug


def validate_timezone(value):
    """Raise ValidationError unless `value` is an IANA time zone name known to zoneinfo."""
    if value not in zoneinfo.available_timezones():
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


class EventQuerySet(models.QuerySet):
    def published(self):
        """Events the public may see."""
        return self.filter(state=Event.State.PUBLISHED)

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
            is_past=Case(When(end__lte=now, then=1), default=0, output_field=models.IntegerField()),
            upcoming_start=Case(When(end__gt=now, then=F("start"))),
        ).order_by("is_past", F("upcoming_start").asc(nulls_last=True), "-start")

    def visible_to(self, user):
        """Published events for everyone; every event for staff who may change events."""
        if user.is_authenticated and user.has_perm("events.change_event"):
            return self.all()
        return self.published()

    def with_details(self):
        """Fetch what the event page shows (topics, speakers, agenda, materials) in bulk."""
        return self.prefetch_related(
            "topics",
            models.Prefetch("appearances", queryset=EventSpeaker.objects.select_related("speaker")),
            models.Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.prefetch_related("speakers"),
            ),
            models.Prefetch("materials", queryset=Material.objects.select_related("speaker")),
        )


class Event(models.Model):
    """One webinar.

    start, end: aware datetimes, stored in UTC; shown in `timezone` (an IANA name such as
    America/New_York) with the abbreviation in force on that date (EDT, EST ...).
    status: schema.org eventStatus; state: whether the public can see the event at all.
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

    class State(models.TextChoices):
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
            "and shown in it."
        ),
    )
    topics = models.ManyToManyField(
        Topic, related_name="events", blank=True, verbose_name=_("topics")
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
    concept_note_file = models.FileField(
        _("concept note document"),
        upload_to="events/concept-notes/",
        blank=True,
        help_text=_("The concept note as a document (PDF or Word), if there is one."),
    )
    outcome = models.TextField(
        _("outcome and recommendations"),
        blank=True,
        help_text=markdown_help_text(_("What the webinar concluded; shown once it is over.")),
    )
    status = models.CharField(
        _("event status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    state = models.CharField(
        _("publication"),
        max_length=10,
        choices=State.choices,
        default=State.DRAFT,
        help_text=_("Drafts are visible only to staff."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_end_after_start"),
        ]
        indexes = [models.Index(fields=["state", "start"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="webinar", max_length=120)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})

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

    @property
    def timing(self):
        """ "upcoming", "live" or "past", from the clock at the time of the call."""
        now = timezone.now()
        if now < self.start:
            return "upcoming"
        if now < self.end:
            return "live"
        return "past"

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self):
        return self.attendance_mode != self.AttendanceMode.OFFLINE

    @property
    def public_join_url(self):
        """The join link if staff chose to publish it, else ""."""
        return self.join_url if self.join_url_is_public else ""


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
        Speaker, on_delete=models.CASCADE, related_name="appearances", verbose_name=_("speaker")
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
        return f"{self.speaker} ({self.get_role_display()})"


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

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})


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
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    file = models.FileField(_("file"), upload_to="events/materials/", blank=True)
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

    def clean(self):
        if not self.file and not self.url:
            raise ValidationError(_("Upload a file or give an external link."))

    @property
    def href(self):
        """Where the public downloads it: the uploaded file's URL, else the external link."""
        return self.file.url if self.file else self.url
