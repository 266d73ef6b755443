# The two commands a person needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
TEMPLATE_DIRS := templates $(wildcard */templates)

.PHONY: install run test lint fmt migrate content clean bench

install: $(STAMP)

# Re-installs only when a requirements file changes, so `make test` stays fast.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

migrate: install
	$(MANAGE) migrate --noinput

content: migrate
	$(MANAGE) load_clinic_content

run: content
	$(MANAGE) runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --check $(TEMPLATE_DIRS)

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djlint --reformat $(TEMPLATE_DIRS)

clean:
	rm -rf $(VENV) staticfiles

# p50/p99 of the intake submit path (and /healthz as a baseline) at 16 concurrent
# clients against gunicorn on PostgreSQL (127.0.0.1:5432, user postgres). Uses its own
# database clinic_bench, re-created each run. Options: see bench/run.py (BENCH_SECONDS=…).
bench: install
	$(BIN)/python -m bench.run
