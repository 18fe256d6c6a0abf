"""Security headers on every kind of response: pages, errors, redirects, the admin, static
files; the CSP nonce; cookies; running behind a proxy."""

import datetime

import pytest
from django.http import HttpResponse
from django.template import engines
from django.test import Client, RequestFactory

from common.middleware import CSPMiddleware, security_headers
from tests.html_tags import find_tags

JSON_LD = "application/ld+json"

POLICY = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "form-action": "'self'",
    "base-uri": "'none'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "upgrade-insecure-requests": "",
}
PERMISSIONS = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
    "geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
COMMON = {
    "Permissions-Policy": PERMISSIONS,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains; preload",
}


def parse_policy(header):
    """A CSP header as {directive: sources}; django-csp does not keep the directives' order."""
    directives = (part.strip().partition(" ") for part in header.split(";"))
    return {name: value for name, _, value in directives}


@pytest.fixture
def pages(make_event, make_speaker, add_speaker, topic):
    event = make_event(
        slug="data",
        recording_url="https://example.org/rec",
        starts_in=-datetime.timedelta(days=7),
    )
    speaker = make_speaker()
    add_speaker(event, speaker)
    event.topics.add(topic)
    return {
        "home": ("/", 200),
        "list": ("/events/", 200),
        "event": (event.get_absolute_url(), 200),
        "speakers": ("/speakers/", 200),
        "speaker": (speaker.get_absolute_url(), 200),
        "topic": (topic.get_absolute_url(), 200),
        "not found": ("/events/no-such-webinar/", 404),
        "recording redirect": (f"/events/{event.slug}/recording/", 302),
        "admin login": ("/admin/login/", 200),
        "admin redirect": ("/admin/", 302),
    }


@pytest.mark.parametrize(
    "name",
    ["home", "list", "event", "speakers", "speaker", "topic", "not found",
     "recording redirect", "admin login", "admin redirect"],
)  # fmt: skip
def test_security_headers_on_every_response(client, pages, name):
    path, status = pages[name]

    response = client.get(path, secure=True)

    assert response.status_code == status
    assert {h: response.headers.get(h) for h in COMMON} == COMMON
    policy = parse_policy(response.headers["Content-Security-Policy"])
    # One policy for every page: the JSON-LD blocks (event, speaker) are data blocks, which
    # the CSP does not govern, so they need no nonce and the page can be cached whole.
    json_ld = [t for t in find_tags(response.text, "script") if t.get("type") == JSON_LD]
    assert policy == POLICY
    assert [sorted(t) for t in json_ld] == (
        [["tag", "type"]] if name in ("event", "speaker") else []
    )
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("name", ["home", "list", "event", "speaker"])
def test_security_headers_on_pages_served_from_the_page_cache(client, pages, name):
    """A cached page is answered before the security middleware, with its stored headers."""
    path, _ = pages[name]
    first = client.get(path, secure=True)

    cached = client.get(path, secure=True, HTTP_IF_NONE_MATCH='W/"other"')

    assert cached.status_code == 200
    assert cached["ETag"] == first["ETag"]  # from the cache
    assert {h: cached.headers.get(h) for h in COMMON} == COMMON
    assert parse_policy(cached.headers["Content-Security-Policy"]) == POLICY
    assert cached.headers["X-Frame-Options"] == "DENY"


def test_static_files_carry_the_headers_pages_carry(client, pages):
    """The header list WhiteNoise adds to static files is the one the middleware writes."""
    page = client.get(pages["home"][0], secure=True)

    headers = dict(security_headers())

    assert headers == {name: page.headers[name] for name in headers}
    assert set(COMMON) | {"Content-Security-Policy", "X-Frame-Options"} <= set(headers)


def test_security_headers_on_static_files(client, settings, db):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True

    response = client.get("/static/css/site.css", secure=True)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert {h: response.headers.get(h) for h in COMMON} == COMMON
    assert parse_policy(response.headers["Content-Security-Policy"]) == POLICY


def test_plain_http_request_is_redirected_to_https(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/events/?page=2")

    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/events/?page=2"
    assert "Strict-Transport-Security" not in response.headers  # only sent over https


def test_proxy_header_marks_request_secure(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    behind_proxy = client.get("/events/", headers={"X-Forwarded-Proto": "https"})
    spoofed_plain = client.get("/events/", headers={"X-Forwarded-Proto": "http"})

    assert behind_proxy.status_code == 200
    assert behind_proxy.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert spoofed_plain.status_code == 301


@pytest.mark.parametrize(
    ("trusted_origins", "origin", "status"),
    [
        (["https://webinars.example.org"], "https://webinars.example.org", 302),
        ([], "https://webinars.example.org", 403),
        (["https://webinars.example.org"], "https://evil.example.net", 403),
    ],
)
def test_csrf_trusted_origins_decide_proxied_admin_sign_in(
    settings, admin_user, trusted_origins, origin, status
):
    # The proxy answers for webinars.example.org and passes requests on to host "internal".
    settings.CSRF_TRUSTED_ORIGINS = trusted_origins
    settings.ALLOWED_HOSTS = ["internal"]
    csrf_client = Client(enforce_csrf_checks=True)
    page = csrf_client.get("/admin/login/", secure=True, HTTP_HOST="internal")
    form = {
        "username": "admin",
        "password": "password",
        "csrfmiddlewaretoken": page.cookies["csrftoken"].value,
    }

    response = csrf_client.post(
        "/admin/login/", form, secure=True, HTTP_HOST="internal", HTTP_ORIGIN=origin
    )

    assert response.status_code == status


def test_csrf_and_session_cookies_are_secure_and_httponly(client, admin_user):
    login_page = client.get("/admin/login/", secure=True)
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "password"}, secure=True
    )

    csrf = login_page.cookies["csrftoken"]
    session = response.cookies["sessionid"]
    assert response.status_code == 302
    assert (csrf["secure"], csrf["httponly"], csrf["samesite"]) == (True, True, "Lax")
    assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")


NONCE_TEMPLATE = (
    '<script type="application/ld+json"{% if request.csp_nonce %} '
    'nonce="{{ request.csp_nonce }}"{% endif %}>{}</script>'
)


def _through_csp(template_code):
    request = RequestFactory().get("/")
    template = engines["django"].from_string(template_code)
    middleware = CSPMiddleware(lambda r: HttpResponse(template.render({"request": r})))
    return middleware(request)


def test_nonce_reaches_header_and_json_ld_block_when_template_uses_it(db):
    response = _through_csp(NONCE_TEMPLATE)

    body = response.content.decode()
    nonce = body.split('nonce="')[1].split('"')[0]
    assert len(nonce) == 24  # 16 random bytes, base64
    policy = parse_policy(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == f"'self' 'nonce-{nonce}'"


def test_nonce_differs_per_response_and_is_absent_when_unused(db):
    first = _through_csp(NONCE_TEMPLATE).content
    second = _through_csp(NONCE_TEMPLATE).content
    unused = _through_csp("<p>No inline block.</p>")

    assert first != second
    assert parse_policy(unused.headers["Content-Security-Policy"])["script-src"] == "'self'"
