# Kaveret: `make demo` builds and serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
ADMIN_EMAIL ?= admin@kaveret.local
ADMIN_PASSWORD ?= kaveret-demo-admin

.PHONY: setup demo serve test test-fast lint format typecheck bench messages clean worker

## setup: everything a fresh machine needs (system packages, venv, npm, catalogues)
setup: .stamp-system $(VENV)/.stamp-python node_modules/.stamp-npm messages-compiled

.stamp-system: scripts/system-deps.sh
	bash scripts/system-deps.sh
	touch $@

$(VENV)/.stamp-python: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.stamp-npm: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: messages-compiled
messages-compiled: $(VENV)/.stamp-python
	cd src/kaveret && ../../$(PY) ../../manage.py compilemessages --ignore=.venv -v0

## demo: build the demo ecosystem on SQLite and serve it with a background worker
demo: setup
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin --email $(ADMIN_EMAIL) --password $(ADMIN_PASSWORD)
	@echo ""
	@echo "  Kaveret demo: http://$(HOST):$(PORT)/"
	@echo "  Admin login:  $(ADMIN_EMAIL) / $(ADMIN_PASSWORD)"
	@echo ""
	DEBUG=1 bash scripts/serve-demo.sh $(HOST) $(PORT)

## worker: a Celery worker on the configured broker (SQLite file by default)
worker: setup
	$(BIN)/celery -A kaveret worker --loglevel=INFO --concurrency=2

## test: the whole suite (unit, integration, browser); DATABASE_URL picks the database
test: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(PY) scripts/check_catalogues.py
	$(BIN)/pytest -p no:cacheprovider

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(PY) scripts/check_catalogues.py

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: the benchmarks in bench/, results as JSON in bench/results/
bench: setup
	$(PY) bench/run.py

## messages: extract translatable strings into the he/en/ar catalogues
messages: setup
	cd src/kaveret && ../../$(PY) ../../manage.py makemessages -l he -l en -l ar --no-obsolete --ignore=.venv
	cd src/kaveret && ../../$(PY) ../../manage.py compilemessages -v0

clean:
	rm -rf $(VENV) node_modules var staticfiles .stamp-system
