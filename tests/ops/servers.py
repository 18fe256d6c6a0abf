"""Throwaway servers, all on 127.0.0.1: the one way the tests and scripts/ start them.

`Postgres` runs initdb and pg_ctl in a new temporary directory (as the `postgres` user when
the tests run as root, since PostgreSQL refuses root), `Redis` runs `redis-server --port`
with nothing kept on disk, and `Gunicorn` serves the project (or another WSGI app) with
gunicorn.conf.py. Each picks a free port in its own range, waits until it answers, and is
stopped and removed by `stop()`. None of them ever touches the machine's shared servers on
5432 and 6379. `Varnish` (ops/varnishd.py, shared with `make bench`) runs varnishd with
ops/varnish/default.vcl in front of gunicorn instances. `Browser` is a small HTTP client with
a cookie jar and form scraping for the admin. The server tests, `make bench`, `make loadtest`
and scripts/speaker_images.py all start their gunicorn through `Gunicorn`.
"""

import glob
import html.parser
import http.client
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from ops.varnishd import Varnish  # noqa: F401 - the front-cache tests' Varnish

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

# Port ranges, overridable for a machine where they are taken: "first-last".
PG_PORTS = os.environ.get("OPS_TEST_PG_PORTS", "55450-55459")
REDIS_PORTS = os.environ.get("OPS_TEST_REDIS_PORTS", "6390-6399")
WEB_PORTS = os.environ.get("OPS_TEST_WEB_PORTS", "8350-8399")
VARNISH_PORTS = os.environ.get("OPS_TEST_VARNISH_PORTS", "6180-6199")
# The instances behind Varnish: a range of their own, so that while they are stopped (the
# outage test) no other run's gunicorn on this machine takes their ports.
FRONT_WEB_PORTS = os.environ.get("OPS_TEST_FRONT_WEB_PORTS", "8420-8439")

_claimed = set()


def free_port(port_range, claim=True):
    """The first port in "first-last" that nothing listens on and this run has not claimed
    for a server of its own (`claim=False` for a port that is only to stay closed)."""
    first, last = (int(p) for p in port_range.split("-"))
    for port in range(first, last + 1):
        if port in _claimed:
            continue
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        if claim:
            _claimed.add(port)
        return port
    raise RuntimeError(f"no free port in {port_range}")


def wait_for(predicate, timeout, what):
    """Call `predicate` every 0.1 s until it returns true; raise after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise TimeoutError(f"{what} not ready after {timeout} s")


def varnish_installed():
    """True when varnishd and the xkey vmod (Debian's varnish-modules) are installed."""
    vmods = glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so") + glob.glob(
        "/usr/lib/varnish/vmods/libvmod_xkey.so"
    )
    return bool(shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()) and bool(vmods)


def postgres_bin_dir():
    """Directory of initdb/pg_ctl (Debian keeps them out of PATH), or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return Path(dirs[-1]) if dirs else None


class Postgres:
    """A PostgreSQL server of our own: `url(name)` gives a DATABASE_URL on it."""

    def __init__(self):
        self.bin = postgres_bin_dir()
        self.port = free_port(PG_PORTS)
        self.dir = Path(tempfile.mkdtemp(prefix="webinar-site-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.as_postgres = os.geteuid() == 0
        if self.as_postgres:
            account = pwd.getpwnam("postgres")
            os.chown(self.dir, account.pw_uid, account.pw_gid)

    def _run(self, *args, timeout=60):
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(
            command, cwd=self.dir, capture_output=True, text=True, timeout=timeout, check=True
        )

    def start(self):
        if not self.data.exists():
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")
        return self

    def stop(self, mode="fast"):
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def pid(self):
        """The postmaster's process id (changes when the server restarts)."""
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def psql(self, sql, database="postgres"):
        result = self._run(
            "psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database,
            "-v", "ON_ERROR_STOP=1", "-Atc", sql,
        )  # fmt: skip
        return result.stdout.strip()

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def destroy(self):
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.dir, ignore_errors=True)


class Redis:
    """A redis-server of our own, keeping nothing on disk; `url` is its CACHE_URL.

    `options`: more command-line settings, e.g. ("--maxmemory", "2mb")."""

    def __init__(self, options=()):
        self.port = free_port(REDIS_PORTS)
        self.options = list(options)
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", tempfile.gettempdir(), "--loglevel", "warning",
             *self.options],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.answers, 10, "redis-server")
        return self

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def site_env(database_url, cache_url, root):
    """Environment for manage.py and gunicorn: production settings (DEBUG off) on the given
    database and cache, static and media files under `root`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SECRET_KEY="ops-tests-only-not-secret",
        DJANGO_DEBUG="false",
        # Plain http on loopback, as `make run` serves (no HTTPS redirect, no secure cookies);
        # said here, not left to a developer's .env, so a fresh clone behaves the same.
        DJANGO_HTTPS="false",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        DJANGO_MEDIA_ROOT=str(Path(root) / "media"),
        DJANGO_STATIC_ROOT=str(Path(root) / "static"),
        DJANGO_CONN_MAX_AGE="60",
        DJANGO_LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def manage(env, *args, timeout=120):
    """Run `manage.py <args>` with `env`; return its stdout, raise with its output on failure."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    if result.returncode:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


class Gunicorn:
    """A WSGI app (the site by default) served by gunicorn with gunicorn.conf.py on a free
    port; `url` is its root.

    env: the process environment (see `site_env`); log_path: where its stdout goes;
    workers: worker processes (None keeps gunicorn.conf.py's own number, as production
    runs it); ports: the range to pick a free port from; app: the WSGI module; ready_path:
    a path that answers 200 once it serves; options: more gunicorn arguments, e.g.
    ("--pythonpath", "scripts").
    """

    def __init__(
        self,
        env,
        log_path,
        workers=2,
        ports=WEB_PORTS,
        app="webinar_site.wsgi",
        ready_path="/healthz",
        options=(),
    ):
        self.env = env
        self.port = free_port(ports)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        self.workers = workers
        self.app = app
        self.ready_path = ready_path
        self.options = list(options)
        self.process = None

    def start(self, timeout=30):
        bind = f"127.0.0.1:{self.port}"
        self._log = open(self.log_path, "a")  # noqa: SIM115 - closed in stop(); O_APPEND for workers
        workers = ["--workers", str(self.workers)] if self.workers else []
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", bind, *workers,
             *self.options, self.app],
            cwd=BASE_DIR, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip

        def ready():
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            return Browser(self.url).get(self.ready_path).status == 200

        wait_for(ready, timeout, f"gunicorn ({self.log_path})")
        return self

    def cpu_seconds(self):
        """CPU seconds (user + system) used so far by the master and its workers."""
        return process_cpu_seconds(self.process.pid)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # quick shutdown
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._log.close()

    def log_lines(self):
        return self.log_path.read_text().splitlines()


def process_cpu_seconds(pid):
    """User + system CPU seconds used so far by process `pid` (e.g. gunicorn's master), its
    live children (the workers) and its children that have exited and been reaped
    (recycled workers); None where /proc cannot tell (not Linux)."""

    def times(process_id):
        try:
            stat = Path(f"/proc/{process_id}/stat").read_text()
        except OSError:
            return 0
        values = stat.rsplit(")", 1)[1].split()  # fields from 3 on; the name may hold spaces
        return sum(int(values[n - 3]) for n in (14, 15, 16, 17))

    if not Path(f"/proc/{pid}/stat").exists():
        return None
    ticks = times(pid)
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            ticks += times(child)
    return ticks / os.sysconf("SC_CLK_TCK")


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.text = body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.text)


class Browser:
    """HTTP/1.1 client for one site: keeps cookies (whatever their Secure flag, since the
    tests speak plain HTTP to gunicorn), never follows redirects, never raises on 4xx/5xx.
    A connection error gives status 0."""

    def __init__(self, base_url):
        parts = urllib.parse.urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}

    def request(self, method, path, data=None, timeout=10):
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            response = Response(raw.status, raw.headers, raw.read())
        except OSError:
            return Response(0, {}, b"")
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            value = rest.split(";", 1)[0]
            if value and "max-age=0" not in header.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def submit(self, path, changes, button="_save"):
        """GET the page at `path`, take the values of its main form as a browser would send
        them, apply `changes` (field name -> value) and POST them back with `button`."""
        page = self.get(path)
        assert page.status == 200, f"GET {path}: {page.status}"
        fields = form_fields(page.text)
        fields.update({name: [value] for name, value in changes.items()})
        fields[button] = [""]
        return self.post(path, fields)

    def log_in(self, username, password):
        """Sign in through the admin's login form; True when the admin accepted it."""
        login = "/admin/login/?next=/admin/"
        page = self.get(login)
        token = form_fields(page.text)["csrfmiddlewaretoken"][0]
        response = self.post(
            login, {"csrfmiddlewaretoken": token, "username": username, "password": password}
        )
        return response.status == 302


class _FormParser(html.parser.HTMLParser):
    """Collect the successful controls of every <form method="post"> in a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.fields = None
        self.select = self.textarea = None
        self.select_first = None
        self.select_chosen = self.multiple = False
        self.text = []

    def add(self, name, value):
        self.fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.fields = {}
            self.forms.append(self.fields)
        if self.fields is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.add(name, a.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []
        elif tag == "select" and name:
            self.select, self.select_first, self.select_chosen = name, None, False
            self.multiple = "multiple" in a
        elif tag == "option" and self.select:
            value = a.get("value", "")
            if self.select_first is None:
                self.select_first = value
            if "selected" in a:
                self.add(self.select, value)
                self.select_chosen = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.fields = None
        elif tag == "textarea" and self.textarea:
            # A browser drops the newline right after <textarea>.
            self.add(self.textarea, "".join(self.text).removeprefix("\n"))
            self.textarea = None
        elif tag == "select" and self.select:
            if not self.select_chosen and not self.multiple and self.select_first is not None:
                self.add(self.select, self.select_first)
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.text.append(data)


def form_fields(page):
    """{name: [values]} a browser would submit from the page's main POST form (the one with
    the most controls: the admin's change form rather than its log-out button)."""
    parser = _FormParser()
    parser.feed(page)
    return max(parser.forms, key=len, default={})
