# Wijkproces: `make run` (the app with demo data) and `make test` (the whole suite).
# Without DATABASE_URL / REDIS_URL both start an embedded PostgreSQL and Valkey (core/devstack.py).
SHELL := /bin/bash
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTACK := $(BIN)/python -m core.devstack --

.PHONY: run test lint format venv chromium messages audit lock clean bench-load

venv: $(STAMP)
$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PY) >/dev/null || { echo "Python 3.11 is required ($(PY))"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's Chromium for the browser tests"; \
	  (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)); }

# Compiled catalogues (.mo) are committed; recompile when gettext is available.
messages:
	@if command -v msgfmt >/dev/null; then \
	  for po in locale/*/LC_MESSAGES/django.po; do msgfmt --check-format -o $${po%.po}.mo $$po; done; fi

run: venv messages
	$(DEVSTACK) bash -c 'set -e; \
	  $(BIN)/python manage.py migrate --no-input; \
	  $(BIN)/python manage.py demo_load; \
	  echo; echo "Wijkproces: http://127.0.0.1:8000  (Ctrl-C stops everything)"; echo; \
	  PATH=$(CURDIR)/$(BIN):$$PATH exec $(BIN)/honcho start -f Procfile'

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates */templates --lint --quiet
	$(BIN)/lint-imports --no-cache

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: venv chromium messages lint
	$(DEVSTACK) $(BIN)/python -m pytest --ds=config.settings.test $(PYTEST_ARGS)  # whatever DJANGO_SETTINGS_MODULE says

# Known vulnerabilities in the runtime dependencies (before each release). Needs the online
# vulnerability service (PyPI's JSON API), so CI does not run it.
audit: venv
	$(BIN)/python -m pip install --quiet pip-audit==2.10.1
	$(BIN)/pip-audit --strict --require-hashes -r requirements.lock

# Production installs from requirements.lock: every package (also the indirect ones) pinned with
# its sha256 hashes (`pip install --require-hashes -r requirements.lock`). Regenerate after a change
# to requirements.txt (needs the package index), then run `make test` and `make audit`.
lock: venv
	$(BIN)/python -m pip install --quiet pip-tools==7.7.0
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --output-file requirements.lock requirements.txt

# Load tests of issue 11 (bench/RESULTS.md, "Load (issue 11)"): gunicorn + locust on the
# loopback, about 12 minutes, against the load database wp_h_load (see bench/load.sh).
bench-load: venv
	bash bench/load.sh all

clean:
	rm -rf $(VENV) .devdata staticfiles .pytest_cache .ruff_cache
