"""When a webinar's sessions happen and when their reminders go out."""

import datetime

from django.conf import settings


def session_times(event):
    """The event's sessions as [(start, end)] of aware datetimes (UTC), in order: each
    session's effective start and end (events.models.Session; for a date-only session the
    midnights around its days in the event's zone, for an end not announced the midnight
    after its start)."""
    return [(s.effective_start, s.effective_end) for s in event.sessions.all()]


def reminder_leads():
    """How long before each session reminders are sent: [timedelta], longest first
    (settings.REGISTRATION_REMINDER_HOURS, 24 and 1 by default)."""
    hours = sorted({float(h) for h in settings.REGISTRATION_REMINDER_HOURS}, reverse=True)
    return [datetime.timedelta(hours=h) for h in hours if h > 0]


def reminder_times(event, now):
    """[(send_at, lead)] for every session and lead whose send_at is still after `now`."""
    return [
        (start - lead, lead)
        for start, _end in session_times(event)
        for lead in reminder_leads()
        if start - lead > now
    ]
