import subprocess
import sys

import pytest
from django.urls import reverse

from ops.loadtest import Sample, probe_paths, run_load, server_cpu_seconds, summarize


def test_summarize_counts_errors_and_takes_nearest_rank_percentiles():
    samples = [Sample(0.0, ms / 1000, "/events/", 200) for ms in range(1, 98)]
    samples += [
        Sample(0.0, 0.098, "/x/", 404),
        Sample(0.0, 0.099, "/y/", 500),
        Sample(0.0, 0.100, "/y/", None, "ServerDisconnectedError"),
    ]

    figures = summarize(samples, duration=10)

    assert (figures["requests"], figures["errors"], figures["rps"]) == (100, 3, 10.0)
    assert (figures["p50_ms"], figures["p99_ms"], figures["max_ms"]) == pytest.approx((50, 99, 100))
    assert figures["statuses"] == {"200": 97, "404": 1, "500": 1, "ServerDisconnectedError": 1}
    assert figures["by_path"] == {"/events/": 97, "/x/": 1, "/y/": 2}


def test_run_load_drives_every_path_and_probe_skips_missing_ones(
    live_server, local_http, make_event
):
    event = make_event(title="Load me")
    paths = [reverse("events:list"), event.get_absolute_url(), "/events/no-such/calendar.ics"]

    kept, missing = probe_paths(live_server.url, paths)
    samples = run_load(live_server.url, kept, clients=3, duration=1.0)
    figures = summarize(samples, 1.0)

    assert (kept, missing) == (paths[:2], paths[2:])
    assert figures["errors"] == 0
    assert set(figures["by_path"]) == set(kept)
    assert figures["statuses"] == {"200": figures["requests"]}


def test_run_load_needs_a_path():
    with pytest.raises(ValueError, match="at least one path"):
        run_load("http://127.0.0.1:1", [])


BUSY_CHILD = "import time; t = time.process_time()\nwhile time.process_time() - t < 0.3: pass"
PARENT = f"""
import subprocess, sys
subprocess.run([sys.executable, "-c", {BUSY_CHILD!r}])
print("child reaped", flush=True)
sys.stdin.readline()
"""


def test_server_cpu_seconds_counts_children_that_have_exited():
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert parent.stdout.readline() == "child reaped\n"
        used = server_cpu_seconds(parent.pid)
    finally:
        parent.communicate("\n", timeout=10)

    assert used >= 0.3


def test_server_cpu_seconds_of_missing_process_is_none():
    assert server_cpu_seconds(2**22 + 1) is None
