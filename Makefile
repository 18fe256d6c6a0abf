# The one path for developers, the README and CI. `make run` and `make test` do all set-up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL for the second test run (pytest-django creates and drops test_<name>).
PG_URL ?= postgres://postgres@127.0.0.1:5432/webinar_site
TEST_ENV := DJANGO_SECRET_KEY=test-only-not-secret DJANGO_DEBUG=false DJANGO_HTTPS=true

.PHONY: run test lint format install install-dev migrate demo static ensure-postgres clean

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
	@echo "Writing .env with a new local DJANGO_SECRET_KEY and DJANGO_HTTPS=false"
	@$(PYTHON) -c "import secrets; print('DJANGO_SECRET_KEY=' + secrets.token_urlsafe(50))" > .env
	@echo "DJANGO_HTTPS=false" >> .env

migrate: install .env
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

static: install .env
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: demo static
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(BIN)/gunicorn webinar_site.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

ensure-postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || (service postgresql start && sleep 3 && pg_isready -h 127.0.0.1 -p 5432)

test: install-dev lint ensure-postgres
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	@echo "== Tests on SQLite =="
	$(TEST_ENV) $(BIN)/pytest
	@echo "== Tests on PostgreSQL ($(PG_URL)) =="
	$(TEST_ENV) DATABASE_URL=$(PG_URL) $(BIN)/pytest

clean:
	rm -rf $(VENV) staticfiles
