"""The registration form and the registrant's links: bad input, rate limits, caching, and
the meeting link never reaching an anonymous visitor."""

import pytest
from django.urls import reverse

from registrations.models import Email, Registration

from .pages import texts

pytestmark = pytest.mark.django_db


def register_url(event):
    return reverse("registrations:register", args=[event.slug])


def test_form_is_private_and_uncached(client, open_event):
    event = open_event()
    first = client.get(register_url(event), HTTP_COOKIE="tz=Asia/Tokyo")
    second = client.get(register_url(event), HTTP_COOKIE="tz=Asia/Tokyo")
    for response in (first, second):
        assert response.status_code == 200
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives
    # Each visitor gets a CSRF token of their own: the second answer was rendered afresh.
    assert "csrftoken" in second.cookies
    assert texts(first.content, "h1") == ["Register"]


def test_form_is_compressed_for_slow_connections(client, open_event):
    event = open_event()
    plain = client.get(register_url(event))
    packed = client.get(register_url(event), HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert len(packed.content) < len(plain.content) / 4
    assert "Accept-Encoding" in packed["Vary"]


def test_form_prefills_the_visitors_zone(client, open_event):
    event = open_event()
    response = client.get(register_url(event), HTTP_COOKIE="tz=Asia/Tokyo")
    form = response.content.decode().split('<form class="registration-form"')[1]
    form = form.split("</form>")[0]
    assert texts(form, "option", value="Asia/Tokyo", selected=None) == [
        "(UTC+9) Tokyo, Seoul, Dili"
    ]


def test_event_page_links_to_the_form(client, open_event):
    event = open_event()
    response = client.get(event.get_absolute_url())
    assert texts(response.content, "a", href=register_url(event), class_="button") == ["Register"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "Enter a valid email address."),
        ("email", "amina@example.org\r\nBcc: victim@example.net", "Enter a valid email address."),
        ("name", "Eve\r\nBcc: victim@example.net", "Write this on one line."),
        ("name", "Eve\nSubject: spam", "Write this on one line."),
        ("timezone", "Mars/Olympus", None),
        ("country", "XX", None),
        ("consent", "", "We need your agreement to register you."),
    ],
)
def test_bad_input_is_refused_with_a_message(client, open_event, form_data, field, value,
                                             message):  # fmt: skip
    event = open_event()
    form_data[field] = value
    response = client.post(register_url(event), form_data)
    assert response.status_code == 400
    errors = texts(response.content, "p", id=f"id_{field}_error")
    assert errors and (message is None or errors == [message])
    assert Registration.objects.count() == 0 and Email.objects.count() == 0
    # What was typed stays in the form.
    if field != "name":
        assert texts(response.content, "p", role="alert")


def test_flood_from_one_address_is_limited(client, settings, open_event, form_data):
    settings.REGISTRATION_RATE_PER_ADDRESS = 3
    event = open_event()
    for n in range(3):
        response = client.post(register_url(event), {**form_data, "email": f"p{n}@example.org"})
        assert response.status_code == 200
    response = client.post(register_url(event), {**form_data, "email": "late@example.org"})
    assert response.status_code == 429
    assert "Too many registrations" in texts(response.content, "p", role="alert")[0]
    assert [i["value"] for i in _inputs(response, "email")] == ["late@example.org"]
    assert Registration.objects.count() == 3


def test_one_email_address_is_limited(client, settings, open_event, form_data):
    settings.REGISTRATION_RATE_PER_EMAIL = 2
    event = open_event()
    statuses = [
        client.post(register_url(event), form_data, REMOTE_ADDR=f"10.0.0.{n}").status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    # Registering twice keeps one registration and sends the confirmation again.
    assert Registration.objects.count() == 1
    assert Email.objects.filter(kind=Email.Kind.CONFIRM).count() == 2


def _inputs(response, name):
    from tests.html_tags import find_tags

    return [t for t in find_tags(response.content.decode(), "input") if t.get("name") == name]


def test_closed_when_the_event_does_not_take_registrations(client, open_event, form_data):
    event = open_event(takes_registrations=False)
    response = client.post(register_url(event), form_data)
    assert response.status_code == 409
    assert Registration.objects.count() == 0
    assert texts(response.content, "p", role="alert") == [
        "This webinar does not take registrations on this site."
    ]


def test_draft_event_has_no_form(client, open_event):
    event = open_event(publication="draft", title="Secret draft")
    assert client.get(register_url(event)).status_code == 404


@pytest.mark.parametrize("status", ["pending", "waiting"])
def test_join_link_needs_a_confirmed_registration(client, open_event, status):
    event = open_event()
    registration = Registration.objects.create(event=event, name="A", email="a@example.org",
                                               country="KE", timezone="Africa/Nairobi",
                                               status=status)  # fmt: skip
    response = client.get(registration.join_path)
    assert response.status_code == 403
    assert event.join_url not in response.content.decode()
    assert Registration.objects.get().join_count == 0


def test_unknown_tokens_get_a_clear_answer(client):
    assert texts(client.get("/join/nope/").content, "h1") == ["No such registration"]
    assert client.get("/registrations/nope/cancel/").status_code == 404
    assert client.post("/registrations/nope/cancel/").status_code == 404
    assert client.get("/registrations/confirm/nope/").status_code == 400
