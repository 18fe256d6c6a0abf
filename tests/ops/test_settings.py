"""The production stack's settings, read by a fresh process from a given environment."""

import json
import subprocess

import pytest

from .servers import BASE_DIR, PYTHON, site_env

PRINT_SETTINGS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "cache": settings.CACHES["default"],
    "db": {k: db.get(k) for k in ("ENGINE", "CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "OPTIONS")},
    "session": settings.SESSION_ENGINE,
}))
"""


def _settings(tmp_path, database_url, cache_url, **extra):
    env = site_env(database_url, cache_url, tmp_path)
    env.pop("DJANGO_CONN_MAX_AGE")  # the settings' own default unless a test gives one
    env.update(extra)
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-v", "0", "-c", PRINT_SETTINGS],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_cache_url_selects_django_redis_that_ignores_outages(tmp_path):
    loaded = _settings(
        tmp_path, "sqlite:///x.sqlite3", "redis://cache.internal:6379/1?socket_timeout=2"
    )

    assert loaded["cache"] == {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 2},
    }


@pytest.mark.parametrize(
    ("database_url", "conn_max_age", "options"),
    [
        ("postgres://u:p@db.internal:5432/site", None, {"connect_timeout": 5}),
        ("postgres://u:p@db.internal:5432/site?connect_timeout=2", "0", {"connect_timeout": 2}),
        ("sqlite:///x.sqlite3", None, {"transaction_mode": "IMMEDIATE", "timeout": 20}),
    ],
)
def test_database_connections_persist_with_health_checks(
    tmp_path, database_url, conn_max_age, options
):
    extra = {"DJANGO_CONN_MAX_AGE": conn_max_age} if conn_max_age else {}

    loaded = _settings(tmp_path, database_url, "locmemcache://", **extra)

    expected_age = int(conn_max_age) if conn_max_age else 60
    assert loaded["db"]["CONN_MAX_AGE"] == expected_age
    assert loaded["db"]["CONN_HEALTH_CHECKS"] is True
    assert loaded["db"]["OPTIONS"] == options
    assert loaded["session"] == "django.contrib.sessions.backends.db"
