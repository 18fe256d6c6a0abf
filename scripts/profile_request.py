"""Profile one kind of request in process with pyinstrument (requirements-dev.txt).

    .venv/bin/python scripts/profile_request.py [--uncached] [--path /events/] [--count 500]

Sets up the same throwaway site as `make bench` (scripts/bench.py), calls Django's WSGI
handler `count` times for the path (the demo event page by default) and prints where the
time went. --uncached turns the page cache off (the render); without it every request but
the first is a page-cache hit.
"""

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench import environ, prepare  # noqa: E402
from tests.ops.servers import site_env  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--path", help="default: the demo event page")
    parser.add_argument("--uncached", action="store_true", help="page cache off")
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="webinar-profile-"))
    env = site_env(f"sqlite:///{tmp / 'db.sqlite3'}", "locmemcache://", tmp)
    env.update(DJANGO_SETTINGS_MODULE="webinar_site.settings", DJANGO_LOG_LEVEL="WARNING")
    if args.uncached:
        env["DJANGO_PAGE_CACHE_SECONDS"] = "0"
    os.environ.update(env)
    path = args.path or prepare(env)["event"]
    if args.path:
        prepare(env)

    from django.core.handlers.wsgi import WSGIHandler
    from pyinstrument import Profiler

    handler = WSGIHandler()

    def one():
        body = handler(environ(path), lambda status, headers, exc_info=None: None)
        b"".join(body)
        body.close()

    for _ in range(20):
        one()
    profiler = Profiler(interval=0.0002)
    with profiler:
        for _ in range(args.count):
            one()
    print(
        profiler.output_text(
            unicode=True, color=False, show_all=os.environ.get("PROFILE_ALL") == "1"
        )
    )


if __name__ == "__main__":
    main()
