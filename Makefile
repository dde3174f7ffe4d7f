# The two promises: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo lint bench messages clean

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(BIN)/activate

install: $(BIN)/activate

migrate: install
	$(MANAGE) migrate --no-input

demo: migrate
	$(MANAGE) load_demo

run: demo
	$(MANAGE) run_checks --seed
	$(MANAGE) runserver $(HOST):$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python -m tests.bench.run

messages: install
	$(MANAGE) makemessages -l sv --no-location --ignore=.venv --ignore=static --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media
