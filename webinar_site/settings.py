"""Settings for webinar_site: one file; production differs only through the environment.

Every variable is listed in `.env.example`. Values come from the process environment, then
from an optional `.env` file in the project root (written once by `make run`).
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        # manage.py and wsgi.py print this message alone (no traceback) and exit.
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set, and DEBUG is off, so the site will not start. "
            "Set DJANGO_SECRET_KEY to a long random string in the environment or in .env "
            "(`make run` writes a .env with one for local use), or set DJANGO_DEBUG=true "
            "on a developer's machine."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation requires.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "common",
    "events",
    "speakers",
    "timezones",
    "httpcache",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    # After events: its admin extends the webinar's.
    "registrations",
    # Security (see the Security block below).
    "csp",
    "axes",
]

MIDDLEWARE = [
    # Static files first: they carry the security headers through
    # WHITENOISE_ADD_HEADERS_FUNCTION (computed once), not through the middleware below.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The language of the address (common/languages.py), never of the browser: a few string
    # operations, before the page cache so that /en/... redirects with its query string.
    "common.languages.PathLocaleMiddleware",
    # Then the page cache: a cached page is answered with the headers stored with it, before
    # the security middleware, sessions, auth and the database. Under gunicorn a stored page
    # is answered earlier still, before Django's handler (httpcache/wsgi.py, wsgi.py).
    "httpcache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "common.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "common.middleware.reject_null_characters",
    # Cache-Control and surrogate keys for the shared cache in front; purges after saves.
    # Inside the page cache (its headers are stored with the page), outside the session and
    # CSRF middleware (so it sees the cookies they set).
    "httpcache.front.FrontCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Pages show the visitor's chosen time zone (a cookie): Vary: Cookie on HTML.
    "timezones.middleware.TimezoneVaryMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "webinar_site.urls"
WSGI_APPLICATION = "webinar_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "common.context_processors.site",
                "timezones.context_processors.visitor_timezone",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Whole-page cache for anonymous visitors (httpcache/middleware.py), in the default cache.
# Saving or deleting anything in these apps, or any write by staff, makes every page stale on
# every server sharing the cache. With the default locmemcache each process holds its own
# pages, so other processes may show a change up to PAGE_CACHE_SECONDS late: use a shared
# cache (CACHE_URL=redis://...) when running several processes.
PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=600)
PAGE_CACHE_BROWSER_SECONDS = env.int("DJANGO_PAGE_CACHE_BROWSER_SECONDS", default=60)
PAGE_CACHE_APPS = ["events", "speakers"]
# The query parameters each view reads (by URL name); the page cache keys on these and drops
# every other parameter before the view runs, so `?cb=N` neither renders nor stores anew.
PAGE_CACHE_QUERY_PARAMS = {
    "events:list": ["q", "topic", "sdg", "year", "when", "language", "speaker", "page"],
    "events:topic": ["page"],
    "speakers:list": ["page"],
    "timezones:choose": ["tz", "next"],
    "sitemap": ["p"],
    "sitemap-section": ["p"],  # ?p=2 … of a section of the sitemap index
}
# The cookies that change pages, each with the function that normalises its value.
PAGE_CACHE_COOKIES = {"tz": "timezones.zones.cookie_zone_name"}
PAGE_CACHE_HORIZON = "events.models.next_timing_change"

# The shared cache in front (Varnish with ops/varnish/default.vcl, or a CDN): README
# "Front cache". Anonymous pages say `public, s-maxage=...` and name what they show in
# FRONT_CACHE_KEY_HEADER; saves purge those keys through FRONT_CACHE_PURGE_BACKEND.
# DJANGO_FRONT_CACHE_SECONDS=0 marks nothing as shareable.
FRONT_CACHE_SECONDS = env.int("DJANGO_FRONT_CACHE_SECONDS", default=600)
FRONT_CACHE_STALE_WHILE_REVALIDATE = env.int(
    "DJANGO_FRONT_CACHE_STALE_WHILE_REVALIDATE", default=30
)
FRONT_CACHE_STALE_IF_ERROR = env.int("DJANGO_FRONT_CACHE_STALE_IF_ERROR", default=86400)
FRONT_CACHE_KEY_HEADER = env.str("DJANGO_FRONT_CACHE_KEY_HEADER", default="xkey")
FRONT_CACHE_PURGE_BACKEND = env.str(
    "DJANGO_FRONT_CACHE_PURGE_BACKEND", default="httpcache.purge.VarnishPurger"
)
FRONT_CACHE_PURGE_URLS = env.list("DJANGO_FRONT_CACHE_PURGE_URLS", default=[])
FRONT_CACHE_PURGE_TIMEOUT = env.float("DJANGO_FRONT_CACHE_PURGE_TIMEOUT", default=2.0)
FRONT_CACHE_PURGE_SOFT = env.bool("DJANGO_FRONT_CACHE_PURGE_SOFT", default=False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the six official UN languages. English pages keep their unprefixed
# addresses; the others live under /ar/, /zh-hans/, /fr/, /ru/, /es/ (webinar_site/urls.py).
# The language of a public page comes from its address alone (common/languages.py);
# the admin follows the staff member's browser. Catalogues are in locale/ (`make messages`
# refreshes them). Times are stored in UTC and shown in each event's own IANA time zone.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
#: The six official UN languages, for the language of event documents.
DOCUMENT_LANGUAGES = LANGUAGES
# django-modeltranslation: what staff write has a column per language; an empty translation
# shows the English original (marked lang="en" on the page).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# English first in the admin's forms: it is what staff write first and what pages fall back to.
MODELTRANSLATION_LANGUAGES = ("en", "ar", "zh-hans", "fr", "ru", "es")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Slugs are filled in from the English title (title_en), whatever language the admin is in.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0


def _static_security_headers(headers, path, url):
    """Static files carry the same security headers as pages, computed once (imported
    lazily: the middleware module needs settings that are being defined here)."""
    from common.middleware import add_security_headers

    add_security_headers(headers, path, url)


WHITENOISE_ADD_HEADERS_FUNCTION = _static_security_headers

# --- Media: uploaded photos and documents (README "Uploads and media storage") -------------
# DJANGO_MEDIA_STORAGE=filesystem (default): files live in MEDIA_ROOT on this server and,
# with SERVE_MEDIA, Django serves them (common.media.serve_media) with cache headers.
# DJANGO_MEDIA_STORAGE=s3: an S3-compatible object store through django-storages, which
# several app servers share; credentials come from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
# (or the machine's role), never from this file.
MEDIA_STORAGE = env.str("DJANGO_MEDIA_STORAGE", default="filesystem")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "common.storage.MediaS3Storage",
        "OPTIONS": {
            "bucket_name": env.str("DJANGO_MEDIA_S3_BUCKET"),
            "endpoint_url": env.str("DJANGO_MEDIA_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("DJANGO_MEDIA_S3_REGION", default=None),
            # Public base of the files, e.g. a CDN host "media.example.org" (no scheme).
            "custom_domain": env.str("DJANGO_MEDIA_S3_CUSTOM_DOMAIN", default=None),
            "location": env.str("DJANGO_MEDIA_S3_PREFIX", default=""),
            "default_acl": env.str("DJANGO_MEDIA_S3_ACL", default=None),
            "querystring_auth": False,  # public files with stable, cacheable URLs
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"DJANGO_MEDIA_STORAGE is {MEDIA_STORAGE!r}; use 'filesystem' or 's3'."
    )
# Serve MEDIA_ROOT from Django itself: fine for one server (`make run`); set it to false when
# a proxy serves MEDIA_ROOT or when the files are in object storage.
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=MEDIA_STORAGE == "filesystem")
# Upload limits. Larger files are refused with a message that states the limit.
PHOTO_UPLOAD_MAX_BYTES = env.int("DJANGO_PHOTO_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
PHOTO_MAX_PIXELS = env.int("DJANGO_PHOTO_MAX_PIXELS", default=40_000_000)
DOCUMENT_UPLOAD_MAX_BYTES = env.int("DJANGO_DOCUMENT_UPLOAD_MAX_BYTES", default=30 * 1024 * 1024)
# Widths (px) of the square speaker photo renditions: cards show 72 CSS px, the speaker page
# 160, at 1x to 3x screen density. After a change, run `manage.py regenerate_renditions`.
SPEAKER_PHOTO_SIZES = [80, 160, 240, 320, 480]

# Name and link of the institution that runs the site (used in the header and as the
# default organizer of new events).
SITE_NAME = env.str("DJANGO_SITE_NAME", default="UN DESA Capacity-Building Webinars")


# ---------------------------------------------------------------------------------------------
# Security. Safe by default: production is HTTPS with HSTS, secure cookies and a strict CSP.
# A developer serving plain http on their own machine sets DJANGO_HTTPS=false (`make run`
# writes that into .env). Every variable is listed in .env.example and the README.
# ---------------------------------------------------------------------------------------------
#: Whether the public reaches the site over HTTPS (directly or through a proxy).
HTTPS = env.bool("DJANGO_HTTPS", default=True)

# Behind a proxy that ends TLS: the header it sets, e.g. "HTTP_X_FORWARDED_PROTO,https".
# Set it only when the proxy always sets (and overwrites) that header.
_proxy_ssl_header = env.tuple("DJANGO_SECURE_PROXY_SSL_HEADER", default=())
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) if _proxy_ssl_header else None
# Origins (scheme://host[:port]) trusted for unsafe requests: needed for the admin's forms
# when a proxy changes the Host or the scheme.
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=HTTPS)
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
# The preload token only consents to the browsers' preload list; nothing is submitted.
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

_secure_cookies = env.bool("DJANGO_SECURE_COOKIES", default=HTTPS)
SESSION_COOKIE_SECURE = _secure_cookies
CSRF_COOKIE_SECURE = _secure_cookies
LANGUAGE_COOKIE_SECURE = _secure_cookies
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp 4). Nothing inline runs: the one script and the
# stylesheet are files. `request.csp_nonce` adds a nonce for inline data blocks (JSON-LD).
# DJANGO_CSP_IMG_SRC: further origins for images, e.g. object storage serving the uploads.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, *env.list("DJANGO_CSP_IMG_SRC", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "upgrade-insecure-requests": HTTPS,
        "report-uri": env.str("DJANGO_CSP_REPORT_URI", default="") or None,
    },
}

# Permissions-Policy: the site uses none of these browser features, so none may be used.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# The admin's address. Moving it off /admin/ keeps automated scanners off the sign-in page.
ADMIN_URL = env.str("DJANGO_ADMIN_URL", default="admin/").strip("/") + "/"
# Never kept in the page cache (see PAGE_CACHE_SECONDS above).
PAGE_CACHE_EXCLUDE_PATHS = [f"/{ADMIN_URL}", MEDIA_URL, "/healthz", "/join/", "/registrations/"]

# django-axes: a sign-in is refused for DJANGO_AXES_COOLOFF_MINUTES after
# DJANGO_AXES_FAILURE_LIMIT failures for one username from one client address, or after
# DJANGO_AXES_ADDRESS_FAILURE_LIMIT failures from one address for any usernames (the looser
# limit: several colleagues behind one office network). Failures for a username from other
# addresses never lock out its owner, so nobody can keep an administrator out from afar.
# Attempts made while locked out are not counted (they do not prolong the lock). Unlock early
# with `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS`. Attempts live in the
# database, shared by all servers. Behind reverse proxies, DJANGO_PROXY_COUNT says how many
# append to X-Forwarded-For, so that the client's own address is the one counted.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_AXES_FAILURE_LIMIT", default=5)
LOCKOUT_ADDRESS_FAILURE_LIMIT = env.int("DJANGO_AXES_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("DJANGO_AXES_COOLOFF_MINUTES", default=60))
# In the order of common.security.LockoutHandler's limits.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "common.security.LockoutHandler"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "common.security.client_ip"
PROXY_COUNT = env.int("DJANGO_PROXY_COUNT", default=0)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "common.security.lockout_response"
AXES_VERBOSE = False


# --- Production stack: database, cache, sessions, health check, logs ------------------------
# Several gunicorn instances behind a load balancer share one database and one cache; no
# instance keeps state on its local disk except MEDIA_ROOT (the "default" storage).
INSTALLED_APPS += ["ops"]
# Innermost, so it sees view errors first: a database that is down gives 503, not 500.
MIDDLEWARE += ["ops.middleware.DatabaseUnavailableMiddleware"]

# Persistent connections (seconds; 0 closes after each request), checked before reuse so a
# restarted PostgreSQL costs no failed request once it is back.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock (up to 20 s) instead of failing at once with "database is
    # locked" when two staff members save at the same moment.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast (seconds) rather than hang a worker when the server is unreachable.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# CACHE_URL=redis://host:6379/1 in production: shared by every instance, through
# django-redis (django-environ picks it for redis:// URLs; query parameters such as
# ?SOCKET_TIMEOUT=2 become its OPTIONS). IGNORE_EXCEPTIONS: while Redis is down every cache
# call answers as an empty cache would, so the site runs uncached, not broken, and each
# failure is logged (django_redis.cache logger). A refused connection fails at once; a Redis
# that accepts but never answers costs each call up to the timeouts below (seconds).
REDIS_CACHE_OPTIONS = {
    "IGNORE_EXCEPTIONS": True,
    "SOCKET_CONNECT_TIMEOUT": 1,
    "SOCKET_TIMEOUT": 1,
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    CACHES["default"]["OPTIONS"] = {**REDIS_CACHE_OPTIONS, **CACHES["default"].get("OPTIONS", {})}

# collectstatic's target; each instance (or the image it runs from) has its own copy.
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=STATIC_ROOT)

# Sessions (staff sign-ins) live in the shared database, so any instance can serve them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# A load balancer's health check may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Logs go to stdout, one JSON object per line (ops.jsonlog); DJANGO_LOG_FORMAT=text for
# plain lines when reading them in a terminal. gunicorn.conf.py uses the same formatter.
LOG_FORMAT = env.str("DJANGO_LOG_FORMAT", default="json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "ops.jsonlog.JSONFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "text" if LOG_FORMAT == "text" else "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}


# --- Registration, email and the task worker (issue 14; README "Registration") ------------
# Emails are sent by a worker, `manage.py db_worker` (django-tasks' database backend: the
# queue is a table in DATABASE_URL, no broker). `make run` starts it next to gunicorn.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# EMAIL_URL: smtp://user:password@host:587/?tls=True, smtp://host:25, consolemail:// (print
# to the worker's output), dummymail:// (drop). `make run` writes consolemail:// into .env.
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="webinars@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=30)  # seconds
# The site's public address, for links in emails (written by the worker, without a request).
SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000")
# Personal data of registrants is deleted this many days after the event by
# `manage.py purge_registrations` (run it daily from cron); counts per country are kept.
REGISTRATION_RETENTION_DAYS = env.int("DJANGO_REGISTRATION_RETENTION_DAYS", default=30)
# How long a confirmation link works; unconfirmed registrations are deleted after that.
REGISTRATION_CONFIRM_DAYS = env.int("DJANGO_REGISTRATION_CONFIRM_DAYS", default=7)
# Reminders before each session, in hours.
REGISTRATION_REMINDER_HOURS = env.list(
    "DJANGO_REGISTRATION_REMINDER_HOURS", cast=float, default=[24, 1]
)
# Sign-ups per hour from one client address, and for one email address.
REGISTRATION_RATE_PER_ADDRESS = env.int("DJANGO_REGISTRATION_RATE_PER_ADDRESS", default=20)
REGISTRATION_RATE_PER_EMAIL = env.int("DJANGO_REGISTRATION_RATE_PER_EMAIL", default=5)
# A failed send is tried again after RETRY_SECONDS, then twice as long each time, up to
# MAX_ATTEMPTS attempts in all (60 s and 8: the last try about 4 hours after the first).
REGISTRATION_EMAIL_RETRY_SECONDS = env.float("DJANGO_REGISTRATION_EMAIL_RETRY_SECONDS", default=60)
REGISTRATION_EMAIL_MAX_ATTEMPTS = env.int("DJANGO_REGISTRATION_EMAIL_MAX_ATTEMPTS", default=8)
