"""The admin's defences: django-axes lockout, the "Content editors" group."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db.models import F
from django.test import RequestFactory

from common.permissions import CONTENT_EDITORS, content_editor_codenames
from common.security import client_ip
from events.models import Event
from tests.html_tags import texts

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
    errors = texts(response.content, ".errornote")
    assert len(errors) == 1 and errors[0].startswith(
        "Please enter the correct username and password"
    )
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
        assert "There have been 5 failed sign-in attempts with this username" in html
        assert "from this network is blocked for 60 minutes after the last failed" in html
    assert "_auth_user_id" not in client.session


def test_failures_from_other_addresses_never_lock_the_owner_out(client, staff):
    """Five addresses trying one username must not keep its owner out (issue 9, item 10)."""
    for n in range(5):
        for _ in range(5):
            sign_in(client, "amina", "wrong", ip=f"198.51.100.{n}")

    attacker = sign_in(client, "amina", "right-pw-4821", ip="198.51.100.0")
    owner = sign_in(client, "amina", "right-pw-4821", ip="192.0.2.50")

    assert attacker.status_code == 429
    assert owner.status_code == 302


def test_lockout_is_per_username_and_address(client, staff, django_user_model):
    django_user_model.objects.create_user("bo", password="bo-pw-99213", is_staff=True)
    for _ in range(5):
        sign_in(client, "amina", "wrong", ip="203.0.113.9")

    locked = sign_in(client, "amina", "right-pw-4821", ip="203.0.113.9")
    colleague = sign_in(client, "bo", "bo-pw-99213", ip="203.0.113.9")

    assert locked.status_code == 429
    assert colleague.status_code == 302


def test_an_address_has_a_looser_limit_for_any_usernames(client, staff):
    responses = [sign_in(client, f"guess{n}", "wrong", ip="203.0.113.9") for n in range(20)]
    assert [r.status_code for r in responses] == [200] * 19 + [429]

    same_address = sign_in(client, "amina", "right-pw-4821", ip="203.0.113.9")
    other_address = sign_in(client, "amina", "right-pw-4821", ip="203.0.113.10")

    assert same_address.status_code == 429
    assert "or 20 with any usernames" in same_address.content.decode()
    assert other_address.status_code == 302


def test_attempts_during_a_lockout_do_not_prolong_it(client, staff):
    """One attempt an hour must not keep the lock on for ever: while locked, attempts are
    refused without being counted, so the lock ends an hour after the failures."""
    for _ in range(5):
        sign_in(client, "amina", "wrong")
    an_hour_ago = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=59)
    AccessAttempt.objects.update(attempt_time=an_hour_ago)

    assert sign_in(client, "amina", "wrong").status_code == 429  # still locked, not counted
    # Two minutes later (the clock moves every attempt's time back by as much):
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=2))

    assert sign_in(client, "amina", "right-pw-4821").status_code == 302


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
        sign_in(client, "amina", "wrong", ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")

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
        "kind": Event.Kind.WEBINAR,
        "sessions-0-start_0": "2031-03-04",
        "sessions-0-start_1": "09:00:00",
        "sessions-0-end_0": "2031-03-04",
        "sessions-0-end_1": "10:00:00",
        "timezone": "Africa/Nairobi",
        "status": Event.Status.SCHEDULED,
        "publication": Event.Publication.PUBLISHED,
        "languages": ["en"],
        "attendance_mode": Event.AttendanceMode.ONLINE,
    }
    for prefix in ("sessions", "organizers", "appearances", "agenda_items", "materials"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    data["sessions-TOTAL_FORMS"] = "1"

    response = client.post("/admin/events/event/add/", data)

    assert response.status_code == 302
    assert list(Event.objects.published().values_list("slug", flat=True)) == ["editors-at-work"]
