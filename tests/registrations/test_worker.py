"""The real worker process: a registration made over HTTP is confirmed from the email the
SMTP server received, a refused send is retried, the reminder comes when its moment does,
the join link redirects, and cancelling erases everything."""

import re

from tests.ops.servers import Browser, form_fields

from .smtp import calendar_of, text_of
from .stack import COUNTS, DUE_NOW, MAKE_EVENT

JOIN_URL = "https://zoom.example.org/j/5550001?pwd=WORKERSECRET"


def path_in(text, prefix, base):
    return next(u[len(base) :] for u in re.findall(r"\S+", text) if u.startswith(base + prefix))


def test_worker_sends_retries_reminds_and_erases(registration_stack):
    stack = registration_stack
    event = stack.python(MAKE_EVENT.format(title="Worker webinar", join_url=JOIN_URL))
    browser = Browser(stack.url)
    form = f"/events/{event['slug']}/register/"
    page = browser.get(form)
    assert page.status == 200 and "no-store" in page.headers["Cache-Control"]
    fields = form_fields(page.text)
    fields.update(name=["Sione Tupou"], email=["sione@example.org"], organisation=["MoF"],
                  country=["TO"], timezone=["Pacific/Tongatapu"], consent=["on"])  # fmt: skip
    already = len(stack.inbox.messages)
    stack.inbox.refuse = 1  # the mail server is busy for the first try
    response = browser.post(form, fields)
    assert response.status == 200, response.text[:500]

    confirm_mail = stack.inbox.wait_for(already + 1, timeout=30)[already]
    assert stack.inbox.refused == 1  # sent on the retry, after the back-off
    assert confirm_mail["To"] == "Sione Tupou <sione@example.org>"
    confirm = path_in(text_of(confirm_mail), "/registrations/confirm/", stack.url)
    assert browser.get(confirm).status == 200

    welcome = stack.inbox.wait_for(already + 2, timeout=30)[already + 1]
    assert welcome["Subject"] == "You are registered: Worker webinar"
    method, calendar = calendar_of(welcome)
    [vevent] = calendar.walk("VEVENT")
    assert (method, str(vevent["UID"]), vevent["SEQUENCE"]) == ("REQUEST", event["uid"], 0)
    public_ics = browser.get(f"/events/{event['slug']}/calendar.ics").text
    assert f"UID:{event['uid']}" in public_ics and "WORKERSECRET" not in public_ics
    assert "WORKERSECRET" not in welcome.as_string()

    # The 24-hour reminder is not due for a day: nothing more arrives. Then its time comes.
    assert len(stack.inbox.messages) == already + 2
    moved = stack.python(DUE_NOW)
    assert moved["tasks"] == 1
    reminder = stack.inbox.wait_for(already + 3, timeout=30)[already + 2]
    assert reminder["Subject"] == "Reminder: Worker webinar"
    assert "Your time (Tongatapu): " in text_of(reminder)

    join = path_in(text_of(reminder), "/join/", stack.url)
    response = browser.get(join)
    assert (response.status, response.headers["Location"]) == (302, JOIN_URL)

    cancel = path_in(text_of(reminder), "/registrations/", stack.url)
    assert cancel.endswith("/cancel/")
    page = browser.get(cancel)
    assert browser.post(cancel, form_fields(page.text)).status == 200
    assert stack.python(COUNTS) == {"registrations": 0, "emails": 0, "joins": 0}
    assert browser.get(join).status == 404
