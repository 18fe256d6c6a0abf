"""The admin's defences: django-axes lockout, the "Content editors" group."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import RequestFactory

from common.permissions import CONTENT_EDITORS, content_editor_codenames
from common.security import client_ip
from events.models import Event

LOGIN = "/admin/login/"


def sign_in(client, username, password, ip="203.0.113.7", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, secure=True, REMOTE_ADDR=ip, **headers
    )


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "amina", password="right-pw-4821", is_staff=True, is_superuser=True
    )


def test_wrong_password_shows_the_admin_error_before_the_limit(client, staff):
    response = sign_in(client, "amina", "wrong")

    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    assert AccessAttempt.objects.get(username="amina").failures_since_start == 1


def test_lockout_after_five_failures_refuses_even_the_right_password(client, staff):
    for _ in range(4):
        assert sign_in(client, "amina", "wrong").status_code == 200

    fifth = sign_in(client, "amina", "wrong")
    right_password = sign_in(client, "amina", "right-pw-4821")

    for response in (fifth, right_password):
        html = response.content.decode()
        assert response.status_code == 429
        assert "Sign-in blocked" in html
        assert "There have been 5 failed sign-in attempts" in html
        assert "signing in is blocked for 60 minutes after the last failed attempt" in html
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_from_any_address(client, staff, django_user_model):
    django_user_model.objects.create_user("bo", password="bo-pw-99213", is_staff=True)
    for n in range(5):
        sign_in(client, "amina", "wrong", ip=f"198.51.100.{n}")

    locked = sign_in(client, "amina", "right-pw-4821", ip="192.0.2.50")
    other_user = sign_in(client, "bo", "bo-pw-99213", ip="192.0.2.51")

    assert locked.status_code == 429
    assert other_user.status_code == 302


def test_lockout_is_per_address_for_any_username(client, staff):
    for n in range(5):
        sign_in(client, f"guess{n}", "wrong", ip="203.0.113.9")

    same_address = sign_in(client, "amina", "right-pw-4821", ip="203.0.113.9")
    other_address = sign_in(client, "amina", "right-pw-4821", ip="203.0.113.10")

    assert same_address.status_code == 429
    assert other_address.status_code == 302


def test_lockout_ends_after_the_cool_off(client, staff):
    for _ in range(5):
        sign_in(client, "amina", "wrong")
    # Age the attempts past the one-hour cool-off (plus a minute).
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=61)
    )

    response = sign_in(client, "amina", "right-pw-4821")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_lockout_lifted_by_axes_reset_username(client, staff):
    for _ in range(5):
        sign_in(client, "amina", "wrong")

    call_command("axes_reset_username", "amina", verbosity=0)
    call_command("axes_reset_ip", "203.0.113.7", verbosity=0)

    assert sign_in(client, "amina", "right-pw-4821").status_code == 302


def test_behind_a_proxy_each_client_address_counts_separately(client, staff, settings):
    settings.PROXY_COUNT = 1
    for _ in range(5):
        sign_in(client, f"x{_}", "wrong", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")

    attacker = sign_in(
        client, "amina", "right-pw-4821", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66"
    )
    colleague = sign_in(
        client, "amina", "right-pw-4821", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.8"
    )

    assert attacker.status_code == 429
    assert colleague.status_code == 302


@pytest.mark.parametrize(
    ("proxy_count", "forwarded_for", "expected"),
    [
        (0, "1.1.1.1", "10.0.0.2"),  # no proxy: the header is the client's own, ignored
        (1, "1.1.1.1", "1.1.1.1"),
        (1, "6.6.6.6, 1.1.1.1", "1.1.1.1"),  # a spoofed entry on the left is ignored
        (2, "6.6.6.6, 1.1.1.1, 172.16.0.3", "1.1.1.1"),
        (2, "1.1.1.1", "10.0.0.2"),  # fewer entries than proxies: not trusted
        (1, "", "10.0.0.2"),
        (1, " , ", "10.0.0.2"),
    ],
)
def test_client_ip_trusts_only_our_proxies(settings, proxy_count, forwarded_for, expected):
    settings.PROXY_COUNT = proxy_count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)

    assert client_ip(request) == expected


# The "Content editors" group -------------------------------------------------------------


def _codenames(permissions):
    return {(p.content_type.app_label, p.codename) for p in permissions}


def test_content_editors_group_exists_after_migrate_with_exactly_content_permissions(db):
    group = Group.objects.get(name=CONTENT_EDITORS)

    assert _codenames(group.permissions.all()) == content_editor_codenames()
    assert len(content_editor_codenames()) == 28  # 7 models x add/change/delete/view
    assert not group.permissions.filter(
        content_type__app_label__in=["auth", "axes", "admin"]
    ).exists()


def test_sync_content_editors_command_puts_permissions_back(db, capsys):
    group = Group.objects.get(name=CONTENT_EDITORS)
    group.permissions.remove(Permission.objects.get(codename="change_event"))
    group.permissions.add(Permission.objects.get(codename="change_user"))

    call_command("sync_content_editors")

    assert _codenames(group.permissions.all()) == content_editor_codenames()
    assert capsys.readouterr().out.startswith("“Content editors” has 28 permissions.")


@pytest.fixture
def content_editor(client, django_user_model):
    user = django_user_model.objects.create_user("editor2", password="pw-7781xx", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/", 200),
        ("/admin/events/event/add/", 200),
        ("/admin/events/topic/add/", 200),
        ("/admin/speakers/speaker/add/", 200),
        ("/admin/auth/user/", 403),
        ("/admin/auth/group/", 403),
        ("/admin/axes/accessattempt/", 403),
    ],
)
def test_content_editor_reaches_content_but_not_accounts(client, content_editor, path, status):
    assert client.get(path).status_code == status


def test_content_editor_can_create_and_publish_an_event(client, content_editor):
    data = {
        "title_en": "Editors at work",
        "slug": "editors-at-work",
        "summary_en": "Made by a content editor.",
        "start_0": "2031-03-04",
        "start_1": "09:00:00",
        "end_0": "2031-03-04",
        "end_1": "10:00:00",
        "timezone": "Africa/Nairobi",
        "status": Event.Status.SCHEDULED,
        "publication": Event.Publication.PUBLISHED,
        "organizer_en": "UN DESA",
        "languages": ["en"],
        "attendance_mode": Event.AttendanceMode.ONLINE,
    }
    for prefix in ("appearances", "agenda_items", "materials"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}

    response = client.post("/admin/events/event/add/", data)

    assert response.status_code == 302
    assert list(Event.objects.published().values_list("slug", flat=True)) == ["editors-at-work"]
