"""`manage.py backup` and `restore` round trips, on SQLite and on a PostgreSQL of our own.

Each test fills a site (the demo webinar, a staff account, an uploaded material), backs it
up, destroys the database and the media files, restores, and compares every row
(`dumpdata`) and every media byte with what was there before.
"""

import json
import shutil

import pytest

from .servers import manage, site_env

pytestmark = pytest.mark.servers

UPLOAD = b"%PDF-1.4\n% concept note \xe2\x80\x94 r\xc3\xa9silience\n"

ADD_MATERIAL = """
from django.core.files.base import ContentFile
from events.models import Event, Material
event = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")
material = Material(event=event, title="Concept note (backup test)")
material.file.save("concept-note.pdf", ContentFile(%r), save=True)
print(material.file.name)
"""


def _rows(env):
    dump = json.loads(manage(env, "dumpdata", "--indent", "0"))
    return sorted(dump, key=lambda row: (row["model"], str(row["pk"])))


def _fill(env):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_demo")
    manage(
        {**env, "DJANGO_SUPERUSER_PASSWORD": "backup-Test-pw-91"},
        "createsuperuser", "--noinput", "--username", "keeper", "--email", "k@example.org",
    )  # fmt: skip
    return manage(env, "shell", "-v", "0", "-c", ADD_MATERIAL % UPLOAD).strip().splitlines()[-1]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    """(environment, function that destroys the database) for each engine."""
    if request.param == "sqlite":
        database = tmp_path / "site.sqlite3"
        env = site_env(f"sqlite:///{database}", "locmemcache://", tmp_path)
        return env, database.unlink
    pg = request.getfixturevalue("pg")
    name = "webinar_site_backup"
    pg.psql(f"DROP DATABASE IF EXISTS {name}")
    pg.psql(f"CREATE DATABASE {name}")
    env = site_env(pg.url(name), "locmemcache://", tmp_path)

    def destroy():
        pg.psql(f"DROP DATABASE {name} WITH (FORCE)")
        pg.psql(f"CREATE DATABASE {name}")

    return env, destroy


def test_backup_then_restore_after_total_loss_gives_back_every_row_and_file(backend, tmp_path):
    env, destroy_database = backend
    media = tmp_path / "media"
    upload_name = _fill(env)
    before = _rows(env)
    backup_dir = tmp_path / "backup"

    made = manage(env, "backup", "--output", str(backup_dir))
    destroy_database()
    shutil.rmtree(media)
    restored = manage(env, "restore", "--noinput", str(backup_dir))

    assert "1 media files" in made
    assert "1 media files" in restored
    assert _rows(env) == before
    assert (media / upload_name).read_bytes() == UPLOAD
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert (manifest["rows"]["events.event"], manifest["rows"]["events.material"]) == (3, 1)
    assert manifest["media_files"] == 1


def test_restore_refuses_a_backup_of_another_engine(pg, tmp_path):
    sqlite_env = site_env(f"sqlite:///{tmp_path / 'a.sqlite3'}", "locmemcache://", tmp_path)
    manage(sqlite_env, "migrate", "--noinput", "-v0")
    manage(sqlite_env, "backup", "--output", str(tmp_path / "b"))
    pg.psql("CREATE DATABASE webinar_site_other")
    pg_env = site_env(pg.url("webinar_site_other"), "locmemcache://", tmp_path)

    with pytest.raises(AssertionError) as failure:
        manage(pg_env, "restore", "--noinput", str(tmp_path / "b"))

    assert "This backup is of a sqlite database; the site uses postgresql." in str(failure.value)


def test_backup_refuses_to_overwrite_an_existing_directory(tmp_path):
    env = site_env(f"sqlite:///{tmp_path / 'a.sqlite3'}", "locmemcache://", tmp_path)
    manage(env, "migrate", "--noinput", "-v0")
    (tmp_path / "taken").mkdir()

    with pytest.raises(AssertionError) as failure:
        manage(env, "backup", "--output", str(tmp_path / "taken"))

    assert "already exists; choose a new directory" in str(failure.value)
