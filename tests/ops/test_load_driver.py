"""The one load driver (scripts/wrk.py, Debian's wrk) and the server CPU figure."""

import shutil
import subprocess
import sys

import pytest
from django.urls import reverse

from scripts.wrk import drive, lua_script

from .servers import process_cpu_seconds

needs_wrk = pytest.mark.skipif(
    shutil.which("wrk") is None, reason="needs Debian's wrk (make ensure-wrk)"
)


def test_lua_script_takes_paths_in_turn_and_sends_browser_headers():
    script = lua_script(["/a/", "/b/"], {"Accept-Encoding": "br"})

    assert 'wrk.headers["Accept-Encoding"] = "br"' in script.splitlines()
    assert 'local paths = {"/a/", "/b/"}' in script.splitlines()
    assert "request = function()" not in lua_script(["/a/"], {})


# One connection: the live server's threads share the test's one in-memory SQLite
# connection, and two requests running SQL on it at once hung a CI run (4 December).
@needs_wrk
def test_drive_loads_the_site_and_reports_wrk_figures(live_server, local_http, make_event):
    event = make_event(title="Load me")
    paths = [reverse("events:list"), event.get_absolute_url()]

    figures = drive(live_server.url, paths, seconds=1, connections=1)

    assert figures["requests"] > 0
    assert figures["errors"] == 0
    assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    assert figures["rps"] == pytest.approx(figures["requests"] / figures["seconds"])


@needs_wrk
def test_drive_counts_error_statuses(live_server, local_http, db):
    figures = drive(live_server.url, ["/events/no-such-webinar/"], seconds=1, connections=1)

    assert figures["requests"] > 0
    assert figures["errors"] == figures["status_errors"] == figures["requests"]


def test_drive_sends_load_only_to_this_machine():
    with pytest.raises(ValueError, match="only to this machine"):
        drive("http://example.org", ["/"], seconds=1)


BUSY_CHILD = "import time; t = time.process_time()\nwhile time.process_time() - t < 0.3: pass"
PARENT = f"""
import subprocess, sys
subprocess.run([sys.executable, "-c", {BUSY_CHILD!r}])
print("child reaped", flush=True)
sys.stdin.readline()
"""


def test_process_cpu_seconds_counts_children_that_have_exited():
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout.readline() == "child reaped\n"
        used = process_cpu_seconds(parent.pid)
    finally:
        parent.communicate("\n", timeout=10)

    assert used >= 0.3


def test_process_cpu_seconds_of_missing_process_is_none():
    assert process_cpu_seconds(2**22 + 1) is None
