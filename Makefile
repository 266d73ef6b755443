# The two commands a person needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
TEMPLATE_DIRS := templates $(wildcard */templates)
# `make run PORT=8001` when 8000 is taken.
PORT ?= 8000

# The message catalogs, compiled by GNU gettext (a README prerequisite) whenever a .po changes.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po */locale/*/LC_MESSAGES/*.po))

.PHONY: messages install run port-free test lint fmt migrate content clean serve bench observatory lighthouse

install: $(STAMP) messages

messages: $(MO_FILES)

%.mo: %.po
	@command -v msgfmt >/dev/null || { echo "msgfmt not found: install GNU gettext (see README)"; exit 1; }
	msgfmt --check --output-file=$@ $<

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

# The port is checked first, so a busy one fails at once with a hint, not after migrate.
# The task worker (e-mails, staff digests) runs beside the server and stops with it.
run: port-free content
	PYTHON=$(BIN)/python scripts/with_worker.sh $(MANAGE) runserver 127.0.0.1:$(PORT)

port-free: install
	@$(BIN)/python ops/port_free.py $(PORT)

# Production settings on this machine: DEBUG off, collected and compressed static
# files, gunicorn. Without TLS in front, the SSL redirect is off; a real server runs
# behind a TLS proxy (docs/deployment.md). SECRET_KEY and ALLOWED_HOSTS come from
# the environment or .env; when unset, a throwaway key and localhost are used.
serve: install
	@set -e; \
	export DJANGO_SETTINGS_MODULE=clinic.settings.production; \
	export SECRET_KEY="$${SECRET_KEY:-$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(64))')}"; \
	export ALLOWED_HOSTS="$${ALLOWED_HOSTS:-localhost,127.0.0.1}"; \
	export SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-false}"; \
	$(BIN)/python manage.py migrate --noinput; \
	$(BIN)/python manage.py load_clinic_content; \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0; \
	echo "Serving on http://127.0.0.1:8000 (production settings)"; \
	PYTHON=$(BIN)/python exec scripts/with_worker.sh $(BIN)/gunicorn -c gunicorn.conf.py

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint --check $(TEMPLATE_DIRS)
	$(BIN)/djlint --lint $(TEMPLATE_DIRS)

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djlint --reformat $(TEMPLATE_DIRS)

clean:
	rm -rf $(VENV) staticfiles

# req/s, p50 and p99 of the public pages and the intake submit path (against /healthz),
# then the review queue, an intake and a search at 10,000 and 100,000 intakes (against the
# signed-in floor, 4 dermatologists), purge_intakes over 100,000 and the resume scenario, in one
# run, then (bench/photos.py) re-making a 12-megapixel photo: time and peak memory. On gunicorn
# (gunicorn.conf.py, production settings) and PostgreSQL (127.0.0.1:5432, user postgres).
# Uses wrk (apt-get installs it if missing) and its own database clinic_bench, re-created
# each run; about 15 minutes. Results: bench-results/. Options: bench/run.py (BENCH_SECONDS=…).
bench: install
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.photos

# Mozilla HTTP Observatory grade of the production headers, scanned locally: gunicorn
# (production settings) behind a throwaway nginx TLS proxy on 127.0.0.1:443/:80.
# Fails unless the grade is A+. Needs root for ports 80/443; see ops/observatory/README.md.
observatory: install
	bash ops/observatory/run.sh

# Lighthouse (mobile) on home, the scar guide, an explainer, compare, an intake step and
# a guide, served with production settings (gunicorn on LIGHTHOUSE_PORT, default 8101, and
# its own SQLite file under var/lighthouse/). Reports the four scores, each page's first-load
# weight and CLS; fails when one misses issue 14's targets. About 2 minutes.
# Node 20 and chromium; Lighthouse itself from ops/lighthouse/package-lock.json.
lighthouse: install
	cd ops/lighthouse && npm ci --no-audit --no-fund --silent
	$(BIN)/python ops/lighthouse/run.py
