# Victim Care: `make run` to try it, `make test` to test it. Both work on a fresh machine with
# Python 3.11 and Node.js/npm, and install only from the package registries.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto

.PHONY: run test install install-test frontend translations lint security worker scheduler sweep clean

run: install frontend translations
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test frontend translations
	$(BIN)/pytest $(PYTEST_ARGS)

# A known pip first: Python 3.11's own (23.2) refuses the hash-pinned lock files, reading a dependency's
# extra (pip-audit's CacheControl[filecache]) as a requirement left unpinned.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==26.3

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.test-installed: requirements/test.txt $(VENV)/.base-installed
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	touch $@

install: $(VENV)/.base-installed
install-test: $(VENV)/.test-installed

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

frontend: node_modules/.installed
	npm run --silent build

# Every Welsh catalogue: the project's (victimcare/locale) and each app's own (victimcare/*/locale).
translations: install
	@find victimcare -path '*/locale/*/LC_MESSAGES/django.po' | while read -r po; do \
		$(BIN)/pybabel compile --statistics -i "$$po" -o "$${po%.po}.mo" || exit 1; \
	done

lint: install-test
	$(BIN)/ruff check .

# Security checks: ruff's security rules (S, also part of `lint`), bandit, and the locked dependencies audited for
# known vulnerabilities (pip-audit; .ci/audit_dependencies.py says how many packages could not be audited).
security: install-test
	$(BIN)/ruff check --select S .
	$(BIN)/bandit -r victimcare -c pyproject.toml -q
	$(BIN)/python .ci/audit_dependencies.py requirements/base.txt requirements/test.txt

worker: install
	TASK_WORKER=1 $(BIN)/python manage.py db_worker

scheduler: install
	TASK_WORKER=1 $(BIN)/python manage.py charter_scheduler --every 300

sweep: install
	$(BIN)/python manage.py sweep_commitments

clean:
	rm -rf $(VENV) node_modules victimcare/frontend/build staticfiles db.sqlite3
