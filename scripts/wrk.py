"""The project's one load driver: Debian's `wrk` (`make bench`, `make loadtest`).

`drive(url, paths, seconds, connections)` runs wrk against 127.0.0.1 for a bounded time, with
the headers of a browser that accepts gzip and Brotli, and returns its figures: a dict with
`requests`, `seconds` (wrk's own duration), `errors` (connect, read, write and timeout
errors plus responses with status >= 400), `rps`, `p50_ms`, `p90_ms`, `p99_ms`, `max_ms`
(wrk's own latency percentiles) and `bytes` (per response, headers included).
Several paths are requested in turn (a Lua `request()` hook); one path costs wrk nothing.

The Makefile installs wrk (`make ensure-wrk`) when it is missing.
"""

import json
import shutil
import subprocess
import tempfile
import urllib.parse
from pathlib import Path

HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Accept-Language": "en"}
MARKER = "WRK-FIGURES "

# done() runs after every thread has stopped and prints the figures as one JSON line.
REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '%s{"requests": %d, "errors": %d, "status_errors": %d, "duration_us": %d, "bytes": %d,'
    .. ' "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\\n',
    "MARKER", summary.requests, e.connect + e.read + e.write + e.timeout + e.status, e.status,
    summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
"""


def lua_script(paths, headers):
    """The Lua script for wrk: the headers, the paths in turn (if more than one), the report."""
    lines = [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in headers.items()]
    if len(paths) > 1:
        listed = ", ".join(json.dumps(p) for p in paths)
        lines += [
            f"local paths = {{{listed}}}",
            "local turn = 0",
            "request = function()",
            "  turn = turn % #paths + 1",
            "  return wrk.format(nil, paths[turn])",
            "end",
        ]
    return "\n".join(lines) + REPORT.replace("MARKER", MARKER)


def drive(url, paths, seconds, connections=16, threads=1, headers=HEADERS, timeout=10):
    """Load `url` (http://127.0.0.1:PORT) on `paths` for `seconds`; return the figures.

    Raises RuntimeError when wrk is missing or fails, ValueError for a non-loopback URL."""
    host = urllib.parse.urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"load goes only to this machine, not to {host}")
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk is not installed: run `make ensure-wrk` (Debian package wrk)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua_script(list(paths), headers))
    try:
        result = subprocess.run(
            [wrk, f"--threads={threads}", f"--connections={connections}",
             f"--duration={max(1, round(seconds))}s", f"--timeout={timeout}s",
             f"--script={script.name}", url.rstrip("/") + paths[0]],
            capture_output=True, text=True, timeout=seconds + timeout + 30,
        )  # fmt: skip
    finally:
        Path(script.name).unlink()
    for line in result.stdout.splitlines():
        if line.startswith(MARKER):
            raw = json.loads(line.removeprefix(MARKER))
            break
    else:
        raise RuntimeError(f"wrk failed ({result.returncode}): {result.stderr or result.stdout}")
    seconds_run = raw["duration_us"] / 1e6
    return {
        "requests": raw["requests"],
        "errors": raw["errors"],
        "status_errors": raw["status_errors"],
        "seconds": seconds_run,
        "rps": raw["requests"] / seconds_run if seconds_run else 0.0,
        "bytes": raw["bytes"] / raw["requests"] if raw["requests"] else 0,
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
    }
