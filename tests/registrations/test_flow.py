"""Registration end to end in this process: the form, the real SMTP server, the worker's
own code (db_worker --batch), the links in the emails."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from registrations.models import Email, Registration

from .pages import texts
from .smtp import calendar_of, html_of, text_of

pytestmark = pytest.mark.django_db(transaction=True)


def links(text):
    return re.findall(r"https://webinars\.example\.org(/\S+)", text)


def register(client, event, data):
    return client.post(reverse("registrations:register", args=[event.slug]), data)


def confirm_from(message):
    return next(p for p in links(text_of(message)) if p.startswith("/registrations/confirm/"))


def test_register_confirm_join_cancel(client, smtp, run_worker, open_event, form_data):
    event = open_event()
    response = register(client, event, form_data)
    assert response.status_code == 200
    assert texts(response.content, "h1")[0] == "Check your email"
    assert Registration.objects.get().status == Registration.Status.PENDING

    run_worker()
    [confirm_mail] = smtp.wait_for(1)
    assert confirm_mail["To"] == "Amina Diallo <amina@example.org>"
    assert confirm_mail["Subject"] == f"Confirm your registration: {event.title}"
    assert "SECRETJOIN" not in confirm_mail.as_string()  # no join link before confirming

    response = client.get(confirm_from(confirm_mail))
    assert response.status_code == 200
    assert texts(response.content, "h1")[0] == "You are registered"
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED

    run_worker()
    welcome = smtp.wait_for(2)[1]
    assert welcome["Subject"] == f"You are registered: {event.title}"
    text = text_of(welcome)
    # The time three ways: organiser's zone, UTC, the registrant's own. The event is at
    # 12:00-14:00 UTC; New York is 5 (winter) or 4 hours behind; Dakar is on UTC (GMT).
    lines = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
    day = f"{event.start:%A}, {event.start:%B} {event.start.day}, {event.start.year}"
    assert lines["UTC"] == f"{day}, 12:00 – 2:00 PM UTC"
    assert lines["Organiser's time (New York)"] in (
        f"{day}, 7:00 – 9:00 AM UTC−5",
        f"{day}, 8:00 – 10:00 AM UTC−4",
    )
    assert lines["Your time (Dakar)"] == f"{day}, 12:00 – 2:00 PM UTC"
    assert "Your time (Dakar)" in html_of(welcome)
    method, calendar = calendar_of(welcome)
    assert method == "REQUEST" and calendar["METHOD"] == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == str(event.uid)
    assert vevent["SEQUENCE"] == event.sequence
    assert "SECRETJOIN" not in calendar.to_ical().decode()  # the personal link, not the raw one

    join = next(p for p in links(text) if p.startswith("/join/"))
    response = client.get(join)
    assert response.status_code == 302
    assert response["Location"] == event.join_url
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert Registration.objects.get().join_count == 1

    cancel = next(p for p in links(text) if p.endswith("/cancel/"))
    page = client.get(cancel)
    assert texts(page.content, "dd")[1] == "amina@example.org"
    response = client.post(cancel)
    assert response.status_code == 200
    assert Registration.objects.count() == 0 and Email.objects.count() == 0
    assert client.get(join).status_code == 404
    assert client.get(cancel).status_code == 404


def test_confirmation_link_used_twice_says_already_done(
    client, smtp, run_worker, open_event, form_data
):
    event = open_event()
    register(client, event, form_data)
    run_worker()
    link = confirm_from(smtp.wait_for(1)[0])
    client.get(link)
    response = client.get(link)
    assert response.status_code == 200
    assert "already confirmed" in texts(response.content, "p", role="status")[0]
    run_worker()
    assert [m["Subject"].split(":")[0] for m in smtp.wait_for(2)] == [
        "Confirm your registration",
        "You are registered",
    ]
    assert Registration.objects.get().status == Registration.Status.CONFIRMED


def test_confirmation_link_expired_or_altered(client, settings, smtp, run_worker, open_event,
                                              form_data):  # fmt: skip
    event = open_event()
    register(client, event, form_data)
    run_worker()
    link = confirm_from(smtp.wait_for(1)[0])
    assert client.get(link[:-3] + "xyz/").status_code == 400
    settings.REGISTRATION_CONFIRM_DAYS = -1  # every link is now older than allowed
    response = client.get(link)
    assert response.status_code == 410
    assert texts(response.content, "h1")[0] == "This link has expired"
    assert Registration.objects.get().status == Registration.Status.PENDING  # nothing lost


def test_wait_list_moves_up_on_cancellation(client, smtp, run_worker, open_event, form_data):
    event = open_event(capacity=1)
    first = Registration.objects.create(event=event, name="First", email="first@example.org",
                                        country="FJ", timezone="Pacific/Fiji")  # fmt: skip
    first.confirm()
    second = Registration.objects.create(event=event, name="Second", email="second@example.org",
                                         country="NP", timezone="Asia/Kathmandu")  # fmt: skip
    assert second.confirm() == Registration.Status.WAITING
    run_worker()
    sent = smtp.wait_for(2)
    assert {m["Subject"].split(":")[0] for m in sent} == {
        "You are registered",
        "You are on the wait list",
    }
    waiting = next(m for m in sent if m["To"].startswith("Second"))
    assert "/join/" not in text_of(waiting)

    first.cancel()
    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    run_worker()
    promoted = smtp.wait_for(3)[2]
    assert promoted["Subject"] == f"A place is yours: {event.title}"
    assert promoted["To"] == "Second <second@example.org>"
    # The registrant's zone is named by its city and its offset.
    assert "UTC+5:45" in text_of(promoted).split("Your time (Kathmandu): ")[1]
    assert calendar_of(promoted)[0] == "REQUEST"


def test_reminders_follow_the_event_when_staff_move_it(smtp, run_worker, open_event, settings):
    settings.REGISTRATION_REMINDER_HOURS = [24, 1]
    event = open_event()
    registration = Registration.objects.create(event=event, name="Ravi", email="r@example.org",
                                               country="IN", timezone="Asia/Kolkata")  # fmt: skip
    registration.confirm()
    reminders = Email.objects.filter(kind=Email.Kind.REMINDER).order_by("send_after")
    assert [r.send_after for r in reminders] == [
        event.start - datetime.timedelta(hours=24),
        event.start - datetime.timedelta(hours=1),
    ]
    run_worker()
    smtp.wait_for(1)  # the confirmation; reminders are not due
    assert len(smtp.messages) == 1

    sequence = event.sequence
    event.start += datetime.timedelta(hours=2)
    event.end += datetime.timedelta(hours=2)
    event.save()
    assert event.sequence == sequence + 1
    run_worker()  # event_changed, then the update email
    run_worker()
    update = smtp.wait_for(2)[1]
    assert update["Subject"] == f"Changed: {event.title}"
    method, calendar = calendar_of(update)
    assert method == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert vevent["SEQUENCE"] == sequence + 1
    assert vevent.decoded("DTSTART") == event.start
    moved = Email.objects.filter(kind=Email.Kind.REMINDER).order_by("send_after")
    assert [r.send_after for r in moved] == [
        event.start - datetime.timedelta(hours=24),
        event.start - datetime.timedelta(hours=1),
    ]

    # Time passes: the first reminder's moment comes (the rows' times moved to now).
    first = moved[0]
    Email.objects.filter(pk=first.pk).update(send_after=timezone.now())
    DBTaskResult.objects.filter(args_kwargs__args=[first.pk]).update(run_after=timezone.now())
    run_worker()
    reminder = smtp.wait_for(3)[2]
    assert reminder["Subject"] == f"Reminder: {event.title}"
    assert "about 24 hours" in text_of(reminder)
    assert "/join/" in text_of(reminder)


def test_cancelled_event_sends_method_cancel(smtp, run_worker, open_event):
    event = open_event()
    registration = Registration.objects.create(
        event=event, name="Lea", email="l@example.org", country="TO", timezone="Pacific/Tongatapu"
    )
    registration.confirm()
    run_worker()
    smtp.wait_for(1)
    event.status = event.Status.CANCELLED
    event.save()
    run_worker()
    run_worker()
    cancelled = smtp.wait_for(2)[1]
    method, calendar = calendar_of(cancelled)
    assert method == "CANCEL" and calendar["METHOD"] == "CANCEL"
    [vevent] = calendar.walk("VEVENT")
    assert (str(vevent["UID"]), vevent["SEQUENCE"], vevent["STATUS"]) == (
        str(event.uid),
        event.sequence,
        "CANCELLED",
    )
    assert not Email.objects.filter(kind=Email.Kind.REMINDER, status=Email.Status.QUEUED).exists()


def test_failed_send_is_retried_with_backoff_and_not_lost(smtp, run_worker, open_event,
                                                         settings):  # fmt: skip
    settings.REGISTRATION_EMAIL_RETRY_SECONDS = 0.2
    smtp.refuse = 2
    event = open_event()
    registration = Registration.objects.create(event=event, name="Kofi", email="k@example.org",
                                               country="GH", timezone="Africa/Accra")  # fmt: skip
    Email.objects.create(registration=registration, kind=Email.Kind.CONFIRM)
    email = Email.objects.get()
    from registrations.tasks import send_email

    send_email.enqueue(email.pk)
    run_worker()
    email.refresh_from_db()
    assert (email.status, email.attempts, smtp.refused) == (Email.Status.QUEUED, 1, 1)
    assert "451" in email.last_error
    assert email.send_after > timezone.now() - datetime.timedelta(seconds=1)
    deadline = timezone.now() + datetime.timedelta(seconds=30)  # bounded, roomy on a busy machine
    while email.status != Email.Status.SENT and timezone.now() < deadline:
        run_worker()
        email.refresh_from_db()
    assert (email.status, email.attempts, smtp.refused) == (Email.Status.SENT, 3, 2)
    assert len(smtp.messages) == 1


def test_gives_up_after_max_attempts_and_keeps_the_email(smtp, run_worker, open_event,
                                                          settings):  # fmt: skip
    settings.REGISTRATION_EMAIL_MAX_ATTEMPTS = 2
    settings.REGISTRATION_EMAIL_RETRY_SECONDS = 0
    smtp.refuse = 5
    event = open_event()
    registration = Registration.objects.create(event=event, name="Kofi", email="k@example.org",
                                               country="GH", timezone="Africa/Accra")  # fmt: skip
    email = Email.objects.create(registration=registration, kind=Email.Kind.CONFIRM)
    from registrations.tasks import send_email

    send_email.enqueue(email.pk)
    run_worker()
    run_worker()
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Email.Status.FAILED, 2)


def test_email_is_in_the_language_of_the_page(client, settings, smtp, run_worker, open_event,
                                              form_data):  # fmt: skip
    settings.LANGUAGES = [("en", "English"), ("fr", "French")]
    event = open_event()
    response = register(client, event, {**form_data, "email": "en@example.org"})
    assert response.status_code == 200
    # The page's language is the address's (/fr/...), whatever the browser prefers.
    with translation.override("fr"):
        french = reverse("registrations:register", args=[event.slug])
    assert french.startswith("/fr/")
    client.post(french, {**form_data, "email": "fr2@example.org"}, HTTP_ACCEPT_LANGUAGE="en")
    languages = dict(Registration.objects.values_list("email", "language"))
    assert languages == {"en@example.org": "en", "fr2@example.org": "fr"}
    run_worker()
    by_address = {m["To"].split("<")[1].rstrip(">"): m for m in smtp.wait_for(2)}
    assert by_address["fr2@example.org"]["Content-Language"] == "fr"
    assert '<html lang="fr">' in html_of(by_address["fr2@example.org"])
    assert by_address["en@example.org"]["Content-Language"] == "en"


def test_hostile_event_title_is_escaped_in_the_html_email(open_event):
    from registrations.emails import compose

    event = open_event(title='<script>alert("x")</script> & <b>bold</b>')
    registration = Registration.objects.create(event=event, name='Zoë "<i>"', email="z@example.org",
                                               country="LS", timezone="Africa/Maseru",
                                               status="confirmed")  # fmt: skip
    email = Email.objects.create(registration=registration, kind=Email.Kind.REGISTERED)
    message = compose(email)
    html = message.alternatives[0].content
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;i&gt;" in html
    assert message.subject == f"You are registered: {event.title}"  # plain text: as typed
    assert event.title in message.body


def test_an_edit_that_moves_nothing_sends_nothing(smtp, run_worker, open_event):
    event = open_event()
    registration = Registration.objects.create(event=event, name="Ana", email="a@example.org",
                                               country="MZ", timezone="Africa/Maputo")  # fmt: skip
    registration.confirm()
    run_worker()
    smtp.wait_for(1)
    event.title = "A better title"
    event.save()
    run_worker()
    run_worker()
    assert len(smtp.messages) == 1
    assert Email.objects.filter(kind=Email.Kind.UPDATE).count() == 0


def test_raising_the_capacity_moves_the_wait_list_up(smtp, run_worker, open_event):
    event = open_event(capacity=1)
    people = []
    for name in ("One", "Two", "Three"):
        person = Registration.objects.create(
            event=event, name=name, email=f"{name}@example.org", country="SB", timezone="UTC"
        )
        person.confirm()
        people.append(person)
    assert [p.status for p in people] == ["confirmed", "waiting", "waiting"]
    event.capacity = 2
    event.save()
    run_worker()
    run_worker()
    statuses = dict(Registration.objects.values_list("name", "status"))
    assert statuses == {"One": "confirmed", "Two": "confirmed", "Three": "waiting"}
    promoted = [m for m in smtp.wait_for(4) if m["Subject"].startswith("A place is yours")]
    assert [m["To"] for m in promoted] == ["Two <Two@example.org>"]
