"""How many bytes of speaker photos the seed event page costs a phone (issue 4's 15 KB target).

Sets up a throw-away copy of the site (SQLite and MEDIA_ROOT in a temporary directory), loads
the demo webinar, gives each demo speaker a photo (generated portraits, or the file given
with --photo), serves it with gunicorn (DEBUG off, as `make run` does) and opens the event
page in headless Chromium 375 px wide at 1x, 2x and 3x screen density. Prints every image
the page loaded with its size and headers. The demo data itself never gets these photos.

    .venv/bin/pip install playwright      # once; uses Debian's /usr/bin/chromium
    .venv/bin/python scripts/speaker_images.py [--photo portrait.jpg]

The server is tests/ops/servers.Gunicorn (gunicorn.conf.py, a spare loopback port).
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ops.servers import Gunicorn  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LIMIT = 15_000

ATTACH_PHOTOS = """
import sys
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from events.models import Event
from speakers.models import Speaker
from tests import sample_files

path = sys.argv[1]
event = Event.objects.get()
for n, appearance in enumerate(event.appearances.select_related("speaker")):
    if path:
        data = open(path, "rb").read()
    else:
        portrait = sample_files.portrait(1200, 1600, seed=n, noise=40)
        data = sample_files.encode(portrait, "JPEG", quality=92)
    speaker = appearance.speaker
    speaker.photo = SimpleUploadedFile("upload.jpg", data)
    speaker.save()
print(event.get_absolute_url())
"""


def run(*command, env):
    return subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)


def measure(url, scale):
    """[(url, bytes, content type, cache-control)] of the images the page loads at `scale`."""
    from playwright.sync_api import sync_playwright

    images = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(
            viewport={"width": 375, "height": 812}, device_scale_factor=scale
        )
        page = context.new_page()

        def keep(response):
            if response.request.resource_type == "image":
                body = response.body()
                images.append(
                    (
                        response.url,
                        len(body),
                        response.headers.get("content-type"),
                        response.headers.get("cache-control"),
                    )
                )

        page.on("response", keep)
        page.goto(url, wait_until="networkidle")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # lazy images too
        page.wait_for_timeout(1000)
        page.wait_for_load_state("networkidle")
        browser.close()
    return images


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photo", default="", help="a photo to give every demo speaker")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="speaker-images-") as tmp:
        env = {
            **os.environ,
            "DJANGO_SECRET_KEY": "benchmark-only",
            "DJANGO_DEBUG": "false",
            "DJANGO_HTTPS": "false",  # plain http on loopback
            "DATABASE_URL": f"sqlite:///{tmp}/db.sqlite3",
            "DJANGO_MEDIA_ROOT": f"{tmp}/media",
            "DJANGO_MEDIA_STORAGE": "filesystem",
            "DJANGO_SETTINGS_MODULE": "webinar_site.settings",
            "PYTHONPATH": str(ROOT),
        }
        run(python, "manage.py", "migrate", "--noinput", env=env)
        run(python, "manage.py", "load_demo", env=env)
        run(python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0", env=env)
        path = run(python, "-c", ATTACH_PHOTOS, args.photo, env=env).stdout.strip()
        server = Gunicorn(env, Path(tmp) / "gunicorn.log", workers=2, ready_path=path)
        server.start(timeout=60)
        base = server.url
        try:
            print(f"{base}{path} at 375 px; photos: {args.photo or 'generated portraits'}")
            worst = 0
            for scale in (1, 2, 3):
                images = measure(base + path, scale)
                sizes = [size for _, size, _, _ in images]
                worst = max([worst, *sizes])
                print(
                    f"\n{scale}x: {len(images)} images, largest {max(sizes, default=0)} B, "
                    f"total {sum(sizes)} B"
                )
                for url, size, content_type, cache in images:
                    print(f"  {size:>6} B  {content_type:<11} {cache}  {url.rsplit('/', 1)[-1]}")
            verdict = "within" if worst <= LIMIT else "OVER"
            print(f"\nLargest speaker image: {worst} B, {verdict} the {LIMIT} B target.")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
