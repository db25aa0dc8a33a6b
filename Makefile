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

.PHONY: run setup test test-fast lint format messages compile-messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

compile-messages: $(VENV)/.installed
	$(MANAGE) compile_translations

setup: $(VENV)/.installed compile-messages
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo

run: setup
	@echo "Starting the portal on http://$(HOST):$(PORT)/ (second portal: http://support.initech.localhost:$(PORT)/)"
	@# The scheduled jobs (docs/deployment.md) run beside the server and stop with it.
	$(MANAGE) run_schedule & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

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
	$(MANAGE) makemessages --all --no-obsolete --ignore=".venv/*" --ignore="var/*" --ignore="tests/*"

clean:
	rm -rf $(VENV) var
