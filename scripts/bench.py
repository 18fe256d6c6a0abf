"""`make bench`: what one request costs, against WhiteNoise alone on the same files.

Sets up a throwaway copy of the site (SQLite with the demo webinar, static files collected as
in production) in a temporary folder and starts three gunicorn servers on free loopback ports,
all with gunicorn.conf.py and the same number of sync workers:

- WhiteNoise alone (scripts/static_ceiling.py, no Django at all) on the collected files: the
  ceiling. It serves a static twin of the event page (the same bytes, with gzip and Brotli
  forms), so that both answers weigh the same on the wire;
- the site as production runs it (page cache on);
- Varnish with ops/varnish/default.vcl (ops.varnishd) in front of the production-like site,
  when varnishd is installed (`make bench` installs it), as a CDN would be;
- the site with the page cache off (DJANGO_PAGE_CACHE_SECONDS=0), for the uncached figures
  (its fragments, httpcache/fragments.py, stay on: "uncached" is a page not in the page
  cache, e.g. the first visit after an edit once the fragment is warm, or a signed-in user).

wrk (scripts/wrk.py, the project's one load driver) then drives each target in turn, in short
rounds, so that other work on the machine weighs on all of them alike; every request is an
anonymous visitor whose browser accepts gzip and Brotli. Printed per target: requests/s,
its fraction of the ceiling (all rounds' requests over their time; and "by round", the median
of each round's fraction, which a burst of other work in one round does not move), p50/p99
latency (median of the rounds' wrk percentiles),
response bytes and errors. Last, the CPU time of one request in process (Django's WSGI
handler called in a loop, no sockets; p50 of `time.process_time()` per request; the hit
through httpcache.wsgi.PageCacheApplication, as gunicorn runs it), which other
load on the machine hardly changes: the event page and the list uncached (fragments warm) and
as a whole render (no cache at all, PAGE_CACHE_FRAGMENTS=False), a page-cache hit, and
WhiteNoise alone.

Environment: CACHE_URL (default locmemcache://) picks the cache, e.g. redis://127.0.0.1:6379/9.
Every request goes to 127.0.0.1; each target runs for --seconds in all.
"""

import argparse
import gzip
import io
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.wrk import drive  # noqa: E402
from tests.ops.servers import Gunicorn, site_env  # noqa: E402

TWIN = "bench/event-page.html"  # under STATIC_ROOT
DEMO_SLUG = "smart-cities-urban-digital-transformation-2021"
CEILING = "static file, WhiteNoise alone"
# (name, server, path key); the server is "ceiling", "site" or "uncached".
TARGETS = [
    (CEILING, "ceiling", "twin"),
    ("static file through the site", "site", "twin"),
    ("event page, cached", "site", "event"),
    ("event page, uncached", "uncached", "event"),
    ("event list, cached", "site", "list"),
    ("event list, uncached", "uncached", "list"),
    ("event .ics, cached", "site", "ics"),
    # Varnish (ops/varnish/default.vcl via ops.varnishd) in front of the "site" server.
    ("event page through the front cache", "front", "event"),
]


def prepare(env):
    """Migrate, load the demo, collect static files and write the static twin of the event
    page. Returns {path key: URL path}."""
    os.environ.update(env)
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from events.models import Event

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    call_command("collectstatic", "--noinput", verbosity=0)
    event = Event.objects.get(slug=DEMO_SLUG)
    page = Client(HTTP_HOST="127.0.0.1").get(event.get_absolute_url())
    assert page.status_code == 200, page.status_code
    twin = Path(settings.STATIC_ROOT) / TWIN
    twin.parent.mkdir(parents=True, exist_ok=True)
    twin.write_bytes(page.content)
    twin.with_name(twin.name + ".gz").write_bytes(gzip.compress(page.content, 9, mtime=0))
    twin.with_name(twin.name + ".br").write_bytes(
        brotli.compress(page.content, mode=brotli.MODE_TEXT, quality=11)
    )
    return {
        "twin": settings.STATIC_URL + TWIN,
        "event": event.get_absolute_url(),
        "list": reverse("events:list"),
        "ics": reverse("events:calendar", kwargs={"slug": event.slug}),
    }


def environ(path, **extra):
    """A WSGI environ for an anonymous GET of `path` from a browser accepting gzip and Brotli."""
    return {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1", "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        "HTTP_ACCEPT_LANGUAGE": "en", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr, "wsgi.multithread": False, "wsgi.multiprocess": True,
        "wsgi.run_once": False, "wsgi.version": (1, 0), **extra,
    }  # fmt: skip


def cpu_ms(app, path, count):
    """p50 CPU ms (`time.process_time()`) of one GET of `path` through the WSGI `app`, in
    process (no sockets), after a tenth of `count` calls as warm-up."""

    def start_response(status, headers, exc_info=None):
        assert status.startswith("200"), (path, status)

    times = []
    for _ in range(count):
        started = time.process_time()
        body = app(environ(path), start_response)
        b"".join(body)
        if hasattr(body, "close"):
            body.close()
        times.append(time.process_time() - started)
    return statistics.median(times[count // 10 :]) * 1000


def in_process(paths, count):
    """{figure name: p50 CPU ms}: uncached renders, a page-cache hit, WhiteNoise alone."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import override_settings

    from httpcache.wsgi import PageCacheApplication
    from scripts.static_ceiling import application as ceiling

    figures = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        uncached = WSGIHandler()
        figures["event page, uncached"] = cpu_ms(uncached, paths["event"], count)
        figures["event list, uncached"] = cpu_ms(uncached, paths["list"], count)
    with override_settings(PAGE_CACHE_SECONDS=0, PAGE_CACHE_FRAGMENTS=False):
        cold = WSGIHandler()
        figures["event page, whole render"] = cpu_ms(cold, paths["event"], count)
        figures["event list, whole render"] = cpu_ms(cold, paths["list"], count)
    figures["event page, cached"] = cpu_ms(
        PageCacheApplication(WSGIHandler()), paths["event"], count * 10
    )
    figures[CEILING] = cpu_ms(ceiling, paths["twin"], count * 10)
    return figures


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def load():
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="per target (default 10)")
    parser.add_argument("--rounds", type=int, default=5, help="turns each target takes")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument("--renders", type=int, default=200, help="in-process renders per page")
    parser.add_argument(
        "--large", action="store_true", help="then 10,000 webinars on PostgreSQL (bench_large.py)"
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="webinar-bench-"))
    cache_url = os.environ.get("CACHE_URL", "locmemcache://")
    env = site_env(f"sqlite:///{tmp / 'bench.sqlite3'}", cache_url, tmp)
    env.update(DJANGO_SETTINGS_MODULE="webinar_site.settings", DJANGO_LOG_LEVEL="WARNING")
    servers = {}
    try:
        paths = prepare(env)
        servers["ceiling"] = Gunicorn(
            env, tmp / "ceiling.log", args.workers, app="static_ceiling",
            ready_path=paths["twin"], options=("--pythonpath", "scripts"),
        )  # fmt: skip
        servers["site"] = Gunicorn(env, tmp / "site.log", args.workers)
        servers["uncached"] = Gunicorn(
            {**env, "DJANGO_PAGE_CACHE_SECONDS": "0"}, tmp / "uncached.log", args.workers
        )
        for server in servers.values():
            server.start(timeout=60)
        if shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists():
            from ops.varnishd import Varnish

            servers["front"] = Varnish([("127.0.0.1", servers["site"].port)]).start()

        print(f"Machine: {machine()}; load average before the run: {load()}")
        print(
            f"gunicorn (gunicorn.conf.py) {args.workers} sync workers per server; wrk "
            f"{args.connections} connections; {args.seconds:g} s per target in {args.rounds} "
            f"rounds; cache {env['CACHE_URL']}\n"
        )
        targets = [(n, s, paths[p]) for n, s, p in TARGETS if s in servers]
        for _name, server, path in targets:  # warm up: page caches, file handles
            drive(servers[server].url, [path], 1, args.connections)
        rounds = {name: [] for name, _, _ in targets}
        for _ in range(args.rounds):
            for name, server, path in targets:
                rounds[name].append(
                    drive(servers[server].url, [path], args.seconds / args.rounds, args.connections)
                )
        load_after = load()

        def rate(name):
            found = rounds[name]
            return sum(r["requests"] for r in found) / sum(r["seconds"] for r in found)

        def round_fraction(name):
            # Each round's req/s over the ceiling's in the same round, the median of those:
            # a burst of other work on the machine moves one round, not the figure.
            pairs = zip(rounds[name], rounds[CEILING], strict=True)
            return statistics.median(
                (r["requests"] / r["seconds"]) / (c["requests"] / c["seconds"]) for r, c in pairs
            )

        ceiling = rate(CEILING)
        print(f"{'target':38}{'req/s':>8}{'of ceiling':>12}{'by round':>10}{'p50 ms':>8}"
              f"{'p99 ms':>8}{'bytes':>7}{'errors':>7}")  # fmt: skip
        for name, server, _path in TARGETS:
            if server not in servers:
                print(f"{name:38}{'skipped: varnishd is not installed':>50}")
                continue
            found = rounds[name]
            print(
                f"{name:38}{rate(name):8.0f}{rate(name) / ceiling:12.2f}"
                f"{round_fraction(name):10.2f}"
                f"{statistics.median(r['p50_ms'] for r in found):8.1f}"
                f"{statistics.median(r['p99_ms'] for r in found):8.1f}"
                f"{statistics.mean(r['bytes'] for r in found):7.0f}"
                f"{sum(r['errors'] for r in found):7d}"
            )
        print(f"\nload average after the run: {load_after}")
    finally:
        for server in servers.values():
            if getattr(server, "process", None) is not None:
                server.stop()

    cpu = in_process(paths, args.renders)
    print("\nCPU per request in process (the WSGI application called in a loop; p50 ms):")
    for name, ms in cpu.items():
        print(f"  {name:36}{ms:8.3f}")
    print(
        f"uncached render target: 3 ms (event page {cpu['event page, uncached']:.1f}, "
        f"event list {cpu['event list, uncached']:.1f})"
    )
    shutil.rmtree(tmp, ignore_errors=True)
    if args.large:
        from scripts import bench_large

        print("\n10,000 webinars (scripts/bench_large.py):")
        bench_large.run()


if __name__ == "__main__":
    main()
