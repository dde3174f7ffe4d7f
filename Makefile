# The two promises: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Rebuilt when pyproject.toml or the lock changes.
STAMP := $(VENV)/.installed
# The lock pins every package (the dev extra's too, and pip and setuptools) with its hashes;
# `make lock` writes it from pyproject.toml (README, "Uppgradera beroenden").
LOCK := requirements.lock
PROD_LOCK := requirements-prod.lock

.PHONY: run test install lock migrate demo checks lint bench messages clean

# The project itself goes in last, without dependencies and with the locked setuptools, so
# nothing is resolved afresh or fetched unhashed.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# Keeps the pins already in the lock and resolves what pyproject.toml changed; UPGRADE=1
# takes the newest versions of everything. The production lock (the Dockerfile's, without
# the dev extra) takes the same versions. pip-compile resolves for the Python running it:
# 3.11, the Dockerfile's.
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock:
	test -x $(BIN)/pip-compile || $(MAKE) install
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) --extra dev -o $(LOCK) pyproject.toml
	$(PIP_COMPILE) --constraint $(LOCK) -o $(PROD_LOCK) pyproject.toml

migrate: install
	$(MANAGE) migrate --no-input

# load_demo is idempotent; run_checks runs the scheduled checks in-process (no broker).
demo: migrate
	@if $(MANAGE) help load_demo >/dev/null 2>&1; then $(MANAGE) load_demo; fi

checks: demo
	@if $(MANAGE) help run_checks >/dev/null 2>&1; then $(MANAGE) run_checks --seed; fi

run: demo checks
	$(MANAGE) runserver $(HOST):$(PORT)

# In parallel (pytest-xdist), each worker with its own test database (test_<name>_gwN).
# loadgroup spreads tests one by one, except those marked xdist_group, which share expensive
# module fixtures (the demo, the production server) and so stay on one worker. Groups are
# handed out first: keep transactional tests out of them, or their flush would empty what
# the migrations seeded before the worker's other database tests run.
# PYTEST_WORKERS=0 runs in this one process.
PYTEST_WORKERS ?= auto
test: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: install
	$(BIN)/python -m tests.bench.run

messages: install
	$(MANAGE) makemessages -l sv --no-location --ignore=.venv --ignore=static --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media

# Backup and restore (README: "Säkerhetskopiering och återläsning"): PostgreSQL and MEDIA_ROOT
# to one directory under BACKUP_DIR. `make restore` takes the latest, or BACKUP=<directory>;
# it refuses a database or media folder that is not empty unless FORCE=1.
.PHONY: backup restore
backup: install
	$(MANAGE) backup

restore: install
	$(MANAGE) restore $(BACKUP) $(if $(filter 1 true yes,$(FORCE)),--force)
