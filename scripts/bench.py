"""`make bench`: how many requests per second the site answers on this machine.

Sets up a throwaway copy of the site (SQLite database with the demo webinar, static files
collected as in production) in a temporary folder, serves it with gunicorn on loopback, and
drives it with a small asyncio HTTP/1.1 client for a bounded time per target:

- the event page, the event list and the event's .ics (skipped, with a note, when this
  version of the site has no calendar URL), as an anonymous visitor whose browser accepts
  gzip and Brotli;
- the event page through Varnish (ops/varnish/default.vcl via ops.varnishd, on a spare
  loopback port in front of the same gunicorn), when varnishd is installed;
- the ceiling: a static file served by WhiteNoise with the same bytes as the event page (and
  its gzip/Brotli twins), so both answers weigh the same on the wire.

Prints requests/s and p50/p99 latency per target and the event page / static file ratio.
Every request goes to 127.0.0.1; the run stops by itself after --seconds per target.

Environment: CACHE_URL (default locmemcache://) picks the cache, e.g. redis://127.0.0.1:6379/9.
"""

import argparse
import asyncio
import gzip
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
ACCEPT_ENCODING = "gzip, deflate, br"
TWIN = "bench/event-page.html"  # under STATIC_ROOT


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env):
    """Migrate, load the demo, collect static files and write the static twin of the event
    page. Returns {target name: path or None}."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    from events.models import Event

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("collectstatic", "--noinput", verbosity=0)
    event = Event.objects.get(slug="smart-cities-urban-digital-transformation-2021")

    targets = {"event page": event.get_absolute_url(), "event list": reverse("events:list")}
    try:
        targets["event .ics"] = reverse("events:calendar", kwargs={"slug": event.slug})
    except NoReverseMatch:
        targets["event .ics"] = None

    page = Client().get(event.get_absolute_url())
    assert page.status_code == 200, page.status_code
    twin = Path(settings.STATIC_ROOT) / TWIN
    twin.parent.mkdir(parents=True, exist_ok=True)
    twin.write_bytes(page.content)
    twin.with_name(twin.name + ".gz").write_bytes(gzip.compress(page.content, 9, mtime=0))
    twin.with_name(twin.name + ".br").write_bytes(
        brotli.compress(page.content, mode=brotli.MODE_TEXT, quality=11)
    )
    targets["static file (ceiling)"] = settings.STATIC_URL + TWIN
    return targets


async def fetch(port, path, reader_writer):
    """One GET; returns (status, body bytes, reader_writer to reuse or None)."""
    if reader_writer is None:
        reader_writer = await asyncio.open_connection("127.0.0.1", port)
    reader, writer = reader_writer
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: {ACCEPT_ENCODING}\r\n"
        "Accept-Language: en\r\nConnection: keep-alive\r\n\r\n".encode()
    )
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:
        body = await reader.read()  # until the server closes
        headers["connection"] = "close"
    if headers.get("connection", "").lower() == "close":
        writer.close()
        reader_writer = None
    return status, body, reader_writer


async def drive(port, path, seconds, connections):
    """Requests from `connections` loops for `seconds`; returns (latencies in s, errors, size)."""
    latencies, errors, sizes = [], [], set()
    deadline = time.perf_counter() + seconds

    async def loop():
        conn = None
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                status, body, conn = await asyncio.wait_for(fetch(port, path, conn), 10)
            except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError) as error:
                errors.append(repr(error))
                conn = None
                continue
            if status != 200:
                errors.append(f"HTTP {status}")
                continue
            latencies.append(time.perf_counter() - started)
            sizes.add(len(body))

    await asyncio.gather(*(loop() for _ in range(connections)))
    return latencies, errors, sizes


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()}; load average before the run: {load}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="per target (default 10)")
    parser.add_argument("--rounds", type=int, default=5, help="turns each target takes")
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=0, help="default: a free loopback port")
    args = parser.parse_args()

    port = args.port or free_port()
    tmp = Path(tempfile.mkdtemp(prefix="webinar-bench-"))
    env = {
        "DJANGO_SETTINGS_MODULE": "webinar_site.settings",
        "DJANGO_SECRET_KEY": "bench-only-not-secret",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DATABASE_URL": f"sqlite:///{tmp / 'bench.sqlite3'}",
        "CACHE_URL": os.environ.get("CACHE_URL", "locmemcache://"),
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    targets = prepare(env)
    ports = {}  # target name -> port, for targets not served by gunicorn itself
    from ops.varnishd import Varnish

    varnish = None
    if shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists():
        varnish = Varnish([("127.0.0.1", port)]).start()
        ports["event page through Varnish"] = varnish.port
        targets = {
            shown: path
            for name, path in targets.items()
            for shown in ([name, "event page through Varnish"] if name == "event page" else [name])
        }

    log = open(tmp / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "webinar_site.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={args.workers}",
            "--access-logfile=/dev/null",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            sys.exit(f"gunicorn did not start; see {tmp / 'gunicorn.log'}")

        print(f"Machine: {machine()}")
        print(
            f"gunicorn {args.workers} workers on 127.0.0.1:{port}; {args.connections} "
            f"connections; {args.seconds:g} s per target in {args.rounds} rounds; "
            f"cache {env['CACHE_URL']}; Accept-Encoding: {ACCEPT_ENCODING}\n"
        )
        print(f"{'target':28}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'bytes':>8}{'errors':>8}")
        for name, path in targets.items():
            if path is None:
                print(f"{name:28}  skipped: no calendar URL (events:calendar) in this version")
            else:  # Warm up: fills each worker's page cache and file handles.
                asyncio.run(drive(ports.get(name, port), path, 1.0, args.connections))
        # Targets take turns, in short rounds, so that a burst of other work on the machine
        # weighs on all of them alike.
        results = {name: ([], [], set()) for name, path in targets.items() if path}
        for _ in range(args.rounds):
            for name, (latencies, errors, sizes) in results.items():
                found = asyncio.run(
                    drive(
                        ports.get(name, port),
                        targets[name],
                        args.seconds / args.rounds,
                        args.connections,
                    )
                )
                latencies += found[0]
                errors += found[1]
                sizes |= found[2]
        rates = {}
        for name, (latencies, errors, sizes) in results.items():
            if not latencies:
                print(f"{name:28}  failed: {errors[:3]}")
                continue
            rates[name] = len(latencies) / args.seconds
            print(
                f"{name:28}{rates[name]:9.0f}{percentile(latencies, 0.5) * 1000:9.1f}"
                f"{percentile(latencies, 0.99) * 1000:9.1f}"
                f"{statistics.mean(sizes):8.0f}{len(errors):8d}"
            )
        if "event page" in rates and "static file (ceiling)" in rates:
            ratio = rates["event page"] / rates["static file (ceiling)"]
            verdict = "meets" if ratio >= 0.5 else "BELOW"
            print(f"\nevent page / static file: {ratio:.2f} ({verdict} the 0.5 target)")
        if "event page through Varnish" in rates and "static file (ceiling)" in rates:
            ratio = rates["event page through Varnish"] / rates["static file (ceiling)"]
            print(f"event page through Varnish / static file: {ratio:.2f}")
    finally:
        if varnish is not None:
            varnish.stop()
        server.terminate()
        server.wait(timeout=10)
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
