"""`make bench-large`: the public pages on 10,000 webinars, on PostgreSQL.

Uses the PostgreSQL server at 127.0.0.1:5432 (user postgres; BENCH_PG_URL changes it) and
three throwaway databases of its own, named after this process, created and dropped here:

- demo: migrated, with the demo webinar (manage.py load_demo);
- 100: a copy of demo plus 100 generated webinars and 50 speakers, the demo-sized site
  with something on every page (upcoming and past webinars, full list pages, feeds,
  calendar and sitemap pages);
- 10k: a copy of demo plus 10,000 generated webinars and 5,000 speakers (the time
  manage.py generate_data takes is printed).
Both generated ones get VACUUM FULL ANALYZE, as after any bulk load.

Then, with the page cache and its fragments off (DJANGO_PAGE_CACHE_SECONDS=0,
PAGE_CACHE_FRAGMENTS = False), one Django process per
database answers requests in process (Django's test Client: every middleware, the
templates and the database, no sockets). The processes take turns on each page in short
rounds, so that other load on the machine weighs on all alike. Printed per page: the p50
render time (wall clock, database included) on each site, 10k/100 (target: at most 2) and
10k/demo, and the SQL queries of one request on each (100 and 10k must be equal). The
kinds of page only a bigger site has (last list pages, the busiest webinar and speaker)
are compared with the demo's first page, webinar and speaker.

Last, the peak resident memory of one request to the all-events .ics, the feeds and a
sitemap page, each in a fresh process, at 100 and at 10,000 webinars.

Bounded: about five minutes on 2 cores. `run()` is what scripts/bench.py can call.
"""

import argparse
import contextlib
import gc
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
#: Static files collected as in production and media, in a folder of this run; the
#: measuring processes' errors go to its log.
WORK = Path(tempfile.gettempdir()) / f"bench-large-{os.getpid()}"
DEMO_EVENT = "/events/smart-cities-urban-digital-transformation-2021/"
DEMO_SPEAKER = "/speakers/zhu-lin/"
#: Pages that exist on both sites.
PAGES = [
    "/",
    "/events/",
    "/events/?topic=digital-government",
    "/events/?sdg=11",
    "/events/?year=2021",
    "/events/?when=upcoming",
    "/events/?when=past",
    "/events/?q=smart+cities",
    "/events/?q=URB%C3%A1N",
    "/events/?q=data&topic=digital-government&sdg=11&when=past",
    DEMO_EVENT,
    f"{DEMO_EVENT}calendar.ics",
    f"{DEMO_EVENT}world-clock/",
    "/speakers/",
    DEMO_SPEAKER,
    "/topics/digital-government/",
    "/events/feed/",
    "/events/feed/atom/",
    "/events/calendar.ics",
    "/sitemap.xml",
    "/sitemap-events.xml",
    "/sitemap-speakers.xml",
    "/sitemap-topics.xml",
    "/sitemap-pages.xml",
]
#: Peak memory of one request to each, at 100 and at 10,000 webinars.
MEMORY_PAGES = [
    "/events/calendar.ics",
    "/events/feed/",
    "/events/feed/atom/",
    "/sitemap-events.xml",
]


def site_env(database_url):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "webinar_site.settings",
        "DJANGO_SECRET_KEY": "bench-only-not-secret",
        "DJANGO_DEBUG": "false",
        "DJANGO_HTTPS": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": database_url,
        "CACHE_URL": "locmemcache://",
        "DJANGO_PAGE_CACHE_SECONDS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_STATIC_ROOT": str(WORK / "static"),
        "DJANGO_MEDIA_ROOT": str(WORK / "media"),
    }


def manage(database_url, *args):
    """Run manage.py with `args` on `database_url`; returns its stdout (str)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=site_env(database_url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@contextlib.contextmanager
def databases():
    """Yield create(name, template=None) -> URL, which makes a throwaway database (a copy
    of `template` if given); every one made is dropped at the end, whatever happens."""
    import psycopg

    admin = psycopg.connect(f"{PG_URL}/postgres", autocommit=True)
    made = []

    def create(name, template=None):
        sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        admin.execute(sql)
        made.append(name)
        return f"{PG_URL}/{name}"

    try:
        yield create
    finally:
        for name in reversed(made):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


# --- In the measuring processes ------------------------------------------------------------


def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.PAGE_CACHE_FRAGMENTS = False  # a whole render, as make bench measures it
    return Client()


#: The demo's page for each kind of page only a larger site has.
COUNTERPARTS = {
    "last page of /events/": "/events/",
    "middle page of past events": "/events/?when=past",
    "last page of /speakers/": "/speakers/",
    "last page of a topic": "/topics/digital-government/",
    "last page of the webinars' sitemap": "/sitemap-events.xml",
    "busiest webinar": DEMO_EVENT,
    "speaker with most appearances": DEMO_SPEAKER,
}


def _own_pages():
    """{kind of page (a COUNTERPARTS key): this site's address for it}."""
    from django.db.models import Count

    from events.models import Event, Topic
    from events.sitemaps import LIMIT
    from speakers.models import Speaker

    published = Event.objects.published()
    topic = Topic.objects.get(slug="digital-government")
    busiest = published.annotate(n=Count("appearances")).order_by("-n", "pk").first()
    prolific = (
        Speaker.objects.appearing_in(published)
        .annotate(n=Count("appearances"))
        .order_by("-n", "pk")
        .first()
    )
    speakers = Speaker.objects.appearing_in(published).count()
    in_topic = published.filter(topics=topic).count()
    return {
        "last page of /events/": f"/events/?page={math.ceil(published.count() / 12)}",
        "middle page of past events": (
            f"/events/?when=past&page={max(1, math.ceil(published.past().count() / 24))}"
        ),
        "last page of /speakers/": f"/speakers/?page={math.ceil(speakers / 48)}",
        "last page of a topic": f"/topics/{topic.slug}/?page={math.ceil(in_topic / 12)}",
        "last page of the webinars' sitemap": (
            f"/sitemap-events.xml?p={math.ceil(published.count() / LIMIT)}"
        ),
        "busiest webinar": busiest.get_absolute_url(),
        "speaker with most appearances": prolific.get_absolute_url(),
    }


def serve():
    """The measuring process: reads one JSON command a line from stdin, answers one line.

    {"path": p, "reps": n} -> {"times": [s, ...], "queries": int, "status": int, "bytes": int}
    {"pages": true} -> _own_pages()
    """
    # Answers on a stream of their own: the site logs to stdout, so that goes to stderr.
    answers = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    client = _django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for line in sys.stdin:
        command = json.loads(line)
        if command.get("pages"):
            print(json.dumps(_own_pages()), file=answers, flush=True)
            continue
        path, times = command["path"], []
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        count = len(queries)  # now: the next request empties the connection's log
        for _ in range(command["reps"]):
            started = time.perf_counter()
            client.get(path)
            times.append(time.perf_counter() - started)
        answer = {
            "times": times,
            "queries": count,
            "status": response.status_code,
            "bytes": len(response.content),
        }
        print(json.dumps(answer), file=answers, flush=True)


def _status_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def memory(path):
    """Print the peak RSS (KiB) while answering `path`, and how far above the RSS before
    the request it went; the request runs once first so that imports and compiled
    templates are not counted. Linux only (/proc/self/clear_refs resets the peak)."""
    client = _django()
    assert client.get(path).status_code == 200
    gc.collect()
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
    before = _status_kib("VmRSS")
    response = client.get(path)
    peak = _status_kib("VmHWM")
    print(json.dumps({"peak": peak, "growth": peak - before, "bytes": len(response.content)}))


# --- The orchestrating process --------------------------------------------------------------


class Site:
    """A measuring process on one database."""

    def __init__(self, database_url):
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve"],
            cwd=ROOT,
            env=site_env(database_url),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=open(WORK / "errors.log", "a"),  # noqa: SIM115
            text=True,
        )

    def ask(self, **command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the measuring process stopped on {command}; see {WORK}")
        return json.loads(line)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def measure_memory(database_url, path):
    out = subprocess.run(
        [sys.executable, __file__, "--memory", path],
        cwd=ROOT,
        env=site_env(database_url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def run(events=10_000, speakers=5_000, rounds=5, reps=4, out=print):
    """Build the three databases, measure, print with `out`, drop them. Returns
    {"generate_seconds": float, "pages": [{"page", "ms": {site: p50}, "queries": {site:
    n}}], "memory": {path: {"small"|"large": {"peak", "growth", "bytes"} in KiB/bytes}}}."""
    began = time.perf_counter()

    def step(text):
        out(f"[{time.perf_counter() - began:4.0f} s] {text}")
        sys.stdout.flush()

    prefix = f"bench_large_{os.getpid()}"
    results = {"pages": [], "memory": {}}
    WORK.mkdir(exist_ok=True)
    try:
        with databases() as create:
            step(f"databases {prefix}_*: migrate, demo, static files")
            urls = {"demo": create(f"{prefix}_demo")}
            manage(urls["demo"], "migrate", "--noinput", "-v0")
            manage(urls["demo"], "load_demo", "-v0")
            manage(urls["demo"], "collectstatic", "--noinput", "-v0")
            urls["small"] = create(f"{prefix}_small", template=f"{prefix}_demo")
            urls["large"] = create(f"{prefix}_large", template=f"{prefix}_demo")
            manage(urls["small"], "generate_data", "--events", "100", "--speakers", "50")
            step(f"generate_data --events {events} --speakers {speakers}")
            started = time.perf_counter()
            said = manage(
                urls["large"], "generate_data", f"--events={events}", f"--speakers={speakers}"
            )
            results["generate_seconds"] = time.perf_counter() - started
            step(f"{said.strip()} ({results['generate_seconds']:.1f} s with start-up)")
            import psycopg

            for name in ("small", "large"):  # as after any bulk load: compact, then statistics
                with psycopg.connect(urls[name], autocommit=True) as connection:
                    connection.execute("VACUUM FULL ANALYZE")

            step(f"render times: {rounds} rounds of {reps} requests per page and site")
            sites = {name: Site(url) for name, url in urls.items()}
            try:
                # (label, {site: path}): the pages all sites have, then their own.
                rows = [(page, dict.fromkeys(sites, page)) for page in PAGES]
                own = {name: sites[name].ask(pages=True) for name in ("small", "large")}
                rows += [
                    (
                        kind,
                        {
                            "demo": demo_page,
                            "small": own["small"][kind],
                            "large": own["large"][kind],
                        },
                    )
                    for kind, demo_page in COUNTERPARTS.items()
                ]
                times, answers = {}, {}
                for _ in range(rounds):
                    for label, paths in rows:
                        for name, path in paths.items():
                            answer = sites[name].ask(path=path, reps=reps)
                            if answer["status"] != 200:
                                raise RuntimeError(f"{path} on {name}: HTTP {answer['status']}")
                            times.setdefault((label, name), []).extend(answer["times"])
                            answers[label, name] = answer
            finally:
                for site in sites.values():
                    site.close()

            out(
                f"\n{'page':52}{'demo ms':>9}{'100 ms':>9}{'10k ms':>9}{'10k/100':>9}"
                f"{'10k/demo':>9}  queries demo/100/10k"
            )
            for label, _paths in rows:
                ms = {name: statistics.median(times[label, name]) * 1000 for name in sites}
                queries = {name: answers[label, name]["queries"] for name in sites}
                ratio = ms["large"] / ms["small"]
                flag = "" if ratio <= 2 and queries["small"] == queries["large"] else "  <-"
                out(
                    f"{label[:52]:52}{ms['demo']:9.1f}{ms['small']:9.1f}{ms['large']:9.1f}"
                    f"{ratio:9.2f}{ms['large'] / ms['demo']:9.2f}  "
                    f"{queries['demo']}/{queries['small']}/{queries['large']}{flag}"
                )
                results["pages"].append({"page": label, "ms": ms, "queries": queries})
            step("done")
            ratios = sorted(r["ms"]["large"] / r["ms"]["small"] for r in results["pages"])
            out(f"\n10k/100: median {statistics.median(ratios):.2f}, worst {ratios[-1]:.2f}")

            header = f"{events:,} webinars"
            out(f"\n{'peak RSS of one request (MiB)':36}{'100 webinars':>14}{header:>18}")
            for path in MEMORY_PAGES:
                found = {name: measure_memory(urls[name], path) for name in ("small", "large")}
                results["memory"][path] = found
                cells = [
                    f"{found[n]['peak'] / 1024:.1f} (+{found[n]['growth'] / 1024:.1f})"
                    for n in ("small", "large")
                ]
                out(f"{path:36}{cells[0]:>14}{cells[1]:>18}")
            out("(+x: how far the request took the process above its resident size before it)")
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--speakers", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5, help="turns each page takes")
    parser.add_argument("--reps", type=int, default=4, help="requests per page and turn")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--memory", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve()
    elif args.memory:
        memory(args.memory)
    else:
        run(args.events, args.speakers, args.rounds, args.reps)


if __name__ == "__main__":
    main()
