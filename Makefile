# The one path for developers, the README and CI. `make run` and `make test` do all set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL for the second test run (pytest-django creates and drops test_<name>).
PG_URL ?= postgres://postgres@127.0.0.1:5432/webinar_site
# Tests never read a developer's .env for these: the same settings on every machine.
TEST_ENV := DJANGO_SECRET_KEY=test-only-not-secret DJANGO_DEBUG=false DJANGO_HTTPS=true \
	CACHE_URL=locmemcache:// DATABASE_URL=sqlite:///db.sqlite3

.PHONY: run test lint format install install-dev migrate demo static ensure-postgres clean \
	ensure-browser-tools ensure-varnish ensure-wrk bench bench-large test-servers loadtest backup \
	restore ensure-gettext messages compilemessages

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# A local secret, generated once and kept out of git. `make run` serves plain http on this
# machine, so the local .env also turns off what needs HTTPS (redirect, HSTS, secure cookies).
.env:
	@echo "Writing .env: a new local DJANGO_SECRET_KEY, DJANGO_HTTPS=false, a file cache"
	@$(PYTHON) -c "import secrets; print('DJANGO_SECRET_KEY=' + secrets.token_urlsafe(50))" > .env
	@echo "DJANGO_HTTPS=false" >> .env
	@echo "# One cache for all of gunicorn's workers, so an edit shows at once (Redis in production)." >> .env
	@echo "CACHE_URL=filecache://$(CURDIR)/.cache/django" >> .env
	@echo "# Registration emails are printed by the worker; smtp://host:port to send them." >> .env
	@echo "EMAIL_URL=consolemail://" >> .env

# --- Languages: catalogues in locale/<locale>/LC_MESSAGES/django.po (English is the source) ---
LOCALES := ar zh_Hans fr ru es
CATALOGUES := $(foreach l,$(LOCALES),locale/$(l)/LC_MESSAGES/django.mo)
# What makemessages must not read: installed packages, built files and the tests' own text.
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=media \
	--ignore=tests --ignore=scripts --ignore=backups

# msgfmt, xgettext and msgmerge (Debian's gettext) compile and refresh the catalogues.
ensure-gettext:
	@command -v msgfmt >/dev/null || { echo "Installing Debian packages: gettext"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext; }

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po | ensure-gettext
	msgfmt --check-format --check-header --check-domain -o $@ $<

compilemessages: $(CATALOGUES)

# After adding or changing a user-facing string: refresh every catalogue (new strings come in
# empty, changed ones fuzzy), translate them, then `make test` (tests/languages/test_catalogues.py fails
# on anything left untranslated or fuzzy). The site's script has no strings of its own (its
# words come from data-* attributes of the page), so there is no djangojs catalogue.
messages: install ensure-gettext
	$(PY) manage.py makemessages $(addprefix --locale=,$(LOCALES)) $(MESSAGES_IGNORE) \
		--no-obsolete --add-location=file

migrate: install .env
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

static: install .env
	$(PY) manage.py collectstatic --noinput --verbosity 0

# gunicorn and the task worker that sends registration emails (`manage.py db_worker`), side
# by side; Ctrl+C (or gunicorn exiting) stops both. Without EMAIL_URL in .env the emails are
# printed by the worker (consolemail://); links in them point at this address.
run: demo static compilemessages
	@echo "Serving on http://$(HOST):$(PORT)/ with the email worker  (Ctrl+C to stop)"
	@grep -q '^EMAIL_URL=' .env || export EMAIL_URL=consolemail://; \
	grep -q '^DJANGO_SITE_URL=' .env || export DJANGO_SITE_URL=http://$(HOST):$(PORT); \
	$(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/gunicorn -c gunicorn.conf.py webinar_site.wsgi --bind $(HOST):$(PORT) --workers 2

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

ensure-postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || (service postgresql start && sleep 3 && pg_isready -h 127.0.0.1 -p 5432)

# Browser tests need Debian's Chromium, Java for the Nu HTML Checker, and npm to install it.
ensure-browser-tools:
	@missing=""; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# The front-cache tests and `make bench` run Debian's Varnish with the xkey vmod
# (varnish-modules) on a spare loopback port of their own (ops/varnishd.py).
ensure-varnish:
	@missing=""; \
	test -x /usr/sbin/varnishd || missing="$$missing varnish"; \
	ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1 || missing="$$missing varnish-modules"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# The load driver of `make bench` and `make loadtest` (scripts/wrk.py): Debian's wrk.
ensure-wrk:
	@command -v wrk >/dev/null || { echo "Installing Debian package: wrk"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }

# vnu.jar from npm, exactly as package-lock.json pins it (its Java-downloading install script
# is not run: the machine's Java is used).
node_modules/.installed: package.json package-lock.json | ensure-browser-tools
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

test: install-dev lint ensure-postgres ensure-browser-tools ensure-wrk node_modules/.installed \
	compilemessages
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	@echo "== Tests on SQLite, with the browser tests =="
	$(TEST_ENV) $(BIN)/pytest
	@echo "== Tests on PostgreSQL ($(PG_URL)); browser tests ran above =="
	$(TEST_ENV) DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not browser and not servers"
	@$(MAKE) --no-print-directory test-servers

# --- Production stack: scale-out, faults, load, backups -----------------------------------
# Two gunicorn instances on a throwaway PostgreSQL and Redis of their own (spare ports, never
# the machine's shared servers): shared edits and sessions, database crash under load, Redis
# stopped, backup/restore round trips; then Varnish in front of two more (hit ratio under
# 50 clients for 30 s, purge after an admin edit, a minute of stale pages with both
# instances stopped). About four minutes.
test-servers: install-dev ensure-varnish compilemessages
	@echo "== Scale-out, fault and backup tests on throwaway servers =="
	$(TEST_ENV) $(BIN)/pytest -m servers

# gunicorn (gunicorn.conf.py) on a spare loopback port, wrk with 50 connections for 30 s on
# the demo webinar's page, the list and its .ics; the database and cache of .env / the
# environment (SQLite by default).
LOADTEST_CLIENTS ?= 50
LOADTEST_SECONDS ?= 30
DEMO_EVENT := /events/smart-cities-urban-digital-transformation-2021/
loadtest: install-dev ensure-wrk demo static compilemessages
	$(PY) scripts/loadtest.py --clients $(LOADTEST_CLIENTS) --seconds $(LOADTEST_SECONDS) \
		--path /events/ --path $(DEMO_EVENT) --path $(DEMO_EVENT)calendar.ics

# The database (pg_dump, or SQLite's online backup) and MEDIA_ROOT into backups/<time>/,
# or BACKUP_DIR=...; `make restore BACKUP=backups/<time>` puts them back (asks first).
backup: install .env
	$(PY) manage.py backup $(if $(BACKUP_DIR),--output $(BACKUP_DIR))

restore: install .env
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/<time>"; exit 2; }
	$(PY) manage.py restore $(BACKUP)

# What one request costs: WhiteNoise alone (the ceiling) and the site, each under gunicorn
# on a spare loopback port, driven by wrk in alternating rounds; then the CPU of one request
# in process. About two minutes. Figures and the machine go in docs/benchmarks.md.
BENCH_SECONDS ?= 10
bench: install ensure-varnish ensure-wrk compilemessages
	$(PY) scripts/bench.py --seconds $(BENCH_SECONDS)

# 10,000 generated webinars and 5,000 speakers against the demo, on throwaway databases of
# the PostgreSQL server at 127.0.0.1:5432 (created and dropped by scripts/bench_large.py):
# uncached render time p50 and queries per page, peak memory of the calendar and feeds.
# A few minutes; figures in docs/benchmarks.md.
bench-large: install ensure-postgres compilemessages
	$(PY) scripts/bench_large.py

clean:
	rm -rf $(VENV) staticfiles node_modules
