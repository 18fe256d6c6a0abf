"""Odd requests get a 4xx (or a plain answer), never a 500: unknown slugs, page numbers
that are huge or not numbers, broken query strings, bad Host headers, bytes that are not
UTF-8. The byte-level ones go to a real server on 127.0.0.1 through a raw socket."""

import socket

import pytest

from events.models import Event

ODD_GETS = [
    ("/events/no-such-webinar/", 404),
    ("/events/no-such-webinar/recording/", 404),
    ("/speakers/nobody-here/", 404),
    ("/topics/no-such-topic/", 404),
    ("/events/" + "a" * 5000 + "/", 404),
    ("/events/%FF%FE/", 404),
    ("/events/%00/", 400),
    ("/events/%2e%2e/%2e%2e/etc/passwd/", 404),
    ("/media/../webinar_site/settings.py", 404),
    ("/media/%2e%2e/webinar_site/settings.py", 404),
    ("/static/../webinar_site/settings.py", 404),
    ("/events/?page=99999999999999999999999999999999", 404),
    ("/events/?page=-1", 404),
    ("/events/?page=0", 404),
    ("/events/?page=abc", 404),
    ("/events/?page=1e3", 404),
    ("/events/?page=%00", 400),
    ("/events/?page=%FF", 404),
    ("/events/?page=1&page=99999", 404),
    ("/events/?page=last", 200),
    ("/speakers/?page=99999999999999999999", 404),
    ("/topics/digital-government/?page=2", 404),
    ("/events/?%", 200),
    ("/events/?a=%ZZ&b=%", 200),
    ("/events/?%FF%FE=%FE%FF", 200),
    ("/events/?=&=&&==", 200),
    ("/?page=" + "9" * 5000, 200),
    ("/events/?" + "&".join(f"f{n}=1" for n in range(1200)), 400),  # > 1000 fields
    ("/admin/events/event/?year=99999999999999999999", 200),
    ("/admin/events/event/?year=-5", 200),
    ("/admin/events/event/?start__year=abc", 302),
    ("/admin/events/event/?start__month=13&start__year=2021", 302),
    ("/admin/events/event/?o=999", 200),
    ("/admin/events/event/?o=abc", 200),
    ("/admin/events/event/?p=99999", 200),
    ("/admin/events/event/?q=%00", 400),
    ("/admin/events/event/?state__exact=%00", 400),
    ("/speakers/?page=a%00b", 400),  # a parameter the view reads; others are dropped
    ("/admin/events/event/?topics__id__exact=abc", 302),
    ("/admin/events/event/abc/change/", 302),
    ("/admin/events/event/999999999999999999999/change/", 302),
    ("/admin/speakers/speaker/?honorific__exact=%FF", 200),
]


@pytest.fixture
def odd_world(make_event, topic, editor):
    event = make_event(slug="known")
    event.topics.add(topic)


@pytest.mark.parametrize(("path", "status"), ODD_GETS)
def test_odd_get_gets_its_status_not_a_500(client, odd_world, editor, path, status):
    if path.startswith("/admin/"):
        client.force_login(editor)

    response = client.get(path)

    assert response.status_code == status


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("post", "/", 405),
        ("put", "/events/", 405),
        ("delete", "/events/known/", 405),
        ("patch", "/speakers/", 405),
        ("trace", "/events/", 405),
        ("options", "/events/", 200),
        ("head", "/events/known/", 200),
        ("post", "/events/known/recording/", 404),  # no recording yet
    ],
)
def test_unexpected_methods_are_refused(client, odd_world, method, path, status):
    response = getattr(client, method)(path)

    assert response.status_code == status


@pytest.mark.parametrize(
    "headers",
    [
        {"Accept-Language": ";;;,q=abc,\x7f"},
        {"Accept-Language": "xx-" + "a" * 500},
        {"Cookie": "sessionid=not-a-session; csrftoken=%FF%FE; django_language=../../x"},
        {"X-Forwarded-Proto": "gopher"},
        {"X-Forwarded-For": "not-an-address, 999.1.1.1"},
        {"If-Modified-Since": "yesterday"},
        {"Range": "bytes=99999999-1"},
    ],
)
def test_odd_headers_still_get_the_page(client, odd_world, headers):
    response = client.get("/events/known/", headers=headers)

    assert response.status_code == 200
    assert response.context["event"].slug == "known"


@pytest.mark.parametrize(
    "host",
    ["evil.example", "127.0.0.1:port", "[::1", "exa mple.org", "localhost\x00.evil", ""],
)
def test_bad_host_header_is_400(client, odd_world, host):
    response = client.get("/events/", HTTP_HOST=host)

    assert response.status_code == 400


def test_admin_login_with_odd_credentials_is_not_an_error(client, db):
    for username in ["\x00", "a" * 5000, "admin' OR '1'='1", "%FF", "é" * 200]:
        response = client.post("/admin/login/", {"username": username, "password": "x\x00y"})
        assert response.status_code == 200
        assert response.context["form"].errors


# Raw bytes through a real server ---------------------------------------------------------


def raw_request(server, request_line, headers=b"Host: 127.0.0.1\r\n"):
    """Send bytes as they are; return the status code of the answer (int)."""
    with socket.create_connection((server.host, server.port), timeout=10) as connection:
        connection.sendall(request_line + b"\r\n" + headers + b"Connection: close\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1])


@pytest.mark.parametrize(
    ("request_line", "status"),
    [
        (b"GET /events/\xff\xfe/ HTTP/1.1", 404),
        (b"GET /events/caf\xe9/ HTTP/1.1", 404),
        (b"GET /events/?page=\xff HTTP/1.1", 404),
        (b"GET /events/?\xff\xfe=\xc3\x28 HTTP/1.1", 200),
        (b"GET /speakers/\xc0\xaf/ HTTP/1.1", 404),
        (b"GET /events/\x00/ HTTP/1.1", 400),
        (b"GET /events/?page=1\x00 HTTP/1.1", 400),
        (b"GET /events/known/ HTTP/1.1", 200),
    ],
)
def test_non_utf8_bytes_in_path_and_query(http_server, request_line, status):
    Event.objects.create(
        slug="known", title="Known", summary="s", publication="published",
        start="2031-01-01T09:00Z", end="2031-01-01T10:00Z",
    )  # fmt: skip

    assert raw_request(http_server, request_line) == status


@pytest.mark.parametrize(
    "headers",
    [
        b"Host: evil.example\r\n",
        b"Host: \xff\xfe\r\n",
        b"Host: 127.0.0.1\r\nHost: evil.example\r\n",
        b"Host: 127.0.0.1:8310@evil.example\r\n",
    ],
)
def test_bad_host_bytes_through_a_real_server_are_400(http_server, headers):
    assert raw_request(http_server, b"GET /events/ HTTP/1.1", headers) == 400
