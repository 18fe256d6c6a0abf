"""A whole site for the end-to-end registration tests, on 127.0.0.1 only: gunicorn and the
task worker (the documented `manage.py db_worker`, as separate processes) on a file SQLite
database of their own, sending to a real SMTP server (aiosmtpd) in the test process.

`python(code)` runs code in `manage.py shell` against that database, which is how a test
makes an event, looks at rows, or moves the clock: it sets the due time of a reminder's
Email row and of its task (`run_after`) to now, and the worker does the rest.

Everything is removed afterwards; KEEP_REGISTRATION_STACK=1 keeps the directory (database,
gunicorn.log, worker.log) to look at after a failure.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.ops.servers import BASE_DIR, PYTHON, Gunicorn, manage, site_env, wait_for

from .smtp import SMTPServer


class Stack:
    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="webinar-site-registrations-"))
        self.smtp = SMTPServer()
        self.env = site_env(f"sqlite:///{self.root / 'db.sqlite3'}", "locmemcache://", self.root)
        self.gunicorn = Gunicorn(self.env, self.root / "gunicorn.log", workers=1)
        self.url = self.gunicorn.url
        self.env.update(
            EMAIL_URL=self.smtp.url,
            DJANGO_SITE_URL=self.url,
            DJANGO_REGISTRATION_EMAIL_RETRY_SECONDS="0.5",
            DJANGO_PAGE_CACHE_SECONDS="600",
        )
        self.worker = None

    @property
    def inbox(self):
        return self.smtp.inbox

    def start(self):
        self.smtp.start()
        manage(self.env, "migrate", "--noinput", "-v0")
        manage(self.env, "collectstatic", "--noinput", "-v0")
        self.gunicorn.start()
        self._worker_log = open(self.root / "worker.log", "a")  # noqa: SIM115 - closed in stop()
        self.worker = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
            cwd=BASE_DIR, env=self.env, stdout=self._worker_log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        return self

    def python(self, code):
        """Run `code` in `manage.py shell` on the stack's database; the JSON it prints last."""
        out = manage(self.env, "shell", "-c", code).strip().splitlines()
        return json.loads(out[-1]) if out else None

    def worker_log(self):
        return (self.root / "worker.log").read_text()

    def stop(self):
        if self.worker and self.worker.poll() is None:
            self.worker.terminate()  # the worker finishes its task, then exits
            try:
                self.worker.wait(15)
            except subprocess.TimeoutExpired:
                self.worker.kill()
                self.worker.wait(5)
            self._worker_log.close()
        self.gunicorn.stop()
        self.smtp.stop()
        if not os.environ.get("KEEP_REGISTRATION_STACK"):
            shutil.rmtree(self.root, ignore_errors=True)


MAKE_EVENT = """
import datetime, json
from django.utils import timezone
from events.models import Event
start = (timezone.now() + datetime.timedelta(days=2)).replace(minute=0, second=0, microsecond=0)
event = Event.objects.create(
    title={title!r}, summary="Open data in practice.", start=start,
    end=start + datetime.timedelta(hours=2), timezone="America/New_York",
    publication="published", takes_registrations=True, join_url={join_url!r}, platform="Zoom",
)
print(json.dumps({{"slug": event.slug, "uid": str(event.uid), "sequence": event.sequence}}))
"""

DUE_NOW = """
import json
import os
import shutil
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from registrations.models import Email
reminder = Email.objects.filter(kind="reminder", status="queued").order_by("send_after").first()
Email.objects.filter(pk=reminder.pk).update(send_after=timezone.now())
moved = DBTaskResult.objects.filter(args_kwargs__args=[reminder.pk], status="READY").update(
    run_after=timezone.now()
)
print(json.dumps({"email": reminder.pk, "tasks": moved}))
"""

COUNTS = """
import json
import os
import shutil
from registrations.models import Email, Registration
print(json.dumps({"registrations": Registration.objects.count(), "emails": Email.objects.count(),
                  "joins": sum(Registration.objects.values_list("join_count", flat=True))}))
"""


def wait_until(predicate, timeout, what):
    wait_for(predicate, timeout, what)
