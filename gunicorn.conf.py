"""Gunicorn settings for webinar_site: `gunicorn -c gunicorn.conf.py webinar_site.wsgi`.

Every value can be changed from the environment (names below) or on the command line,
which wins over this file (`--bind 127.0.0.1:8350 --workers 2`).

    GUNICORN_BIND       address to listen on                   (127.0.0.1:8000)
    WEB_CONCURRENCY     worker processes                       (2 x CPU cores + 1)
    GUNICORN_THREADS    threads per worker (gthread workers)   (64)
    GUNICORN_TIMEOUT    seconds before a silent worker is killed and restarted (30)
    FORWARDED_ALLOW_IPS proxies whose X-Forwarded-* headers are trusted (127.0.0.1,::1)
    GUNICORN_CONTROL_SOCKET  path of the `gunicornc` control socket (none: disabled)
    GUNICORN_MAX_REQUESTS    requests before a worker is replaced  (20000, +10 % jitter)
    GUNICORN_FORWARDER_HEADERS  headers a proxy may set into the WSGI environment (none)

Logs: the access log and gunicorn's own messages go to stdout as JSON lines, through
the same formatter as Django's logs (ops.jsonlog.JSONFormatter).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Threaded workers, so that slow clients cannot freeze the site: a sync worker is held by
# one connection from its first byte to its last, so five clients sending a header line
# every few seconds stopped five sync workers. Here a connection holds one of a worker's
# threads, and each worker has more threads than a slow-client flood of 50 connections
# (tests/ops/test_slow_clients.py), even if all of them land on one worker. Threads start
# only when needed; each one that serves a page may keep a database connection open
# (DJANGO_CONN_MAX_AGE), so PostgreSQL's max_connections must cover the busiest moment.
# The proxy in front remains the first defence (README, "Reverse proxy").
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 64))

# A request that takes longer than this is stuck (the slowest page renders in well under a
# second); the worker is replaced. Shutdown gives running requests the same time to finish.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = timeout
keepalive = 5  # seconds; behind a proxy that keeps connections to the app open

# Replace each worker after about 20000 requests, so slow memory growth cannot accumulate;
# the jitter keeps workers from restarting all at once. A new worker costs about a second of
# CPU (Django starts, its first pages render, a local page cache starts empty): at 2000, a
# busy worker restarted every few seconds and that cost more than serving the cached pages.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = max_requests // 10

# SCRIPT_NAME and PATH_INFO are never taken from request headers, not even from the trusted
# proxies of forwarded_allow_ips: a client could otherwise make the site route one address
# and build its links for another. GUNICORN_FORWARDER_HEADERS names the ones a proxy that
# mounts the site under a prefix sets (and strips from clients), e.g. "SCRIPT_NAME".
forwarder_headers = os.environ.get("GUNICORN_FORWARDER_HEADERS", "")

# Heartbeat files in memory, not on a disk that may be slow or read-only (containers).
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Gunicorn 25+ opens a control socket in $HOME by default; two instances on one host would
# fight over it, and the app keeps nothing on local disk. GUNICORN_CONTROL_SOCKET=PATH
# turns it on for `gunicornc`.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "webinar_site"

accesslog = "-"
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ops.jsonlog.JSONFormatter"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
    },
}
