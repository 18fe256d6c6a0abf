import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from registrations.models import Email, Registration

from .pages import texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="pw-staff-123", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["events", "registrations"])
    )
    client.force_login(user)
    return client


@pytest.fixture
def registrations(open_event):
    event = open_event(capacity=2)
    people = [
        ("Ana", "ana@example.org", "BO", "confirmed"),
        ("Bo", "bo@example.org", "VU", "confirmed"),
        ("Cy", "cy@example.org", "BO", "waiting"),
        ("Di", "di@example.org", "HT", "pending"),
    ]
    for name, email, country, status in people:
        Registration.objects.create(event=event, name=name, email=email, country=country,
                                    timezone="UTC", status=status)  # fmt: skip
    return event


def test_event_change_page_shows_counts(staff_client, registrations):
    url = reverse("admin:events_event_change", args=[registrations.pk])
    response = staff_client.get(url)
    assert texts(response.content, "span", class_="registration-counts") == [
        "2 confirmed, 1 on the wait list, 1 awaiting confirmation"
    ]


def test_changelist_filters_by_country(staff_client, registrations):
    url = reverse("admin:registrations_registration_changelist") + "?country=BO"
    response = staff_client.get(url)
    assert sorted(texts(response.content, "th", class_="field-name")) == ["Ana", "Cy"]


def test_csv_export(staff_client, registrations):
    url = reverse("admin:registrations_registration_changelist")
    chosen = Registration.objects.filter(status="confirmed")
    response = staff_client.post(
        url, {"action": "export_csv", "_selected_action": [r.pk for r in chosen]}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted((r["name"], r["email"], r["country"]) for r in rows) == [
        ("Ana", "ana@example.org", "BO"),
        ("Bo", "bo@example.org", "VU"),
    ]


def test_csv_export_defuses_formulas(staff_client, open_event):
    event = open_event()
    Registration.objects.create(event=event, name="=HYPERLINK(1)", email="x@example.org",
                                country="BO", timezone="UTC")  # fmt: skip
    response = staff_client.post(
        reverse("admin:registrations_registration_changelist"),
        {"action": "export_csv", "_selected_action": [Registration.objects.get().pk]},
    )
    [row] = csv.DictReader(io.StringIO(response.content.decode()))
    assert row["name"] == "'=HYPERLINK(1)"


def test_message_all_registrants_queues_one_email_each(staff_client, registrations):
    url = reverse("admin:events_event_message", args=[registrations.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(url, {"subject": "Slides\r\nBcc: x@y.z", "body": "See you."})
    assert response.status_code == 302
    sent = Email.objects.filter(kind=Email.Kind.MESSAGE)
    assert sorted(e.registration.name for e in sent) == ["Ana", "Bo"]
    assert {e.subject for e in sent} == {"Slides Bcc: x@y.z"}


def test_registrations_hidden_from_anonymous_and_editors_without_permission(
    editor_client, registrations
):
    from django.test import Client

    url = reverse("admin:registrations_registration_changelist")
    assert Client().get(url).status_code == 302
    assert editor_client.get(url).status_code == 403
