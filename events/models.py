import datetime
import uuid
import zoneinfo

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Case, Exists, F, Func, Max, Min, OuterRef, Q, Value, When
from django.db.models.lookups import Contains
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from common import dates
from common.fields import HttpURLField, LanguagesField, markdown_help_text
from common.languages import in_any_language, language_columns
from common.links import safe_link
from common.slugs import unique_slug
from common.uploads import TokenDirectory, delete_on_commit, is_new_upload, stored_values
from httpcache.front import list_key, object_key
from speakers import photos
from speakers.models import Speaker
from timezones.zones import get_zone, is_zone_name

from . import documents, search, sharing

#: The years (in UTC) an event or agenda item may start and end in: also the range the
#: list's year filter accepts. Dates far beyond it break calendar files and time zone maths.
FIRST_YEAR, LAST_YEAR = 1945, 2100


#: The all-events calendar (/events/calendar.ics) holds at most this many events: all
#: those to come, then the latest past ones (subscribers' apps fetch it every few hours;
#: the archive is on the site).
CALENDAR_FEED_LIMIT = 100


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


class TopicQuerySet(models.QuerySet):
    def with_published_events(self):
        """Topics with at least one published webinar (an EXISTS per topic)."""
        tagged = Topic.events.through.objects.filter(
            topic=OuterRef("pk"), event__in=Event.objects.published()
        )
        return self.filter(Exists(tagged))

    def touch(self):
        """Mark these topics as changed now (their pages show what changed)."""
        return self.update(updated=timezone.now())

    def refresh_updated(self):
        """Bring `updated` up to the latest change among each topic's published webinars
        where that is later: after bulk writes that skip save() and the signals
        (generate_data). Returns how many topics changed."""
        latest = models.Subquery(
            Event.objects.published()
            .filter(topics=OuterRef("pk"))
            .order_by("-updated")
            .values("updated")[:1]
        )
        return self.filter(updated__lt=latest).update(updated=latest)


class Topic(models.Model):
    """A subject area under which webinars are filed, e.g. "Digital Government".

    updated: the last change to the topic or to one of its published webinars (the
    sitemap's lastmod for the topic's page); a webinar's save, publication, deletion or
    change of topics touches it (the signal receivers below), Topic.objects.refresh_updated()
    after bulk writes.
    """

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
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = TopicQuerySet.as_manager()

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


class SpeakerRole(models.TextChoices):
    """What a speaker does in an event or an agenda item, as programmes name it."""

    CHAIR = "chair", _("Chair")
    MODERATOR = "moderator", _("Moderator")
    OPENING_REMARKS = "opening-remarks", _("Opening remarks")
    KEYNOTE = "keynote", _("Keynote")
    PRESENTER = "presenter", _("Presenter")
    PANELLIST = "panellist", _("Panellist")
    DISCUSSANT = "discussant", _("Discussant")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    CLOSING_REMARKS = "closing-remarks", _("Closing remarks")


class Organization(models.Model):
    """An organisation that organises, co-organises, supports or sponsors events.

    name: the full name ("Department of Economic and Social Affairs"); acronym: how it is
    known in short ("UN DESA"), or empty; url: its website, or empty.
    """

    name = models.CharField(_("name"), max_length=300, unique=True)
    acronym = models.CharField(
        _("acronym"), max_length=40, blank=True, help_text=_("e.g. “UN DESA”, “ITU”.")
    )
    url = HttpURLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        if self.acronym and self.acronym != self.name:
            return gettext("%(name)s (%(acronym)s)") % {"name": self.name, "acronym": self.acronym}
        return self.name

    def purge_keys(self):
        """The pages of the events it is named on, and the lists (feeds name organisers)."""
        events = self.event_roles.values_list("event_id", flat=True)
        return {list_key(Event)} | {object_key(Event, pk) for pk in events}


class Series(models.Model):
    """Events that belong together: a yearly forum, a course in several parts, regional
    editions of one webinar. Its page lists the editions; each event names its part."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        allow_unicode=True,
        help_text=_("The last part of the series' web address. Do not change it once published."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=markdown_help_text(_("Shown on the series' page."))
    )
    uid = models.UUIDField(
        _("calendar UID"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Identifies the series' own calendar; never changes."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:series", kwargs={"slug": self.slug})

    def purge_keys(self):
        """Its page (and its editions' pages, which carry its key) and the lists."""
        return {object_key(Series, self.pk), list_key(Event)}


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

    def for_calendar_feed(self):
        """The events the all-events calendar holds: at most CALENDAR_FEED_LIMIT, those
        to come (soonest first) before the past ones (latest first), so that when there
        are more the oldest are left out. A sliced QuerySet in that order: the calendar
        does not grow with the archive.
        """
        return self.upcoming_then_past()[:CALENDAR_FEED_LIMIT]

    def next_change(self):
        """The first start or end after now among these events (aware datetime), or None.

        Until then no event among them moves between upcoming, live and past.
        """
        now = timezone.now()
        # Only events not yet ended can start or end after now (start < end): an index
        # range on the end, not a pass over the whole archive, on every uncached page.
        found = self.filter(end__gt=now).aggregate(
            start=Min("start", filter=Q(start__gt=now)), end=Min("end")
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
        speaker's name or organisation, in any of the site's languages, whatever the accents
        and case (events.search).

        Annotated with `search_rank` (float, higher is better: PostgreSQL's ts_rank with
        title > speakers > summary; 1.0 for every match on SQLite). Blank text matches
        everything; text without a letter or digit matches nothing.
        """
        nothing = Value(0.0, output_field=models.FloatField())
        if not text.strip():
            return self.annotate(search_rank=nothing)
        words = search.query_words(text)
        if not words:
            return self.annotate(search_rank=nothing).none()
        if connections[self.db].vendor == "postgresql":
            spaced = [word for word in words if not search.is_unspaced(word)]
            events = self
            for word in words:
                if search.is_unspaced(word):
                    events = events.filter(self._containing(word))
            if not spaced:
                return events.annotate(search_rank=Value(1.0, output_field=models.FloatField()))
            terms = " & ".join(f"{word}:*" for word in spaced)
            query = SearchQuery(
                Func(Value(terms), function="unaccent"), config="simple", search_type="raw"
            )
            return events.filter(search_vector=query).annotate(
                search_rank=SearchRank(F("search_vector"), query)
            )
        events = self
        for word in words:
            key = search.search_key(word)
            speakers = EventSpeaker.objects.filter(event=OuterRef("pk")).filter(
                Contains(search.SearchKey("speaker__full_name"), key)
                | search.contains_in_any_language("speaker__organization", key)
            )
            events = events.filter(
                search.contains_in_any_language("title", key)
                | search.contains_in_any_language("summary", key)
                | Exists(speakers)
            )
        return events.annotate(search_rank=Value(1.0, output_field=models.FloatField()))

    @staticmethod
    def _containing(word):
        """A condition: `word` (str) is in any language's title or summary, or a speaker's
        name or organisation, as a substring (case-insensitive)."""
        speakers = EventSpeaker.objects.filter(event=OuterRef("pk")).filter(
            Q(speaker__full_name__icontains=word)
            | in_any_language("speaker__organization", "icontains", word)
        )
        return (
            in_any_language("title", "icontains", word)
            | in_any_language("summary", "icontains", word)
            | Exists(speakers)
        )

    def for_cards(self):
        """What event cards, feeds and lists show: the long texts and the search words
        left in the database (they make each row many times wider, and a list sorts
        thousands of rows), topics, SDGs and sessions fetched in bulk."""
        return self.defer(*self.LONG_FIELDS).prefetch_related("topics", "sdgs", "sessions")

    #: Fields no card or feed shows (for_cards() leaves them out).
    #: Every language's column of each, so that no translation is fetched either.
    LONG_FIELDS = (
        "search_vector",
        *(
            column
            for name in ("description", "concept_note", "outcome")
            for column in (name, *language_columns(name))
        ),
    )

    def with_details(self):
        """Fetch what the event page shows (topics, SDGs, speakers, agenda, materials) in bulk."""
        return self.prefetch_related(*detail_lookups())


def detail_lookups():
    """The prefetch lookups of what the event page shows (new Prefetch objects each call):
    for `EventQuerySet.with_details()`, or `prefetch_related_objects([event], *...)` once an
    event is fetched and its page is to be rendered."""
    return [
        "series",
        "topics",
        "sdgs",
        "sessions",
        models.Prefetch(
            "organizers", queryset=EventOrganizer.objects.select_related("organization")
        ),
        models.Prefetch("appearances", queryset=EventSpeaker.objects.select_related("speaker")),
        models.Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.prefetch_related(
                models.Prefetch(
                    "roles", queryset=AgendaItemSpeaker.objects.select_related("speaker")
                )
            ),
        ),
        models.Prefetch("materials", queryset=Material.objects.select_related("speaker")),
    ]

    def with_sessions(self):
        """Fetch the sessions in bulk (list cards, feeds, calendars)."""
        return self.prefetch_related("sessions")


class Event(models.Model):
    """One event (a webinar, workshop, forum ...), held in one or more sessions.

    sessions (Session, `event.sessions.all()`, ordered by start): when it takes place. Each
    session has a start and end in UTC (the end may be unannounced), or only dates.
    start, end: the span of the sessions, kept up to date by Session.save()/delete():
    the first session's effective start and the last one's effective end (aware datetimes
    in UTC; see Session for what "effective" means for dates and unannounced ends); None
    while the event has no session. Queries (upcoming(), past(), ordering, the page cache's
    next_change()) use them. Saving an event that has a start and no session creates one
    session from start to end, and on an event with a single timed session, a changed
    start or end moves that session: code that knows only one start and end keeps working.
    timezone: the IANA name (America/New_York) the times are entered and shown in, with
    the abbreviation in force on that date (EDT, EST ...); date-only sessions are the days
    of this zone.
    status: schema.org eventStatus (scheduled, postponed ...); publication: whether the public
    can see the event at all (a draft is seen only by staff).
    """

    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training course")
        SEMINAR = "seminar", _("Seminar")
        FORUM = "forum", _("Forum")
        CONFERENCE = "conference", _("Conference")
        EXPERT_GROUP_MEETING = "expert-group-meeting", _("Expert group meeting")
        MEETING = "meeting", _("Meeting")
        SIDE_EVENT = "side-event", _("Side event")
        LAUNCH = "launch", _("Launch")

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
    kind = models.CharField(
        _("kind of event"),
        max_length=30,
        choices=Kind.choices,
        default=Kind.WEBINAR,
        help_text=_("Shown above the title: “Webinar”, “Workshop”, “Forum” …"),
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("series"),
        help_text=_("A yearly forum, a course in several parts, editions of one webinar …"),
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
        _("start"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the first session starts (from the sessions)."),
    )
    end = models.DateTimeField(
        _("end"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the last session ends (from the sessions)."),
    )
    local_start_date = models.DateField(
        _("start date (event's zone)"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The day the first session starts in the event's zone (from the sessions)."),
    )
    previous_start = models.DateTimeField(
        _("previous start"),
        null=True,
        blank=True,
        help_text=_(
            "For a rescheduled or postponed event: when it was to start, in the event's time "
            "zone. Filled in when the status is changed, if empty."
        ),
    )
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
        _("venue"),
        max_length=300,
        blank=True,
        help_text=_("For in-person or hybrid events: the place's name, e.g. “Palais des Nations”."),
    )
    street_address = models.CharField(
        _("street address"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “8-14 Avenue de la Paix”."),
    )
    address_locality = models.CharField(_("city"), max_length=100, blank=True)
    address_country = models.CharField(_("country"), max_length=100, blank=True)
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
    takes_registrations = models.BooleanField(
        _("registration on this site"),
        default=False,
        help_text=_(
            "Visitors register on the event page's registration form; confirmed registrants "
            "get the join link, reminders and changes by email."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_(
            "Most confirmed registrations; once reached, new ones join a wait list. "
            "Empty: no limit."
        ),
    )
    recording_url = HttpURLField(
        _("recording link"),
        blank=True,
        max_length=500,
        help_text=_("Where the recording can be watched, once it exists."),
    )
    recording_site = models.CharField(
        _("recording elsewhere"),
        max_length=100,
        blank=True,
        help_text=_(
            "When a recording exists but there is no direct link to it: where it is, e.g. "
            "“UN Web TV”."
        ),
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
    search_vector = SearchVectorField(
        _("search words"),
        null=True,
        editable=False,
        help_text=_(
            "Kept up to date by the database (PostgreSQL only) from the title, speakers "
            "and summary."
        ),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    #: The fields whose change is a new revision of the calendar entry (RFC 5545 SEQUENCE).
    SCHEDULE_FIELDS = ("start", "end", "status", "timezone")
    #: Addresses under /events/ that are not webinars (events/urls.py): never a slug.
    RESERVED_SLUGS = frozenset({"feed"})

    class Meta:
        ordering = ["-start"]
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gt=F("start")),
                name="event_end_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["publication", "start"]),
            # The latest change (sitemaps): one index probe.
            models.Index(fields=["publication", "updated"]),
            # What has not ended yet (upcoming(), next_change()): an index range.
            models.Index(fields=["publication", "end"]),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, fallback="webinar", max_length=120)
            if self.slug in self.RESERVED_SLUGS:
                self.slug = unique_slug(self, f"{self.slug} webinar", "webinar", max_length=120)
        saved = None
        if self.pk is not None and not self._state.adding:
            saved = getattr(self, "_saved_schedule", None)
            if saved is None:
                saved = Event.objects.filter(pk=self.pk).values_list(*self.SCHEDULE_FIELDS).first()
            if saved is not None and saved != self._schedule():
                self.sequence += 1
                update_fields = kwargs.get("update_fields")
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "sequence"}
            if (
                saved is not None
                and self.status in (self.Status.RESCHEDULED, self.Status.POSTPONED)
                and saved[2] not in (self.Status.RESCHEDULED, self.Status.POSTPONED)
                and self.previous_start is None
            ):
                self.previous_start = saved[0]
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "previous_start"}
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
        self._sync_sessions(saved)
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
        keys = {object_key(Event, self.pk), list_key(Event), list_key(Speaker)} | {
            object_key(Speaker, pk) for (pk,) in speakers
        }
        if self.series_id:  # the series' page and its other editions' "Part 2 of 4"
            keys.add(object_key(Series, self.series_id))
        return keys

    def clean(self):
        validate_span(self.start, self.end)
        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is an address the site uses; choose another.")
                    % {"slug": self.slug}
                }
            )

    def _sync_sessions(self, saved):
        """After a save: give a session-less event with a start its one session, move the
        single timed session when start or end was changed on the event, recompute every
        session's span when the zone changed; then the event's start and end from them.

        saved: the SCHEDULE_FIELDS values before this save (None for a new event)."""
        fields = self.__dict__
        if "start" not in fields or "end" not in fields:
            return  # a partial load (only()) that saved other fields
        sessions = list(self.sessions.all())
        if not sessions:
            if self.start is not None:
                Session(event=self, start=self.start, end=self.end, uid=self.uid).save(
                    revision=False
                )
            return
        moved = saved is not None and (saved[0], saved[1]) != (self.start, self.end)
        zone_changed = saved is not None and saved[3] != self.timezone
        if moved and len(sessions) == 1 and sessions[0].start is not None:
            session = sessions[0]
            session.event = self
            session.start = self.start
            if self.end != session.effective_end:
                session.end = self.end
            session.save(revision=False)
        elif zone_changed:
            for session in sessions:
                session.event = self
                session.save(revision=False)
        else:
            self.update_span()

    def update_span(self):
        """Set start and end (here and in the database) to the span of the sessions, and
        local_start_date to the day of that start in the event's zone (the admin's date
        drill-down files an evening in New York on 30 June under June, not July)."""
        span = self.sessions.aggregate(start=Min("effective_start"), end=Max("effective_end"))
        span["local_start_date"] = span["start"] and span["start"].astimezone(self.tzinfo).date()
        Event.objects.filter(pk=self.pk).update(**span)
        self.start, self.end = span["start"], span["end"]
        self.local_start_date = span["local_start_date"]
        self._saved_schedule = self._schedule()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_schedule = instance._schedule()
        instance._saved_publication = instance.__dict__.get("publication")
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
        """The organiser's zone as a ZoneInfo (UTC while `timezone` is no IANA name: an
        unsaved form's value; clean() reports it)."""
        return get_zone(self.timezone) or zoneinfo.ZoneInfo("UTC")

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
    def schedule(self):
        """The sessions, soonest first (a list; uses the prefetched sessions when there)."""
        return list(self.sessions.all())

    @property
    def is_multi_session(self):
        return len(self.schedule) > 1

    @property
    def timed_sessions(self):
        """The sessions that have a start time (dates-only sessions never change with the
        visitor's zone), soonest first."""
        return [s for s in self.schedule if s.start is not None]

    @property
    def is_date_only(self):
        """True when every session is announced by date only (and there is one)."""
        sessions = self.schedule
        return bool(sessions) and all(s.is_date_only for s in sessions)

    def local_dates(self):
        """(first day, last day) of the event in its zone (dates), or None without sessions."""
        sessions = self.schedule
        if not sessions:
            return None
        return sessions[0].local_dates()[0], max(s.local_dates()[1] for s in sessions)

    def schedule_text(self, zone=None):
        """When the event takes place, as one line (common.dates): the session's own text
        for a one-session event (Session.describe: timed ones in `zone`, a ZoneInfo, by
        default the event's), "26 Jan – 4 Feb 2021, 4 sessions" for several, "Date to be
        announced" for none."""
        sessions = self.schedule
        if not sessions:
            return gettext("Date to be announced")
        if len(sessions) == 1:
            return sessions[0].describe(zone)
        first, last = self.local_dates()
        return dates.sessions_summary(first, last, len(sessions))

    def status_text(self):
        """ "Moved from …" for a rescheduled event, the postponement sentence for a
        postponed one (both naming the previous start when known), else ""."""
        previous = self.previous_start
        if self.is_rescheduled and previous:
            return dates.moved_from(previous, self.tzinfo)
        if self.is_postponed:
            return dates.postponed(previous or self.start, self.tzinfo)
        return ""

    @property
    def start_attribute(self):
        """The first session's start for a <time datetime> attribute: an ISO 8601 date for a
        date-only session, else the instant ("" without sessions)."""
        sessions = self.schedule
        return sessions[0].start_attribute if sessions else ""

    @property
    def timing(self):
        """ "upcoming", "live" or "past", from the clock at the time of the call (also the
        badge's CSS class); an event without sessions counts as upcoming."""
        now = timezone.now()
        if self.start is None or now < self.start:
            return "upcoming"
        if self.end is None or now < self.end:
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
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_postponed(self):
        """Postponed to a date to be announced (schema.org EventPostponed): the dates held
        are the old ones, and no calendar link is offered."""
        return self.status == self.Status.POSTPONED

    @property
    def is_rescheduled(self):
        return self.status == self.Status.RESCHEDULED

    @property
    def is_online(self):
        return self.attendance_mode != self.AttendanceMode.OFFLINE

    @property
    def is_in_person(self):
        return self.attendance_mode != self.AttendanceMode.ONLINE

    @property
    def address_text(self):
        """Venue, street, city and country joined in one line ("" when none is given), with
        the active language's separator (Arabic "،", Chinese "，")."""
        parts = [self.venue, self.street_address, self.address_locality, self.address_country]
        return pgettext("between the parts of an address", ", ").join(
            part for part in parts if part
        )

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

    @property
    def organizer_rows(self):
        """The EventOrganizer rows in the order staff gave (prefetched by with_details())."""
        return list(self.organizers.all())

    @property
    def organizer_name(self):
        """The first organiser's name, for feeds ("" when there is none)."""
        rows = self.organizer_rows
        return str(rows[0].organization) if rows else ""


class EventSpeaker(models.Model):
    """A speaker's part in one event: the role as the programme states it, and the order."""

    Role = SpeakerRole

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
        _("role"), max_length=20, choices=SpeakerRole.choices, default=SpeakerRole.PRESENTER
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

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._saved_speaker_id = instance.__dict__.get("speaker_id")
        return instance

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
        Speaker,
        through="AgendaItemSpeaker",
        related_name="agenda_items",
        blank=True,
        verbose_name=_("speakers"),
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
        if self.start and self.event_id and not getattr(self, "sessions_checked", False):
            event = self.event
            error = outside_sessions_error(self.start, self.end, event.schedule, event.tzinfo)
            if error is not None:
                raise ValidationError({"start": error})

    def local(self, name):
        """The datetime field `name` ("start" or "end") in the event's zone, or None."""
        value = getattr(self, name)
        return None if value is None else value.astimezone(self.event.tzinfo)

    def time_text(self):
        """The item's clock times in its event's zone ("8:00–8:10 am", "from 8:00 am"), with
        the day in front when the event runs over several days ("Tuesday 5 October 2021,
        8:00–10:00 am"); "" without times. Uses the event's prefetched sessions."""
        if not self.start:
            return ""
        event = self.event
        if self.end:
            clock = dates.time_range(self.start, self.end, event.tzinfo)
        else:
            clock = dates.time_from(self.start, event.tzinfo)
        span = event.local_dates()
        if span and span[0] != span[1]:
            return dates.dated_time(self.start, clock, event.tzinfo)
        return clock


class AgendaItemSpeaker(models.Model):
    """A speaker in one agenda item, with their role there and their place in the speaking
    order (`position`, as staff give it; never alphabetical). `item.roles.all()` gives them."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="roles", verbose_name=_("agenda item")
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, related_name="agenda_roles", verbose_name=_("speaker")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=SpeakerRole.choices, default=SpeakerRole.PRESENTER
    )
    position = models.PositiveSmallIntegerField(
        _("speaking order"), default=0, help_text=_("Lower numbers speak first.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("speaker in the item")
        verbose_name_plural = _("speakers in the item")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "speaker", "role"], name="agendaitemspeaker_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.speaker}: {self.get_role_display()}"

    def purge_keys(self):
        """The event's pages show the item's speakers."""
        return {object_key(Event, self.item.event_id), object_key(Speaker, self.speaker_id)}


class Session(models.Model):
    """When an event takes place: one of its sessions (a day of a workshop, a part of a
    course). `event.sessions.all()` gives them soonest first.

    Either a timed session, `start` (aware datetime, UTC; entered in the event's zone) with
    an `end` after it or None when the end was not announced; or a date-only session,
    `start_date` and `end_date` (dates in the event's zone, the last day included; None for
    one day), for an all-day meeting or a time never published. Dates are shown as they
    are, never moved to another day for a visitor in another zone.

    effective_start, effective_end (aware datetimes, UTC; set on save) are the instants the
    site counts with (upcoming, live, past; the event's start and end): for a timed session
    its start and its end; when the end was not announced, the end of the day it starts on
    (midnight in the event's zone); for a date-only session, midnight at the start of the
    first day to midnight after the last, in the event's zone. Calendars get no made-up end
    (see events.calendars).

    uid: the UID of the session's VEVENT; an event's first session gets the event's UID,
    so a one-session event keeps the UID it had before sessions existed.
    """

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("webinar")
    )
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Optional, e.g. “Day 2: Data governance”."),
    )
    start = models.DateTimeField(
        _("start"),
        null=True,
        blank=True,
        help_text=_("Date and time in the event's time zone. Empty for a date-only session."),
    )
    end = models.DateTimeField(
        _("end"), null=True, blank=True, help_text=_("Leave empty if the end was not announced.")
    )
    start_date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("Instead of a start time, when only the date is known or it lasts all day."),
    )
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("For a date-only session over days.")
    )
    effective_start = models.DateTimeField(_("starts"), editable=False)
    effective_end = models.DateTimeField(_("ends"), editable=False)
    uid = models.UUIDField(
        _("calendar UID"),
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Identifies the session in calendars (the UID of its VEVENT)."),
    )

    #: The fields whose change is a new revision of the event's calendar entries.
    SCHEDULE_FIELDS = ("start", "end", "start_date", "end_date")

    class Meta:
        ordering = ["effective_start", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(start__isnull=False, start_date__isnull=True, end_date__isnull=True)
                    | Q(start__isnull=True, end__isnull=True, start_date__isnull=False)
                ),
                name="session_time_or_dates",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=F("start")),
                name="session_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="session_last_day_after_first",
            ),
        ]
        indexes = [models.Index(fields=["effective_start"])]

    def __str__(self):
        return self.title or self.describe()

    def save(self, *args, revision=True, **kwargs):
        """Store the effective span, then the event's start and end. revision: count a
        change of an existing session's times (or a session added beside others) as a new
        revision of the event's calendar entries (Event.sequence)."""
        for name in self.SCHEDULE_FIELDS:  # strings, as Model.save() accepts them too
            value = self._meta.get_field(name).to_python(getattr(self, name))
            if isinstance(value, datetime.datetime) and timezone.is_naive(value):
                value = timezone.make_aware(value)
            setattr(self, name, value)
        self.effective_start, self.effective_end = self.span(self.event.tzinfo)
        adding = self._state.adding
        if adding and not Session.objects.filter(uid=self.event.uid).exists():
            self.uid = self.event.uid
        changed = False
        if revision and self.event.pk:
            if adding:
                changed = self.event.sessions.exists()
            else:
                before = (
                    Session.objects.filter(pk=self.pk).values_list(*self.SCHEDULE_FIELDS).first()
                )
                changed = before != tuple(getattr(self, n) for n in self.SCHEDULE_FIELDS)
        super().save(*args, **kwargs)
        if changed:
            Event.objects.filter(pk=self.event_id).update(sequence=F("sequence") + 1)
            self.event.sequence += 1
        self.event.update_span()

    def purge_keys(self):
        """Whatever shows the event's dates: its own keys (pages, lists, speakers' pages)."""
        return Event(pk=self.event_id, series_id=self.event.series_id).purge_keys()

    @property
    def is_date_only(self):
        return self.start_date is not None

    @property
    def last_date(self):
        """The last day of a date-only session (a date), else None."""
        if self.start_date is None:
            return None
        return self.end_date or self.start_date

    def span(self, zone):
        """(effective start, effective end) in UTC for the session read in `zone` (a
        ZoneInfo), as the class docstring defines them; (None, None) when incomplete."""
        utc = datetime.timezone.utc
        if self.start_date is not None:
            first = datetime.datetime.combine(self.start_date, datetime.time(), zone)
            after = self.last_date + datetime.timedelta(days=1)
            return first.astimezone(utc), datetime.datetime.combine(
                after, datetime.time(), zone
            ).astimezone(utc)
        if self.start is None:
            return None, None
        if self.end is not None:
            return self.start.astimezone(utc), self.end.astimezone(utc)
        day = self.start.astimezone(zone).date() + datetime.timedelta(days=1)
        return self.start.astimezone(utc), datetime.datetime.combine(
            day, datetime.time(), zone
        ).astimezone(utc)

    def local(self, name):
        """The datetime field `name` ("start" or "end") in the event's zone, or None."""
        value = getattr(self, name)
        return None if value is None else value.astimezone(self.event.tzinfo)

    def local_dates(self):
        """(first day, last day) of the session in the event's zone (dates). A session that
        ends at midnight ends on the day before."""
        if self.start_date is not None:
            return self.start_date, self.last_date
        zone = self.event.tzinfo
        first = self.start.astimezone(zone).date()
        if self.end is None:
            return first, first
        end = self.end.astimezone(zone)
        last = end.date()
        if end.time() == datetime.time() and last > first:
            last -= datetime.timedelta(days=1)
        return first, last

    @property
    def start_attribute(self):
        """For <time datetime>: "2021-10-03" for a date-only session, else the UTC instant
        in ISO 8601."""
        if self.start_date is not None:
            return self.start_date.isoformat()
        return self.start.astimezone(datetime.timezone.utc).isoformat()

    def describe(self, zone=None):
        """The session's date and time as text (common.dates): "Thursday 9 September 2021,
        8:00–10:30 am EDT (UTC−4)", "… from 8:00 am …" when the end was not announced,
        "Sunday 3 – Wednesday 6 October 2021" for dates. Timed sessions in `zone` (a
        ZoneInfo; default the event's); dates never move."""
        if self.start_date is not None:
            return dates.date_span(self.start_date, self.last_date)
        if self.start is None:
            return ""
        zone = zone or self.event.tzinfo
        if self.end is None:
            return dates.datetime_from(self.start, zone)
        return dates.datetime_range(self.start, self.end, zone)

    def clean(self):
        errors = year_range_errors(start=self.start, end=self.end)
        for name in ("start_date", "end_date"):
            value = getattr(self, name)
            if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
                errors[name] = _("Give a date between %(first)s and %(last)s.") % {
                    "first": FIRST_YEAR,
                    "last": LAST_YEAR,
                }
        if errors:
            raise ValidationError(errors)
        if getattr(self, "times_refused", False):
            return  # the form has said what is wrong with the times
        if self.start is not None and self.start_date is not None:
            raise ValidationError(
                _("Give either a start time or a date only, not both."), code="time_and_date"
            )
        if self.start is None and self.start_date is None:
            raise ValidationError(
                _("Give the session's start, or its date if no time was announced."),
                code="no_start",
            )
        if self.end is not None and self.start is None:
            raise ValidationError({"end": _("An end time needs a start time.")})
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first.")})


@receiver(post_delete, sender=Session)
def session_deleted(sender, instance, **kwargs):
    """A deleted session leaves the event's span and is a new calendar revision."""
    event = Event.objects.filter(pk=instance.event_id).first()
    if event is not None:
        Event.objects.filter(pk=event.pk).update(sequence=F("sequence") + 1)
        event.update_span()


def outside_sessions_error(start, end, sessions, zone):
    """A ValidationError when an agenda item from `start` to `end` (aware datetimes; end may
    be None) does not fall within one of `sessions` (Session objects, spans read in the
    ZoneInfo `zone`); None when it does, or when there are no sessions to compare with."""
    spans = [(s, s.span(zone)) for s in sessions]
    spans = [(s, span) for s, span in spans if span[0] is not None]
    if start is None or not spans:
        return None
    for _session, (first, last) in spans:
        if first <= start and (end or start) <= last and start < last:
            return None
    return ValidationError(
        _("This item is outside the event's sessions (%(sessions)s): check its date and times.")
        % {"sessions": "; ".join(s.describe(zone) for s, _span in spans)},
        code="outside_sessions",
    )


class EventOrganizer(models.Model):
    """An organisation's part in one event (organiser, co-organiser, partner, sponsor), in
    the order staff give. `event.organizers.all()` gives these rows."""

    class Role(models.TextChoices):
        ORGANIZER = "organizer", _("Organiser")
        CO_ORGANIZER = "co-organizer", _("Co-organiser")
        PARTNER = "partner", _("Partner")
        SPONSOR = "sponsor", _("Sponsor")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="organizers", verbose_name=_("webinar")
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="event_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ORGANIZER)
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization", "role"], name="eventorganizer_unique_role"
            ),
        ]

    def __str__(self):
        return f"{self.organization}: {self.get_role_display()}, “{self.event}”"

    def purge_keys(self):
        """The event's pages (and its series' page, whose JSON-LD names organisers)."""
        keys = {object_key(Event, self.event_id), list_key(Event)}
        if self.event.series_id:
            keys.add(object_key(Series, self.event.series_id))
        return keys


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


def publication_changed(event_ids):
    """After the publication of these events (pks) changed without Event.save(), e.g.
    through QuerySet.update() in an admin action: their speakers' `is_public` and their
    topics' `updated` follow."""
    Speaker.objects.filter(
        pk__in=EventSpeaker.objects.filter(event__in=event_ids).values("speaker")
    ).refresh_public()
    Topic.objects.filter(events__in=event_ids).touch()


@receiver(post_save, sender=Event)
def event_saved(sender, instance, created, raw, **kwargs):
    """A published webinar's change shows on its topics' pages; a change of publication
    makes its speakers public or not."""
    was = getattr(instance, "_saved_publication", None)
    instance._saved_publication = instance.publication
    if created:
        return  # no topics or speakers yet
    published = Event.Publication.PUBLISHED
    if published in (instance.publication, was) or was is None:
        Topic.objects.filter(events=instance).touch()
    if was != instance.publication:
        Speaker.objects.filter(appearances__event=instance).refresh_public()


@receiver(pre_delete, sender=Event)
def event_deleting(sender, instance, **kwargs):
    """A deleted published webinar leaves its topics' pages. (Its speakers follow through
    the deletion of its appearances, below.)"""
    if instance.publication == Event.Publication.PUBLISHED:
        Topic.objects.filter(events=instance).touch()


@receiver(m2m_changed, sender=Event.topics.through)
def event_topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A published webinar added to or removed from a topic changes the topic's page."""
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:  # event.topics.add(...) and the like: pk_set holds topics
        if instance.publication == Event.Publication.PUBLISHED:
            topics = Topic.objects.filter(events=instance) if pk_set is None else pk_set
            Topic.objects.filter(pk__in=topics).touch()
    else:  # topic.events.add(...): pk_set holds events
        events = Event.objects.published()
        events = events.filter(topics=instance) if pk_set is None else events.filter(pk__in=pk_set)
        if events.exists():
            Topic.objects.filter(pk=instance.pk).touch()


@receiver(post_save, sender=EventSpeaker)
def appearance_saved(sender, instance, **kwargs):
    """An appearance added or moved (to another event or speaker) may make its speakers,
    old and new, public or not."""
    speakers = {instance.speaker_id, getattr(instance, "_saved_speaker_id", None)}
    instance._saved_speaker_id = instance.speaker_id
    Speaker.objects.filter(pk__in=speakers - {None}).refresh_public()


@receiver(post_delete, sender=EventSpeaker)
def appearance_deleted(sender, instance, **kwargs):
    """A removed appearance (also when its event is deleted) may leave its speaker with no
    public one."""
    Speaker.objects.filter(pk=instance.speaker_id).refresh_public()


def next_timing_change():
    """When the public pages next change by the clock alone: the first start or end of a
    published event after now (aware datetime), or None. Used as PAGE_CACHE_HORIZON."""
    return Event.objects.published().next_change()
