# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements

.PHONY: run serve test fuzz audit-deps bench bench-pages bench-import chaos audit screenshots format clean backup restore \
	locale messages

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	cp requirements.txt $(STAMP)

# The interface's translations (docs/translations.md): each locale/<language>/LC_MESSAGES/django.po in the repository is
# compiled to its .mo, which is not committed, by Babel (pinned in requirements.txt): a fresh machine need not have
# GNU gettext's msgfmt. Every target that serves pages or runs tests depends on them.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale: $(MO_FILES)
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po $(STAMP)
	$(BIN)/pybabel -q compile -i $< -o $@

# After changing interface text: the strings of Python, Jinja2 and Django templates (babel.cfg) into each .po, new
# ones empty to translate, then compiled again (`make locale` once translated). Strings gone from the code are dropped.
MESSAGE_SOURCES := api authors common desk feed imports live media newsroom webhooks wires
messages: $(STAMP)
	PYTHONPATH=. DJANGO_SETTINGS_MODULE=newsroom.settings $(BIN)/pybabel -q extract -F babel.cfg \
		-k gettext_lazy -k ngettext_lazy:1,2 -k pgettext_lazy:1c,2 --no-location --sort-output --width 120 \
		--project=Newsroom --version=main --msgid-bugs-address="the newsroom's issue tracker" -o locale/django.pot $(MESSAGE_SOURCES)
	$(BIN)/pybabel -q update -i locale/django.pot -d locale -D django --ignore-obsolete --width 120
	rm locale/django.pot
	@$(MAKE) --no-print-directory locale

# The task worker of TASKS_BACKEND (db, the default, or rq; docs/operations.md, "Background work").
WORKER = $(if $(filter rq,$(TASKS_BACKEND)),rqworker --with-scheduler --job-class django_tasks_rq.Job,db_worker --no-reload)

# Local development: DEBUG on, SQLite unless DATABASE_URL is set, demo content loaded once. The task worker and
# the scheduler run beside the development server; Ctrl+C stops all three (the worker finishes its task first).
run: export DEBUG ?= 1
run: $(STAMP) $(MO_FILES)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py ensure_admin
	@trap 'kill $$worker $$scheduler 2>/dev/null; wait' EXIT INT TERM; \
	$(BIN)/python manage.py $(WORKER) & worker=$$!; \
	$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Production serving on this machine: DEBUG off, hashed and compressed static files, nginx in front of gunicorn
# (manage.py serve, gunicorn.conf.py), with the task worker and the scheduler. A throwaway SECRET_KEY is made in var/ if none is set. Plain http here, so
# the HTTPS-only settings are turned off; a real deployment sets none of these (docs/deploy.md).
serve: export DEBUG := 0
serve: export SECURE_SSL_REDIRECT ?= 0
serve: export SESSION_COOKIE_SECURE ?= 0
serve: export CSRF_COOKIE_SECURE ?= 0
serve: export SECURE_HSTS_SECONDS ?= 0
serve: $(STAMP) var/secret-key.txt $(MO_FILES)
	SECRET_KEY=$${SECRET_KEY:-$$(cat var/secret-key.txt)} $(BIN)/python manage.py collectstatic --noinput -v0
	SECRET_KEY=$${SECRET_KEY:-$$(cat var/secret-key.txt)} $(BIN)/python manage.py migrate --noinput
	SECRET_KEY=$${SECRET_KEY:-$$(cat var/secret-key.txt)} $(BIN)/python manage.py serve

var/secret-key.txt:
	mkdir -p var
	umask 077 && $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(64))" > $@

# The tests run in two processes (pytest-xdist), each with its own test database, live server and browser;
# --dist worksteal keeps both busy to the end, whichever gets the few long tests. The property tests run
# in the same session, at 25 examples each: a second session would make both test databases again.
test: $(STAMP) $(MO_FILES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	PROPERTY_EXAMPLES=$${PROPERTY_EXAMPLES:-25} $(BIN)/pytest -n 2 --dist worksteal

# The property tests at their full 1,000 hostile examples per test (make test runs 25 of each; .ci/run
# runs this too), and every stored-XSS payload in the admin forms and in Chromium's pages (make test a tenth of them):
# about 3.5 minutes on two cores on PostgreSQL for the property tests. FUZZ_TESTS= picks files or tests;
# HYPOTHESIS_SEED= replays the draws of a run that printed that seed (.ci/run prints one).
FUZZ_TESTS ?= tests/properties tests/test_xss_forms.py tests/browser/test_xss.py
fuzz: $(STAMP) $(MO_FILES)
	PROPERTY_EXAMPLES=$${PROPERTY_EXAMPLES:-1000} XSS_PAYLOADS=all $(BIN)/pytest -n 2 $(FUZZ_TESTS) \
		$(if $(HYPOTHESIS_SEED),--hypothesis-seed=$(HYPOTHESIS_SEED))

# Known vulnerabilities in every pin of requirements.txt, from PyPI's advisory data (needs the internet).
# Every dependency is pinned, so pip-audit reads the file as it is (--no-deps --disable-pip) instead of
# installing it into a throwaway venv; --strict fails on a package it could not look up rather than
# skipping it and reporting "No known vulnerabilities".
audit-deps: $(STAMP)
	$(BIN)/pip-audit --requirement requirements.txt --no-deps --disable-pip --strict --progress-spinner off

# Figures, not tests: image ingest time and memory (the media pipeline issue), and the admin's photo save with
# renditions in the request and queued for the worker (issue 19); reader pages under
# gunicorn driven by wrk, cache off and warm, over N stories (`make bench N=100000`); then search
# latency over 100,000 stories. Each in a throwaway PostgreSQL database (created and dropped here).
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_DB ?= newsroom_bench
BENCH_PAGES_DB ?= newsroom_bench_pages
N ?= 10000
bench: export DEBUG ?= 1
bench: $(STAMP) $(MO_FILES)
	$(BIN)/python manage.py migrate --noinput
	MEDIA_ROOT=$$(mktemp -d) $(BIN)/python manage.py bench_ingest
	MEDIA_ROOT=$$(mktemp -d) $(BIN)/python manage.py bench_photo_save
	@$(MAKE) --no-print-directory bench-pages
	@if ! command -v psql >/dev/null || ! psql "$(BENCH_PG)/postgres" -qtAc "SELECT 1" >/dev/null 2>&1; then \
		echo "bench_search skipped: PostgreSQL is not reachable at $(BENCH_PG)"; \
	else \
		psql "$(BENCH_PG)/postgres" -qc "DROP DATABASE IF EXISTS $(BENCH_DB)" -c "CREATE DATABASE $(BENCH_DB)" && \
		DEBUG=0 DATABASE_URL=$(BENCH_PG)/$(BENCH_DB) $(BIN)/python manage.py migrate --noinput -v0 && \
		DEBUG=0 DATABASE_URL=$(BENCH_PG)/$(BENCH_DB) $(BIN)/python manage.py bench_search; \
		status=$$?; psql "$(BENCH_PG)/postgres" -qc "DROP DATABASE IF EXISTS $(BENCH_DB)"; exit $$status; \
	fi

# The WordPress import (manage.py import_wordpress) of a generated export, N posts and PHOTOS photos,
# then the same export again: time and peak memory, on a throwaway SQLite database, then on a
# throwaway PostgreSQL one when BENCH_PG answers. DEBUG off, as an import on the server runs: with it
# on, Django formats and logs the text of every query (make bench-import DEBUG=1 measures that).
BENCH_IMPORT_DB ?= newsroom_bench_import
PHOTOS ?= 1000
bench-import: export DEBUG := $(if $(filter command line,$(origin DEBUG)),$(DEBUG),0)
bench-import: $(STAMP)
	@folder=$$(mktemp -d); echo "== SQLite"; \
	DATABASE_URL=sqlite:///$$folder/bench.sqlite3 $(BIN)/python manage.py migrate --noinput -v0 && \
	MEDIA_ROOT=$$folder/media DATABASE_URL=sqlite:///$$folder/bench.sqlite3 \
		$(BIN)/python manage.py bench_import --posts $(N) --photos $(PHOTOS); \
	status=$$?; rm -rf $$folder; exit $$status
	@if ! command -v psql >/dev/null || ! psql "$(BENCH_PG)/postgres" -qtAc "SELECT 1" >/dev/null 2>&1; then \
		echo "bench_import on PostgreSQL skipped: it is not reachable at $(BENCH_PG)"; \
	else \
		echo "== PostgreSQL"; media=$$(mktemp -d); \
		psql "$(BENCH_PG)/postgres" -qc "DROP DATABASE IF EXISTS $(BENCH_IMPORT_DB)" -c "CREATE DATABASE $(BENCH_IMPORT_DB)" && \
		DATABASE_URL=$(BENCH_PG)/$(BENCH_IMPORT_DB) $(BIN)/python manage.py migrate --noinput -v0 && \
		MEDIA_ROOT=$$media DATABASE_URL=$(BENCH_PG)/$(BENCH_IMPORT_DB) \
			$(BIN)/python manage.py bench_import --posts $(N) --photos $(PHOTOS); \
		status=$$?; psql "$(BENCH_PG)/postgres" -qc "DROP DATABASE IF EXISTS $(BENCH_IMPORT_DB)"; \
		rm -rf $$media; exit $$status; \
	fi

# With REDIS_URL set (or Redis answering on 127.0.0.1:6379), the warm-cache run uses Redis, as a
# multi-server deployment would; otherwise each worker's own memory.
bench-pages: $(STAMP) $(MO_FILES)
	@command -v wrk >/dev/null || { echo "bench-pages needs wrk: apt-get install -y wrk"; exit 1; }
	@if ! command -v psql >/dev/null || ! psql "$(BENCH_PG)/postgres" -qtAc "SELECT 1" >/dev/null 2>&1; then \
		echo "bench_pages skipped: PostgreSQL is not reachable at $(BENCH_PG)"; \
	else \
		redis=$${REDIS_URL:-$$(redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && echo redis://127.0.0.1:6379/15)}; \
		static=$$(mktemp -d); media=$$(mktemp -d); \
		psql "$(BENCH_PG)/postgres" -qc "DROP DATABASE IF EXISTS $(BENCH_PAGES_DB)" -c "CREATE DATABASE $(BENCH_PAGES_DB)" && \
		DATABASE_URL=$(BENCH_PG)/$(BENCH_PAGES_DB) $(BIN)/python manage.py migrate --noinput -v0 && \
		DEBUG=0 SECURE_SSL_REDIRECT=0 STATIC_ROOT=$$static MEDIA_ROOT=$$media REDIS_URL=$$redis \
			DATABASE_URL=$(BENCH_PG)/$(BENCH_PAGES_DB) $(BIN)/python manage.py bench_pages --articles $(N); \
		status=$$?; psql "$(BENCH_PG)/postgres" -qc "DROP DATABASE IF EXISTS $(BENCH_PAGES_DB)"; \
		rm -rf $$static $$media; exit $$status; \
	fi

# Staying up when parts fail (docs/operations.md, "Staying up"): its own throwaway PostgreSQL cluster and Redis, never
# the shared ones; 60 s of load, then PostgreSQL restarted and Redis killed under 50 readers; a table of figures;
# then the task worker killed (SIGKILL) while it builds the renditions of 20 photos (chaos_worker).
chaos: $(STAMP)
	bash chaos/run.sh

# Figures, not tests: axe-core, the Nu HTML Checker and Lighthouse against the seeded demo site served
# as in production (DEBUG off, gunicorn) on 127.0.0.1:8801 from a throwaway database in var/audit/.
# Needs Debian's Chromium and Java; the npm tools are pinned in audit/package-lock.json.
AUDIT_NPM := audit/node_modules/.package-lock.json
$(AUDIT_NPM): audit/package-lock.json
	cd audit && npm ci --no-audit --no-fund --ignore-scripts
audit: $(STAMP) $(AUDIT_NPM) $(MO_FILES)
	cd audit && ../$(BIN)/python run.py

# docs/screenshots/*.png (home and article, desktop and phone), from the same demo site.
screenshots: $(STAMP) $(MO_FILES)
	cd audit && ../$(BIN)/python screenshots.py

# Backup and restore (docs/operations.md, "Backup and restore"; newsroom/backups.py). PostgreSQL only.
# make backup [BACKUP_DIR=…]   make restore FROM=var/backups/<time> [DATABASE_URL=…] [FORCE=1]
backup: $(STAMP)
	$(BIN)/python manage.py backup
restore: $(STAMP)
	@test -n "$(FROM)" || { echo "usage: make restore FROM=<backup folder> [DATABASE_URL=…] [FORCE=1]"; exit 2; }
	$(BIN)/python manage.py restore "$(FROM)" $(if $(FORCE),--force)

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .ruff_cache
