"""Fixtures for tests that run the site on real servers (marked `servers`).

One PostgreSQL and one Redis of their own, started once per test run, and two gunicorn
instances of the site sharing them, as behind a load balancer. `make test` runs these
tests in a pass of their own (`pytest -m servers`).
"""

import shutil

import pytest

from .servers import Gunicorn, Postgres, Redis, manage, postgres_bin_dir, site_env

STAFF_USER = "ops-admin"
STAFF_PASSWORD = "ops-admin-Pw-8e1f-long"
DEMO_SLUG = "smart-cities-urban-digital-transformation-2021"


@pytest.fixture(scope="session")
def pg():
    if postgres_bin_dir() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    server = Postgres().start()
    yield server
    server.destroy()


@pytest.fixture(scope="session")
def redis_server():
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    server = Redis().start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site(pg, redis_server, tmp_path_factory):
    """The environment of a production-like site: a migrated PostgreSQL database holding
    the demo webinar and a superuser, the shared Redis cache, collected static files."""
    root = tmp_path_factory.mktemp("site")
    pg.psql("CREATE DATABASE webinar_site_ops")
    env = site_env(pg.url("webinar_site_ops"), redis_server.url, root)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": STAFF_PASSWORD},
        "createsuperuser", "--noinput", "--username", STAFF_USER, "--email", "ops@example.org",
    )  # fmt: skip
    env["OPS_TEST_ROOT"] = str(root)
    return env


@pytest.fixture(scope="session")
def instances(site, tmp_path_factory):
    """Two gunicorn instances (two workers each) of the same site on two ports."""
    logs = tmp_path_factory.mktemp("gunicorn")
    first = Gunicorn(site, logs / "a.log")
    second = Gunicorn(site, logs / "b.log")
    try:
        first.start()
        second.start()
        yield first, second
    finally:
        first.stop()
        second.stop()
