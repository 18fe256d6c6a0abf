"""Every page type's HTML passes the Nu HTML Checker (vnu) with no error.

vnu.jar comes from npm's `vnu-jar` (package.json, installed by `make test` into node_modules)
and runs on the machine's Java. It refuses loopback URLs, so it checks the HTML as the server
sends it, saved to files; one Java start checks all pages.
"""

import json
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

from .conftest import PAGE_TYPES

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files):
    """vnu's messages for the files, as a list of dicts (type, message, url, lastLine)."""
    java = shutil.which("java")
    assert java, "Java not found: run `make test` (it installs default-jre-headless)"
    assert VNU_JAR.exists(), f"{VNU_JAR} missing: run `make test` (npm ci installs vnu-jar)"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stderr)["messages"]


def test_every_page_type_is_valid_html(client, site_pages, tmp_path):
    files = []
    # English, and the right-to-left and the Chinese versions of each page.
    for prefix in ("", "/ar", "/zh-hans"):
        for page_type in PAGE_TYPES:
            response = client.get(prefix + site_pages[page_type.name])
            assert response.status_code == page_type.status
            path = tmp_path / f"{prefix.strip('/') or 'en'}-{page_type.name}.html"
            path.write_bytes(response.content)
            files.append(path)
    # A control with known errors, checked in the same run: proves the checker really ran.
    control = tmp_path / "control-invalid.html"
    control.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div></span>")

    messages = run_vnu([*files, control])

    errors = [
        f"{Path(m['url']).stem}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    assert [e for e in errors if not e.startswith("control-invalid:")] == []
    assert [e for e in errors if e.startswith("control-invalid:")] != []
