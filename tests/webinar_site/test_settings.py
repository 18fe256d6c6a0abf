"""Settings read from the environment, checked in fresh processes (settings load once).

Each process gets only the variables given here, and ignores any developer's .env, so these
tests see the production defaults.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.common.conftest import SERVER_PORT

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
STRONG_SECRET = "t" * 20 + "-only-for-tests-" + "k" * 30  # 66 characters, 5+ unique

# Runs before Django: keeps the developer's .env (e.g. DJANGO_HTTPS=false) out of the test.
IGNORE_DOTENV = "import environ; environ.Env.read_env = lambda *a, **k: None; "


def run(code_or_args, env=None, timeout=60):
    """Run `python -c code` (str) or `python manage.py *args` (list) with only `env` set."""
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    if "DATABASE_URL" in os.environ:
        base["DATABASE_URL"] = os.environ["DATABASE_URL"]
    if isinstance(code_or_args, list):
        code = (
            IGNORE_DOTENV + "import sys, manage; sys.argv = ['manage.py', *sys.argv[1:]]; "
            "manage.main()"
        )
        argv = [PYTHON, "-c", code, *code_or_args]
    else:
        argv = [PYTHON, "-c", IGNORE_DOTENV + code_or_args]
    return subprocess.run(
        argv, cwd=ROOT, env={**base, **(env or {})}, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


PRINT_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "from django.urls import reverse; "
    "print(json.dumps({n: getattr(s, n) for n in ["
    "'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
    "'SECURE_HSTS_PRELOAD', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
    "'SESSION_COOKIE_HTTPONLY', 'CSRF_COOKIE_HTTPONLY', 'SECURE_PROXY_SSL_HEADER', "
    "'CSRF_TRUSTED_ORIGINS', 'PROXY_COUNT', 'AXES_FAILURE_LIMIT']} "
    "| {'csp': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['upgrade-insecure-requests'], "
    "'img': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'], "
    "'admin': reverse('admin:index')}))"
)


def settings_with(**env):
    result = run(
        PRINT_SETTINGS,
        {"DJANGO_SETTINGS_MODULE": "webinar_site.settings", "DJANGO_SECRET_KEY": "x", **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing_with_production_settings():
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"], {"DJANGO_SECRET_KEY": STRONG_SECRET}
    )

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_fails_with_a_weak_secret():
    result = run(["check", "--deploy", "--fail-level", "WARNING"], {"DJANGO_SECRET_KEY": "short"})

    assert result.returncode == 1
    assert "security.W009" in result.stderr


def test_defaults_are_https_with_hsts_and_secure_cookies():
    values = settings_with()

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "SECURE_PROXY_SSL_HEADER": None,
        "CSRF_TRUSTED_ORIGINS": [],
        "PROXY_COUNT": 0,
        "AXES_FAILURE_LIMIT": 5,
        "csp": True,
        "img": ["'self'"],
        "admin": "/admin/",
    }


def test_local_http_turns_off_what_needs_https_only():
    values = settings_with(DJANGO_HTTPS="false")

    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert (values["SESSION_COOKIE_SECURE"], values["CSRF_COOKIE_SECURE"]) == (False, False)
    assert (values["SESSION_COOKIE_HTTPONLY"], values["CSRF_COOKIE_HTTPONLY"]) == (True, True)
    assert values["csp"] is False


def test_proxy_admin_and_media_settings_come_from_the_environment():
    values = settings_with(
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://webinars.example.org,https://www.example.org",
        DJANGO_PROXY_COUNT="1",
        DJANGO_HSTS_SECONDS="600",
        DJANGO_HSTS_PRELOAD="false",
        DJANGO_ADMIN_URL="/back-office-7/",
        DJANGO_AXES_FAILURE_LIMIT="8",
        DJANGO_CSP_IMG_SRC="https://media.example.org",
    )

    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["CSRF_TRUSTED_ORIGINS"] == [
        "https://webinars.example.org",
        "https://www.example.org",
    ]
    assert (values["PROXY_COUNT"], values["AXES_FAILURE_LIMIT"]) == (1, 8)
    assert (values["SECURE_HSTS_SECONDS"], values["SECURE_HSTS_PRELOAD"]) == (600, False)
    assert values["admin"] == "/back-office-7/"
    assert values["img"] == ["'self'", "https://media.example.org"]


@pytest.mark.parametrize("command", [["check"], ["migrate", "--check"], ["runserver"]])
def test_manage_without_secret_key_refuses_with_one_clear_line(command):
    result = run(command, {"DJANGO_DEBUG": "false"})

    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Cannot start: DJANGO_SECRET_KEY is not set")
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_gunicorn_without_secret_key_stops_with_a_clear_message():
    env = {"PATH": os.environ["PATH"], "DJANGO_DEBUG": "false", "HOME": os.environ.get("HOME", "")}
    # gunicorn imports webinar_site.wsgi; a .env would be read there, so point at none.
    started = time.monotonic()
    result = subprocess.run(
        [PYTHON, "-c", IGNORE_DOTENV + "from gunicorn.app.wsgiapp import run; run()",
         "webinar_site.wsgi", "--bind", f"127.0.0.1:{SERVER_PORT + 1}", "--workers", "1"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode == 4  # gunicorn's "App failed to load": no endless restarts
    assert time.monotonic() - started < 30
    assert "Cannot start: DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr
