"""A bounded HTTP load driver for the site (`make loadtest`).

    python -m ops.loadtest --serve 127.0.0.1:8350 --clients 50 --duration 30 \\
        --path /events/ --path /events/<slug>/ --path /events/<slug>/calendar.ics

`--serve ADDRESS` starts gunicorn with gunicorn.conf.py on ADDRESS (its log goes to a
temporary file), waits for /healthz, loads it and stops it; `--url` loads a site that is
already running instead.

Each of `clients` concurrent clients (asyncio tasks sharing one aiohttp session) requests
the paths in turn until `duration` seconds have passed; a request still running then is
cut off by its own `timeout`, so a run lasts at most duration + timeout seconds. Before the
run every path is fetched once: a path that answers 404 (a page not built yet) is skipped
and named in the report. The report gives requests, errors (an exception or a status of
400 or more), requests per second and latency percentiles in milliseconds; the exit status
is 1 when there was any error.

Needs aiohttp (requirements-dev.txt). Send load only to this machine (127.0.0.1, [::1]).
The fault tests (tests/ops/) reuse `run_load` and `summarize`.
"""

import argparse
import asyncio
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import aiohttp


@dataclass(frozen=True)
class Sample:
    """One request: when it `started` (a time.monotonic() reading), `seconds` it took, `path`,
    and either the HTTP `status` or the `error` (exception class name) that replaced it."""

    started: float
    seconds: float
    path: str
    status: int | None
    error: str | None = None

    @property
    def failed(self):
        return self.error is not None or self.status >= 400


async def _client(session, base_url, paths, offset, deadline, stop, samples):
    turn = offset
    while time.monotonic() < deadline and not (stop and stop.is_set()):
        path = paths[turn % len(paths)]
        turn += 1
        start = time.monotonic()
        try:
            async with session.get(base_url + path, allow_redirects=False) as response:
                await response.read()
                status, error = response.status, None
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as exc:
            status, error = None, type(exc).__name__
            await asyncio.sleep(0.05)  # a refused connection returns at once; do not spin
        samples.append(Sample(start, time.monotonic() - start, path, status, error))


async def _run(base_url, paths, clients, duration, timeout, stop):
    samples = []
    connector = aiohttp.TCPConnector(limit=clients, force_close=False)
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(connector=connector, timeout=client_timeout) as session:
        deadline = time.monotonic() + duration
        await asyncio.gather(
            *(_client(session, base_url, paths, n, deadline, stop, samples) for n in range(clients))
        )
    return samples


def run_load(base_url, paths, clients=50, duration=30.0, timeout=10.0, stop=None):
    """Drive `paths` on `base_url` (e.g. "http://127.0.0.1:8350") with `clients` concurrent
    clients for `duration` seconds, or until the threading.Event `stop` is set if that comes
    first; return the list of `Sample`s in completion order."""
    if not paths:
        raise ValueError("run_load needs at least one path")
    return asyncio.run(_run(base_url.rstrip("/"), list(paths), clients, duration, timeout, stop))


def probe_paths(base_url, paths, timeout=10.0):
    """Fetch each path once; return (paths to keep, paths that answered 404)."""

    async def probe():
        keep, missing = [], []
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as s:
            for path in paths:
                async with s.get(base_url.rstrip("/") + path, allow_redirects=False) as r:
                    await r.read()
                    (missing if r.status == 404 else keep).append(path)
        return keep, missing

    return asyncio.run(probe())


def _percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def summarize(samples, duration):
    """Figures for a run: a dict with requests, errors, rps, and p50/p90/p99/max in ms,
    plus `by_path` (requests per path) and `statuses` (count per status or error name)."""
    latencies = sorted(s.seconds * 1000 for s in samples)
    statuses = {}
    by_path = {}
    for s in samples:
        key = str(s.status) if s.error is None else s.error
        statuses[key] = statuses.get(key, 0) + 1
        by_path[s.path] = by_path.get(s.path, 0) + 1
    return {
        "requests": len(samples),
        "errors": sum(s.failed for s in samples),
        "rps": len(samples) / duration if duration else 0.0,
        "p50_ms": _percentile(latencies, 0.50),
        "p90_ms": _percentile(latencies, 0.90),
        "p99_ms": _percentile(latencies, 0.99),
        "max_ms": latencies[-1] if latencies else 0.0,
        "mean_ms": statistics.fmean(latencies) if latencies else 0.0,
        "statuses": dict(sorted(statuses.items())),
        "by_path": by_path,
    }


@contextlib.contextmanager
def serve(address, startup_timeout=60):
    """Run gunicorn (gunicorn.conf.py, this Python) on `address` ("host:port") while the
    block runs; yield (base URL, Popen). Raise RuntimeError if /healthz does not answer 200."""
    base_dir = Path(__file__).resolve().parent.parent
    log = tempfile.NamedTemporaryFile(prefix="loadtest-gunicorn-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", address,
         "webinar_site.wsgi"],
        cwd=base_dir, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://{address}"
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            try:
                with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start on {address}; see {log.name}")
            time.sleep(0.2)
        print(f"gunicorn on {url} (log: {log.name})")
        yield url, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="base URL of a running site, e.g. http://127.0.0.1:8350")
    where.add_argument("--serve", metavar="HOST:PORT", help="start gunicorn there and load it")
    parser.add_argument("--path", action="append", required=True, help="repeat for each page")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    args = parser.parse_args(argv)
    if not args.serve:
        return 1 if _load(args.url, args)["errors"] else 0
    with serve(args.serve) as (url, process):
        before = server_cpu_seconds(process.pid)
        figures = _load(url, args)
        after = server_cpu_seconds(process.pid)
    if figures["requests"] and before is not None and after is not None:
        # CPU time per request: a figure that other load on the machine hardly changes.
        cpu = after - before
        per_request = 1000 * cpu / figures["requests"]
        print(f"server CPU {cpu:.1f} s in all, {per_request:.2f} ms per request")
    return 1 if figures["errors"] else 0


def server_cpu_seconds(pid):
    """User + system CPU seconds used so far by process `pid` (gunicorn's master), its live
    children (the workers) and its children that have exited (recycled workers); None where
    /proc cannot tell (not Linux)."""

    def times(process_id, fields):
        try:
            stat = Path(f"/proc/{process_id}/stat").read_text()
        except OSError:
            return 0
        values = stat.rsplit(")", 1)[1].split()  # fields from 3 on; the name may hold spaces
        return sum(int(values[n - 3]) for n in fields)

    if not Path(f"/proc/{pid}/stat").exists():
        return None
    ticks = times(pid, (14, 15, 16, 17))
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            ticks += times(child, (14, 15, 16, 17))
    return ticks / os.sysconf("SC_CLK_TCK")


def _load(url, args):
    """Probe, load and print the figures; return them (see `summarize`)."""
    paths, missing = probe_paths(url, args.path, args.timeout)
    for path in missing:
        print(f"skipped {path}: it answers 404 (not built yet?)")
    if not paths:
        print("no path left to load", file=sys.stderr)
        return {"requests": 0, "errors": 1}
    print(f"{args.clients} clients for {args.duration:g} s on {url}: {', '.join(paths)}")
    samples = run_load(url, paths, args.clients, args.duration, args.timeout)
    figures = summarize(samples, args.duration)
    print(
        "requests {requests}  errors {errors}  rps {rps:.1f}  p50 {p50_ms:.1f} ms  "
        "p90 {p90_ms:.1f} ms  p99 {p99_ms:.1f} ms  max {max_ms:.1f} ms".format(**figures)
    )
    print("statuses", figures["statuses"])
    print("per path", figures["by_path"])
    return figures


if __name__ == "__main__":
    sys.exit(main())
