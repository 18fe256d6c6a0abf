import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from .smtp import SMTPServer


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a spare loopback port; Django sends to it. Yields its Inbox."""
    server = SMTPServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SITE_URL = "https://webinars.example.org"
    settings.REGISTRATION_EMAIL_RETRY_SECONDS = 0.05
    yield server.inbox
    server.stop()


@pytest.fixture
def run_worker():
    """Run django-tasks-db's worker in this process until no task is due (its --batch
    mode): the real worker code, without a second process."""

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", "-v0")

    return run


@pytest.fixture
def open_event(make_event):
    """A published webinar three days ahead, taking registrations, with a private join link."""

    def make(**fields):
        start = (timezone.now() + datetime.timedelta(days=3)).replace(
            hour=12, minute=0, second=0, microsecond=0
        )
        values = {
            "title": "Data for local development",
            "start": start,
            "timezone": "America/New_York",
            "takes_registrations": True,
            "join_url": "https://zoom.example.org/j/987654321?pwd=SECRETJOIN",
            "platform": "Zoom",
            **fields,
        }
        return make_event(**values)

    return make


FORM = {
    "name": "Amina Diallo",
    "email": "amina@example.org",
    "organisation": "Ministry of Planning",
    "country": "SN",
    "timezone": "Africa/Dakar",
    "consent": "on",
}


@pytest.fixture
def form_data():
    return dict(FORM)
