"""Settings for webinar_site: one file; production differs only through the environment.

Every variable is listed in `.env.example`. Values come from the process environment, then
from an optional `.env` file in the project root (written once by `make run`).
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it in the environment or in .env "
            "(`make run` writes one for local use), or set DJANGO_DEBUG=true for development."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "events",
    "speakers",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "webinar_site.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the six official UN languages. Times are stored in UTC and shown
# in each event's own IANA time zone.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
# Serve MEDIA_ROOT from Django itself (fine for one server; put a proxy or object storage
# in front of it in larger deployments).
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0

# Name and link of the institution that runs the site (used in the header and as the
# default organizer of new events).
SITE_NAME = env.str("DJANGO_SITE_NAME", default="UN DESA Capacity-Building Webinars")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True


# --- Production stack (issue 5): database, cache, sessions, health check, logs ------------
# Several gunicorn instances behind a load balancer share one database and one cache; no
# instance keeps state on its local disk except MEDIA_ROOT (the "default" storage).
INSTALLED_APPS += ["ops"]
# Innermost, so it sees view errors first: a database that is down gives 503, not 500.
MIDDLEWARE += ["ops.middleware.DatabaseUnavailableMiddleware"]

# Persistent connections (seconds; 0 closes after each request), checked before reuse so a
# restarted PostgreSQL costs no failed request once it is back.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast (seconds) rather than hang a worker when the server is unreachable.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# CACHE_URL=redis://host:6379/1 in production: shared by every instance. The Redis backend
# is ops.cache.DegradingRedisCache: while Redis is down the site runs uncached, not broken.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "ops.cache.DegradingRedisCache"

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
