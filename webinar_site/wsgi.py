"""WSGI entry point for gunicorn: `gunicorn webinar_site.wsgi`.

`application` is Django's WSGI handler behind httpcache.wsgi.PageCacheApplication, which
answers stored pages before the handler runs."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "webinar_site.settings")

try:
    django_application = get_wsgi_application()
    from httpcache.wsgi import PageCacheApplication  # noqa: E402 - once Django is set up

    application = PageCacheApplication(django_application)
except ImproperlyConfigured as error:
    # A bad configuration (e.g. no DJANGO_SECRET_KEY) is reported in one line, without a
    # traceback. Exit status 4 is gunicorn's "app failed to load": the master stops instead
    # of starting new workers again and again.
    print(f"Cannot start: {error}", file=sys.stderr, flush=True)
    sys.exit(4)
