# Two commands for a fresh machine (Python 3.11+, make, git):
#   make run   — set up everything and start the portal with demo data on http://127.0.0.1:8000
#   make test  — run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# One test process per core (pytest-xdist); `make test PYTEST_ARGS=` runs in one process.
PYTEST_ARGS ?= -n auto

.PHONY: run setup test test-fast lint format messages compile-messages lock audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The versions of requirements/dev.txt (the lock file, `make lock`), checked against its hashes;
# then the portal itself, whose dependencies the lock already holds.
$(VENV)/.installed: pyproject.toml requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

# Lock files: requirements/production.txt (a server: the dependencies with the s3 and sentry
# extras) and requirements/dev.txt (with the dev and bench extras). Versions already locked stay
# unless pyproject.toml no longer allows them; `make lock UPGRADE=1` takes the newest allowed.
LOCK := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11.5 \
	--generate-hashes --custom-compile-command "make lock" --quiet $(if $(UPGRADE),--upgrade)
lock: $(VENV)/.installed
	$(LOCK) --extra s3 --extra sentry -o requirements/production.txt
	$(LOCK) --extra dev --extra bench -o requirements/dev.txt

# Known vulnerabilities in the locked versions (PyPI's advisory data); strict: a package that
# could not be checked fails the audit too.
audit: $(VENV)/.installed
	$(BIN)/pip-audit --strict --disable-pip --require-hashes --progress-spinner off \
		-r requirements/production.txt -r requirements/dev.txt

compile-messages: $(VENV)/.installed
	$(MANAGE) compile_translations

setup: $(VENV)/.installed compile-messages
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo

run: setup
	@echo "Starting the portal on http://$(HOST):$(PORT)/ (second portal: http://support.initech.localhost:$(PORT)/)"
	@# The scheduled jobs (docs/deployment.md) run beside the server and stop with it.
	@# --insecure: static files without DEBUG (which would show Django's debug pages).
	$(MANAGE) run_schedule & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver --insecure $(HOST):$(PORT)

test: $(VENV)/.installed compile-messages
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extracting strings needs GNU gettext (developers only); compiling does not.
messages: $(VENV)/.installed
	$(MANAGE) makemessages --all --no-obsolete --ignore=".venv/*" --ignore="var/*" --ignore="tests/*" --ignore="bench/var/*"

clean:
	rm -rf $(VENV) var
