import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone as dj_timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from events.models import Event, validate_timezone

#: Characters that have no place in a one-line field (and could forge email headers).
CONTROL_CHARACTERS = frozenset({chr(c) for c in range(32)} | {"\x7f", "\u2028", "\u2029"})


def validate_one_line(value):
    """Refuse control characters (CR, LF, tab ...): names go into email headers."""
    if any(c in CONTROL_CHARACTERS for c in value):
        raise ValidationError(_("Write this on one line."), code="multiline")


def new_token():
    """43 URL-safe characters (32 random bytes): the registrant's key to their links."""
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        """Registrations that count: confirmed by the registrant, holding a place."""
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        """The wait list, first come first served."""
        return self.filter(status=Registration.Status.WAITING).order_by("confirmed_at", "pk")


class Registration(models.Model):
    """One person's registration for one webinar.

    Personal data (name, email, organisation) is shown to staff only, and deleted
    REGISTRATION_RETENTION_DAYS after the event by `manage.py purge_registrations`, which
    keeps only counts per country (CountryCount). `token` is the key of the registrant's own
    links (join, cancel); it is never shown to anyone else.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the wait list")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("webinar")
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_one_line])
    email = models.EmailField(_("email"))
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=[validate_one_line]
    )
    country = CountryField(_("country"))
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_timezone],
        help_text=_("The registrant's IANA time zone: emails give the times in it too."),
    )
    language = models.CharField(
        _("language"),
        max_length=16,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the page they registered from; emails are written in it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consented_at = models.DateTimeField(_("consent given"), default=dj_timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    calendar_sequence = models.PositiveIntegerField(
        _("calendar revision sent"),
        default=0,
        editable=False,
        help_text=_("The webinar's SEQUENCE in the last calendar entry emailed to them."),
    )
    join_count = models.PositiveIntegerField(
        _("join link follows"), default=0, help_text=_("Times the personal join link was used.")
    )
    created = models.DateTimeField(_("registered"), auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "created"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                "event", Lower("email"), name="registration_one_per_email_per_event"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def get_absolute_url(self):
        """The registrant's own page: cancel and erase."""
        return reverse("registrations:cancel", kwargs={"token": self.token})

    def confirm(self):
        """Confirm this pending registration (the registrant followed the link in the
        email): a place if the event has one left, else the wait list; queues the email
        that says which, and the reminders. Returns the new status."""
        from . import emails

        with transaction.atomic():
            # Lock the event row, so two confirmations cannot take the last place twice.
            event = Event.objects.select_for_update().get(pk=self.event_id)
            taken = event.registrations.confirmed().count()
            full = event.capacity is not None and taken >= event.capacity
            self.status = self.Status.WAITING if full else self.Status.CONFIRMED
            self.confirmed_at = dj_timezone.now()
            self.calendar_sequence = event.sequence
            self.save(update_fields=["status", "confirmed_at", "calendar_sequence"])
            self.event = event
            if full:
                emails.queue(self, Email.Kind.WAITING)
            else:
                emails.queue(self, Email.Kind.REGISTERED)
                emails.schedule_reminders(self)
        return self.status

    def cancel(self):
        """Cancel this registration and erase it (with its emails); if it held a place, the
        first person on the wait list gets it and is told. Returns that Registration, or
        None."""

        with transaction.atomic():
            event = Event.objects.select_for_update().get(pk=self.event_id)
            held_place = Registration.objects.filter(
                pk=self.pk, status=self.Status.CONFIRMED
            ).exists()
            self.delete()
            promoted = fill_places(event) if held_place else []
        return promoted[0] if promoted else None

    @property
    def join_path(self):
        return reverse("registrations:join", kwargs={"token": self.token})


def fill_places(event):
    """Give the event's free places (all of them when it has no capacity) to the wait list,
    first come first served, each with an email and reminders. Call it inside a transaction
    holding the event's row lock. Returns the Registrations moved up."""
    from . import emails

    waiting = event.registrations.waiting()
    if event.capacity is not None:
        free = event.capacity - event.registrations.confirmed().count()
        waiting = waiting[: max(free, 0)]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.calendar_sequence = event.sequence
        registration.save(update_fields=["status", "calendar_sequence"])
        registration.event = event
        emails.queue(registration, Email.Kind.PROMOTED)
        emails.schedule_reminders(registration)
    return promoted


class CountryCount(models.Model):
    """What is kept of a webinar's registrations once their personal data is deleted: how
    many confirmed registrants came from each country."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="country_counts", verbose_name=_("webinar")
    )
    country = CountryField(_("country"))
    registrations = models.PositiveIntegerField(_("confirmed registrations"))

    class Meta:
        ordering = ["event", "country"]
        verbose_name = _("registrations by country")
        verbose_name_plural = _("registrations by country")
        constraints = [
            models.UniqueConstraint(fields=["event", "country"], name="country_count_unique"),
        ]

    def __str__(self):
        return f"{self.event}: {self.country.name} ({self.registrations})"


class Email(models.Model):
    """One email to one registrant, and where it stands. It is written in the same
    transaction as what caused it, sent by the worker (registrations.tasks), retried with
    back-off on failure (attempts, send_after) and kept as `failed` after the last attempt, so
    no message is lost without a trace. The text is rendered when it is sent, so a reminder
    gives the webinar's time as it is then."""

    class Kind(models.TextChoices):
        CONFIRM = "confirm", _("Confirm the address")
        REGISTERED = "registered", _("Registration confirmed")
        WAITING = "waiting", _("On the wait list")
        PROMOTED = "promoted", _("Moved up from the wait list")
        REMINDER = "reminder", _("Reminder")
        UPDATE = "update", _("Webinar changed")
        CANCELLED = "cancelled", _("Webinar cancelled")
        MESSAGE = "message", _("Message from the organisers")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (gave up)")

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="emails", verbose_name=_("to")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    send_after = models.DateTimeField(_("send after"), default=dj_timezone.now)
    lead = models.DurationField(
        _("reminder lead"), null=True, blank=True, help_text=_("For reminders: how long before.")
    )
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    #: How long a worker may take to send one email before another may try it.
    LEASE = datetime.timedelta(minutes=10)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        indexes = [models.Index(fields=["status", "send_after"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.registration.email}"
