"""A throwaway Varnish (ops/varnish/default.vcl) in front of local app servers.

Used by the front-cache tests (tests/ops/test_front_cache.py) and `make bench`:

    varnish = Varnish([("127.0.0.1", 8351), ("127.0.0.1", 8352)]).start()
    ...  # varnish.url, varnish.stats()["MAIN.cache_hit"]
    varnish.stop()

`varnishd` runs in the foreground (-F) as a child of this process, listening on 127.0.0.1
only, with a new temporary working directory (-n) holding the generated site.vcl (the
backends, their probe on /healthz, the purge ACL: see ops/varnish/site.vcl.example) and
64 MB of memory storage. Needs Debian's `varnish` and `varnish-modules` (for xkey, accept);
the Makefile installs them.
"""

import json
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

VCL_DIR = Path(__file__).resolve().parent / "varnish"


def spare_port():
    """A loopback port nothing listens on now (int), chosen by the kernel."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_vcl(backends, host="127.0.0.1", purgers=("127.0.0.1",), languages=("en",), probe=0.5):
    """The text of site.vcl: one backend per (host, port) in `backends`, probed every
    `probe` seconds with GET /healthz and `Host: host` (2 failures of 3 take it out);
    PURGE allowed from `purgers`; `languages` the site offers (settings.LANGUAGES)."""
    lines = [
        "probe healthz {",
        f'    .request = "GET /healthz HTTP/1.1" "Host: {host}" "Connection: close";',
        f"    .interval = {probe}s;",
        "    .timeout = 1s;",
        "    .window = 3;",
        "    .threshold = 2;",
        "    .initial = 0;",
        "}",
    ]
    for number, (backend_host, port) in enumerate(backends, 1):
        lines += [
            f"backend app{number} {{",
            f'    .host = "{backend_host}";',
            f'    .port = "{port}";',
            "    .probe = healthz;",
            "    .connect_timeout = 1s;",
            "}",
        ]
    lines += ["acl purgers {", *(f'    "{address}";' for address in purgers), "}"]
    lines += ["sub site_init {"]
    lines += [f"    app.add_backend(app{n});" for n in range(1, len(backends) + 1)]
    lines += [f'    languages.add("{code}");' for code in languages]
    lines += ["}"]
    return "\n".join(lines) + "\n"


class Varnish:
    """varnishd on 127.0.0.1:`port` (a spare one by default) in front of `backends`, a list
    of (host, port); `url` is its root, `stats()` its counters."""

    def __init__(self, backends=(), port=None, **vcl_options):
        self.backends = list(backends)
        self.port = port or spare_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.vcl_options = vcl_options
        self.dir = Path(tempfile.mkdtemp(prefix="webinar-site-varnish-"))
        self.process = None

    def start(self, backends=None, timeout=30):
        """Start varnishd and wait until it answers (its backends may still be down)."""
        if backends is not None:
            self.backends = list(backends)
        (self.dir / "site.vcl").write_text(site_vcl(self.backends, **self.vcl_options))
        self._log = open(self.dir / "varnishd.log", "w")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [shutil.which("varnishd") or "/usr/sbin/varnishd", "-F", "-j", "none",
             "-n", str(self.dir / "work"), "-a", f"127.0.0.1:{self.port}", "-T", "none",
             "-p", f"vcl_path={self.dir}:{VCL_DIR}", "-f", str(VCL_DIR / "default.vcl"),
             "-s", "malloc,64m"],
            stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"varnishd did not start:\n{self.log()}")
            time.sleep(0.1)
        return self

    def answers(self):
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                return True
        except OSError:
            return False

    def purge(self, *keys):
        """PURGE the objects tagged with `keys` (str); the number Varnish says it dropped."""
        request = urllib.request.Request(
            self.url + "/", method="PURGE", headers={"xkey-purge": " ".join(keys)}
        )
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.read().decode().split()[-1])

    def stats(self):
        """varnishstat's counters: {"MAIN.cache_hit": int, ...}."""
        result = subprocess.run(
            ["varnishstat", "-n", str(self.dir / "work"), "-1", "-j"],
            capture_output=True, text=True, timeout=10, check=True,
        )  # fmt: skip
        data = json.loads(result.stdout)
        counters = data.get("counters", data)
        return {k: v["value"] for k, v in counters.items() if isinstance(v, dict) and "value" in v}

    def log(self):
        path = self.dir / "varnishd.log"
        return path.read_text() if path.exists() else ""

    def stop(self):
        """Stop varnishd and remove its working directory."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if getattr(self, "_log", None):
            self._log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
