"""Back up and restore the site: the database plus the uploaded media files.

A backup is a directory holding
    manifest.json      what it contains: engine, creation time, rows per model, media files
    database.dump      PostgreSQL, from `pg_dump --format=custom` (restored by pg_restore), or
    database.sqlite3   SQLite, a consistent copy made with SQLite's online backup API
    media.tar.gz       every file under MEDIA_ROOT
Used by `manage.py backup` and `manage.py restore` (and so by `make backup` / `make restore`).
Errors are raised as `BackupError` with a message for the person running the command.
"""

import datetime
import glob
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    pass


def _engine(alias="default"):
    engine = settings.DATABASES[alias]["ENGINE"].rsplit(".", 1)[-1]
    if engine == "sqlite3":
        return "sqlite"
    if engine == "postgresql":
        return "postgresql"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def _pg_tool(name):
    """Path of pg_dump or pg_restore: on PATH, else Debian's versioned directory."""
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return found


def _pg_command(tool, db):
    """Command line and environment to point `tool` at the database settings `db`."""
    command = [_pg_tool(tool), "--no-password"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command += [option, str(db[key])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    if (db.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = db["OPTIONS"]["sslmode"]
    return command, env


def _run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def row_counts():
    """{"app_label.model": rows} for every installed model with a table."""
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def _media_files(root):
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def create_backup(directory):
    """Write a backup of the default database and MEDIA_ROOT into `directory` (created; it
    must not exist yet). Returns the manifest (dict)."""
    directory = Path(directory)
    if directory.exists():
        raise BackupError(f"{directory} already exists; choose a new directory.")
    directory.mkdir(parents=True)
    engine = _engine()
    db = settings.DATABASES["default"]
    target = directory / DATABASE_FILES[engine]
    if engine == "postgresql":
        command, env = _pg_command("pg_dump", db)
        _run([*command, "--format=custom", "--no-owner", "--file", str(target), db["NAME"]], env)
    else:
        source = sqlite3.connect(db["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)
        copy.close()
        source.close()

    media_root = Path(settings.MEDIA_ROOT)
    files = _media_files(media_root)
    with tarfile.open(directory / MEDIA_ARCHIVE, "w:gz") as archive:
        for path in files:
            archive.add(path, arcname=str(path.relative_to(media_root)))

    manifest = {
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "engine": engine,
        "database": target.name,
        "rows": row_counts(),
        "media_files": len(files),
        "media_bytes": sum(p.stat().st_size for p in files),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def read_manifest(directory):
    path = Path(directory) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{directory} is not a backup: it has no {MANIFEST}.")
    return json.loads(path.read_text())


def restore_backup(directory):
    """Replace the default database with the backup in `directory` and put its media files
    back under MEDIA_ROOT (files of the same name are overwritten, others kept). Checks the
    rows per model against the manifest afterwards. Returns the manifest."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; the site uses {engine}."
        )
    db = settings.DATABASES["default"]
    source = directory / manifest["database"]
    for connection in connections.all():
        connection.close()
    if engine == "postgresql":
        command, env = _pg_command("pg_restore", db)
        _run(
            [*command, "--clean", "--if-exists", "--no-owner", "--single-transaction",
             "--exit-on-error", "--dbname", db["NAME"], str(source)],
            env,
        )  # fmt: skip
    else:
        backup = sqlite3.connect(source)
        live = sqlite3.connect(db["NAME"])
        with live:
            backup.backup(live)
        live.close()
        backup.close()

    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(directory / MEDIA_ARCHIVE, "r:gz") as archive:
        if hasattr(tarfile, "data_filter"):
            archive.extractall(media_root, filter="data")
        else:  # Python < 3.10.12: refuse absolute or parent paths ourselves
            for member in archive.getmembers():
                if member.name.startswith("/") or ".." in Path(member.name).parts:
                    raise BackupError(f"Unsafe path in media archive: {member.name}")
            archive.extractall(media_root)  # noqa: S202 - members checked above

    counts = row_counts()
    differences = {
        label: (rows, counts.get(label))
        for label, rows in manifest["rows"].items()
        if counts.get(label) != rows
    }
    if differences:
        raise BackupError(f"Restored rows differ from the backup (expected, found): {differences}")
    return manifest
