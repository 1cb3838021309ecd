# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-requirements

.PHONY: run test bench audit screenshots format clean

$(STAMP): requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	cp requirements.txt $(STAMP)

# Local development: DEBUG on, SQLite unless DATABASE_URL is set, demo content loaded once.
run: export DEBUG ?= 1
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# Figures, not tests: image ingest time and memory (the media pipeline issue), then search latency
# over 100,000 stories in a throwaway PostgreSQL database (created and dropped here).
BENCH_PG ?= postgres://postgres@127.0.0.1:5432
BENCH_DB ?= newsroom_bench
bench: export DEBUG ?= 1
bench: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	MEDIA_ROOT=$$(mktemp -d) $(BIN)/python manage.py bench_ingest
	@if ! command -v psql >/dev/null || ! psql "$(BENCH_PG)/postgres" -qtAc "SELECT 1" >/dev/null 2>&1; then \
		echo "bench_search skipped: PostgreSQL is not reachable at $(BENCH_PG)"; \
	else \
		psql "$(BENCH_PG)/postgres" -qc "DROP DATABASE IF EXISTS $(BENCH_DB)" -c "CREATE DATABASE $(BENCH_DB)" && \
		DEBUG=0 DATABASE_URL=$(BENCH_PG)/$(BENCH_DB) $(BIN)/python manage.py migrate --noinput -v0 && \
		DEBUG=0 DATABASE_URL=$(BENCH_PG)/$(BENCH_DB) $(BIN)/python manage.py bench_search; \
		status=$$?; psql "$(BENCH_PG)/postgres" -qc "DROP DATABASE IF EXISTS $(BENCH_DB)"; exit $$status; \
	fi

# Figures, not tests: axe-core, the Nu HTML Checker and Lighthouse against the seeded demo site served
# as in production (DEBUG off, gunicorn) on 127.0.0.1:8801 from a throwaway database in var/audit/.
# Needs Debian's Chromium and Java; the npm tools are pinned in audit/package-lock.json.
AUDIT_NPM := audit/node_modules/.package-lock.json
$(AUDIT_NPM): audit/package-lock.json
	cd audit && npm ci --no-audit --no-fund --ignore-scripts
audit: $(STAMP) $(AUDIT_NPM)
	cd audit && ../$(BIN)/python run.py

# docs/screenshots/*.png (home and article, desktop and phone), from the same demo site.
screenshots: $(STAMP)
	cd audit && ../$(BIN)/python screenshots.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache .ruff_cache
