"""Writing, queueing and sending the emails of registration.

Every email is a registrations.Email row, written in the transaction that causes it and
handed to the worker (tasks.send_email) once that transaction commits. The worker renders it
in the registrant's language, with the webinar's time as it is at that moment given three
ways (the organiser's zone, UTC, the registrant's zone), their personal join and cancel
links, and the webinar's .ics (METHOD:REQUEST, or CANCEL; the UID of the public .ics).
A failed send is retried with exponential back-off, REGISTRATION_EMAIL_MAX_ATTEMPTS times,
then kept as failed (staff can send it again from the admin).
"""

import datetime
import logging
import zoneinfo
from email.mime.text import MIMEText
from email.utils import formataddr

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.dates import datetime_range
from common.languages import site_name
from events import calendars
from events.models import Event

from .models import Email, Registration, fill_places
from .schedule import reminder_times, session_times

logger = logging.getLogger(__name__)

CONFIRM_SALT = "registrations.confirm"
UTC = zoneinfo.ZoneInfo("UTC")

#: Kinds that carry the join link and an .ics with METHOD:REQUEST.
INVITATIONS = {Email.Kind.REGISTERED, Email.Kind.PROMOTED, Email.Kind.REMINDER, Email.Kind.UPDATE}


# -- Queueing -------------------------------------------------------------------------------


def queue(registration, kind, send_after=None, **fields):
    """Write an Email of `kind` for `registration` and enqueue its sending once the current
    transaction commits (at `send_after`, an aware datetime, or now). Returns the Email."""
    email = Email.objects.create(
        registration=registration, kind=kind, send_after=send_after or timezone.now(), **fields
    )
    enqueue_on_commit(email)
    return email


def enqueue_on_commit(email):
    """Hand `email` to the worker after the current transaction commits."""
    email_id, run_after = email.pk, email.send_after
    transaction.on_commit(lambda: enqueue(email_id, run_after))


def enqueue(email_id, run_after):
    from .tasks import send_email

    task = send_email.using(run_after=run_after) if run_after > timezone.now() else send_email
    task.enqueue(email_id)


def schedule_reminders(registration):
    """Queue a reminder before each of the event's sessions, at each of
    REGISTRATION_REMINDER_HOURS, replacing the reminders not sent yet. Only for confirmed
    registrations of events that are not cancelled."""
    registration.emails.filter(kind=Email.Kind.REMINDER, status=Email.Status.QUEUED).delete()
    event = registration.event
    if registration.status != Registration.Status.CONFIRMED or event.is_cancelled:
        return []
    return [
        queue(registration, Email.Kind.REMINDER, send_after=send_at, lead=lead)
        for send_at, lead in reminder_times(event, timezone.now())
    ]


def notify_change(event_id):
    """After the webinar was saved: to every confirmed registrant whose calendar entry is
    older than the webinar's SEQUENCE (its start, end or status changed), an UPDATE email (or
    CANCELLED once it is cancelled), and their reminders moved; then free places (a raised
    capacity) go to the wait list. Running it again sends nothing more. Returns the number
    of registrants told of a change."""
    with transaction.atomic():
        event = Event.objects.select_for_update().filter(pk=event_id).first()
        if event is None:
            return 0
        kind = Email.Kind.CANCELLED if event.is_cancelled else Email.Kind.UPDATE
        behind = event.registrations.confirmed().filter(calendar_sequence__lt=event.sequence)
        count = 0
        for registration in behind:
            registration.event = event
            queue(registration, kind)
            schedule_reminders(registration)
            registration.calendar_sequence = event.sequence
            registration.save(update_fields=["calendar_sequence"])
            count += 1
        if not event.is_cancelled:
            fill_places(event)  # staff may have raised the capacity
    return count


def requeue_stalled(now, grace=datetime.timedelta(minutes=5)):
    """Hand the worker again every email that should have gone by now but has not: queued
    and due for more than `grace` (its task was lost, e.g. the process stopped between the
    commit and the enqueue), or "sending" past its lease (the worker died). A task that
    finds its email already claimed or sent does nothing, so a duplicate is harmless.
    Returns the number re-enqueued."""
    stalled = Email.objects.filter(
        Q(status=Email.Status.QUEUED, send_after__lte=now - grace)
        | Q(status=Email.Status.SENDING, send_after__lte=now)
    ).values_list("pk", flat=True)
    ids = list(stalled)
    for email_id in ids:
        enqueue(email_id, now)
    return len(ids)


def confirm_url(registration):
    signed = signing.TimestampSigner(salt=CONFIRM_SALT).sign(registration.token)
    return absolute(reverse("registrations:confirm", kwargs={"signed": signed}))


def unsign_confirmation(signed):
    """The registration token inside a confirmation link's `signed` value (str).

    Raises signing.SignatureExpired after REGISTRATION_CONFIRM_DAYS, signing.BadSignature
    for anything that was not made by confirm_url()."""
    max_age = datetime.timedelta(days=settings.REGISTRATION_CONFIRM_DAYS)
    return signing.TimestampSigner(salt=CONFIRM_SALT).unsign(signed, max_age=max_age)


def absolute(path):
    """SITE_URL + path: links in emails, which are written without a request."""
    return settings.SITE_URL.rstrip("/") + path


# -- Sending --------------------------------------------------------------------------------


def deliver(email_id):
    """Send Email `email_id` if it is queued and due; on failure put it back in the queue at
    REGISTRATION_EMAIL_RETRY_SECONDS × 2^(attempt − 1), or mark it failed after
    REGISTRATION_EMAIL_MAX_ATTEMPTS. Returns the status (str), or None if the row is gone."""
    now = timezone.now()
    # Claim it: queued and due, or left "sending" by a worker that died (its lease is over).
    claimed = Email.objects.filter(
        pk=email_id, status__in=[Email.Status.QUEUED, Email.Status.SENDING], send_after__lte=now
    )
    claim = {"status": Email.Status.SENDING, "send_after": now + Email.LEASE}
    if not claimed.update(attempts=F("attempts") + 1, **claim):
        status = Email.objects.filter(pk=email_id).values_list("status", flat=True).first()
        return status
    email = Email.objects.select_related("registration__event").get(pk=email_id)
    registration = email.registration
    if email.kind == Email.Kind.REMINDER and (
        registration.status != Registration.Status.CONFIRMED or registration.event.is_cancelled
    ):
        email.delete()
        return None
    try:
        compose(email).send()
    except Exception as error:
        return _failed(email, error)
    email.status, email.sent_at, email.last_error = Email.Status.SENT, timezone.now(), ""
    email.save(update_fields=["status", "sent_at", "last_error"])
    return email.status


def _failed(email, error):
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.attempts >= settings.REGISTRATION_EMAIL_MAX_ATTEMPTS:
        email.status = Email.Status.FAILED
        logger.error("Gave up sending email %s after %s attempts: %s", email.pk, email.attempts,
                     email.last_error)  # fmt: skip
        email.save(update_fields=["status", "last_error"])
        return email.status
    delay = settings.REGISTRATION_EMAIL_RETRY_SECONDS * 2 ** (email.attempts - 1)
    email.status = Email.Status.QUEUED
    email.send_after = timezone.now() + datetime.timedelta(seconds=delay)
    logger.warning("Email %s not sent (attempt %s), next try in %s s: %s", email.pk,
                   email.attempts, delay, email.last_error)  # fmt: skip
    email.save(update_fields=["status", "send_after", "last_error"])
    enqueue(email.pk, email.send_after)
    return email.status


def session_lines(event, zone):
    """For each session, its time three ways: [{"organiser", "utc", "yours"}] (str)."""
    return [
        {
            "organiser": datetime_range(start, end, event.tzinfo),
            "utc": datetime_range(start, end, UTC),
            "yours": datetime_range(start, end, zone),
        }
        for start, end in session_times(event)
    ]


def _texts(email):
    """(subject, introduction) of an email, in the active language."""
    title = email.registration.event.title
    if email.kind == Email.Kind.CONFIRM:
        return (
            _("Confirm your registration: %(title)s") % {"title": title},
            _(
                "Please confirm your registration by following the link below within "
                "%(days)s days. If you did not register, ignore this email: nothing will be kept."
            )
            % {"days": settings.REGISTRATION_CONFIRM_DAYS},
        )
    if email.kind == Email.Kind.REGISTERED:
        return (
            _("You are registered: %(title)s") % {"title": title},
            _(
                "Your registration is confirmed. Your personal join link is below; keep it to "
                "yourself."
            ),  # fmt: skip
        )
    if email.kind == Email.Kind.WAITING:
        return (
            _("You are on the wait list: %(title)s") % {"title": title},
            _(
                "The webinar is full, so you are on the wait list. If a place opens, you will "
                "get it in turn and we will email you your join link."
            ),  # fmt: skip
        )
    if email.kind == Email.Kind.PROMOTED:
        return (
            _("A place is yours: %(title)s") % {"title": title},
            _("A place has opened and it is now yours. Your personal join link is below."),
        )
    if email.kind == Email.Kind.REMINDER:
        hours = round(email.lead.total_seconds() / 3600) if email.lead else 0
        return (
            _("Reminder: %(title)s") % {"title": title},
            ngettext(
                "The webinar starts in about %(hours)s hour.",
                "The webinar starts in about %(hours)s hours.",
                hours,
            )
            % {"hours": hours},
        )
    if email.kind == Email.Kind.UPDATE:
        return (
            _("Changed: %(title)s") % {"title": title},
            _(
                "The webinar's date, time or status has changed. Here it is as it stands now; "
                "the attached calendar entry updates the one you saved."
            ),  # fmt: skip
        )
    if email.kind == Email.Kind.CANCELLED:
        return (
            _("Cancelled: %(title)s") % {"title": title},
            _(
                "We are sorry: this webinar has been cancelled. The attached calendar entry "
                "removes it from your calendar."
            ),  # fmt: skip
        )
    return (email.subject or title, email.body)


def compose(email):
    """The EmailMultiAlternatives (plain text, HTML alternative, .ics) for `email`, written
    in its registrant's language."""
    registration = email.registration
    event = Event.objects.with_details().get(pk=registration.event_id)
    zone = zoneinfo.ZoneInfo(registration.timezone)
    with translation.override(registration.language):
        subject, intro = _texts(email)
        confirmed = registration.status == Registration.Status.CONFIRMED
        invitation = email.kind in INVITATIONS or (email.kind == Email.Kind.MESSAGE and confirmed)
        context = {
            "registration": registration,
            "event": event,
            "kind": email.kind,
            "intro": intro,
            "sessions": session_lines(event, zone),
            "your_zone": registration.timezone,
            "page_url": absolute(event.get_absolute_url()),
            "confirm_url": confirm_url(registration) if email.kind == Email.Kind.CONFIRM else "",
            "join_url": absolute(registration.join_path) if invitation else "",
            "cancel_url": absolute(registration.get_absolute_url()),
            "site_name": site_name(),
        }
        text = render_to_string("registrations/email/message.txt", context)
        html = render_to_string("registrations/email/message.html", context)
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=text,
            to=[formataddr((registration.name, registration.email))],
            headers={"Auto-Submitted": "auto-generated", "Content-Language": registration.language},
        )
        message.attach_alternative(html, "text/html")
        if email.kind in INVITATIONS or email.kind == Email.Kind.CANCELLED:
            method = "CANCEL" if email.kind == Email.Kind.CANCELLED else "REQUEST"
            message.attach(calendar_part(event, registration, method, context["join_url"]))
    return message


def calendar_part(event, registration, method, join_url):
    """The event's .ics for this registrant as a MIME part: the public calendar entry (same
    UID and SEQUENCE, from events.calendars) with METHOD `method`, the organiser and the
    registrant as ATTENDEE, and their personal join link as the location."""
    page_url = absolute(event.get_absolute_url())
    calendar = calendars.build_calendar(
        [event], lambda e: page_url, name=site_name(), uid=f"{event.uid}-calendar",
        method=method,
    )  # fmt: skip
    for component in calendar.walk("VEVENT"):
        organizer = calendars.icalendar.vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
        organizer.params["CN"] = event.organizer_name or site_name()
        component.add("organizer", organizer)
        attendee = calendars.icalendar.vCalAddress(f"mailto:{registration.email}")
        attendee.params.update({"CN": registration.name, "ROLE": "REQ-PARTICIPANT",
                                "PARTSTAT": "ACCEPTED", "RSVP": "FALSE"})  # fmt: skip
        component.add("attendee", attendee)
        if join_url:
            component.pop("LOCATION", None)
            component.add("location", join_url)
    part = MIMEText(calendar.to_ical().decode(), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
    return part
