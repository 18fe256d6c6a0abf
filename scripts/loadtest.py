"""`make loadtest`: the site under gunicorn.conf.py, loaded by wrk for a bounded time.

    .venv/bin/python scripts/loadtest.py --clients 50 --seconds 30 \\
        --path /events/ --path /events/<slug>/ --path /events/<slug>/calendar.ics

Starts gunicorn with gunicorn.conf.py on a spare loopback port (tests/ops/servers.Gunicorn,
its log in a temporary file), with the database and cache of .env or the environment; fetches
every path once (a path that answers 404, a page not built yet, is skipped and named); drives
the rest in turn with wrk (scripts/wrk.py, `clients` connections) for `seconds`; prints
requests, errors (failed connections, timeouts and statuses of 400 or more), requests per
second, wrk's latency percentiles and the server's CPU time per request (its master and
workers, from /proc: a figure that other load on the machine hardly changes). Exit status 1
when there was any error.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.wrk import drive  # noqa: E402
from tests.ops.servers import Browser, Gunicorn  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--path", action="append", required=True, help="repeat for each page")
    parser.add_argument("--clients", type=int, default=50, help="wrk connections")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, help="default: gunicorn.conf.py's")
    args = parser.parse_args(argv)

    log = Path(tempfile.mkdtemp(prefix="loadtest-")) / "gunicorn.log"
    env = dict(os.environ)
    workers = args.workers or int(env.get("WEB_CONCURRENCY", os.cpu_count() * 2 + 1))
    server = Gunicorn(env, log, workers=workers).start(timeout=60)
    try:
        print(f"gunicorn ({workers} workers) on {server.url}; log {log}")
        paths = []
        for path in args.path:
            if Browser(server.url).get(path).status == 404:
                print(f"skipped {path}: it answers 404 (not built yet?)")
            else:
                paths.append(path)
        if not paths:
            print("no path left to load", file=sys.stderr)
            return 1
        print(f"wrk, {args.clients} connections for {args.seconds:g} s: {', '.join(paths)}")
        before = server.cpu_seconds()
        figures = drive(server.url, paths, args.seconds, args.clients, threads=2)
        cpu = server.cpu_seconds() - before
    finally:
        server.stop()
    print(
        "requests {requests}  errors {errors}  rps {rps:.1f}  p50 {p50_ms:.1f} ms  "
        "p90 {p90_ms:.1f} ms  p99 {p99_ms:.1f} ms  max {max_ms:.1f} ms".format(**figures)
    )
    if figures["requests"]:
        per_request = 1000 * cpu / figures["requests"]
        print(f"server CPU {cpu:.1f} s in all, {per_request:.2f} ms per request")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
