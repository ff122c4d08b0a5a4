# Entry points used by the README and by .ci/run.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: install install-test run worker test bench-analysis bench-load bench-scale bench-ideawall migrate clean

$(BIN)/python:
	scripts/debian-packages.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## install: create .venv, install the app and compile its translations (idempotent)
install: $(STAMP)
	$(BIN)/pybabel -q compile -d surveyapp/translations

install-test: install $(TEST_STAMP)

## run: migrate the embedded SQLite database, load demo data if empty, serve on
## http://127.0.0.1:5000 with a job worker on the embedded queue (stopped with the server)
run: install
	$(FLASK) db upgrade
	$(FLASK) demo --if-empty
	$(FLASK) worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(FLASK) run --host $(HOST) --port $(PORT)

## worker: a job worker alone (WORKERS= threads; REDIS_URL= for the shared queue)
worker: install
	$(FLASK) worker --workers $(or $(WORKERS),1)

## test: install the test extras (and Debian's Chromium if missing) and run the whole suite
test: install-test
	scripts/debian-packages.sh test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## bench-analysis: quality, stability, speed and memory of the analysis engine
bench-analysis: install
	$(BIN)/python -m analysis.bench $(BENCH_ARGS)

## bench-load: respondents against gunicorn with a crash mid-run, then the app beside a bare-WSGI floor, a Flask floor and a Django survey peer, interleaved, on SQLite and PostgreSQL (RESPONDENTS=, SECONDS=, CLIENTS=, BENCH_DB=)
bench-load: install
	$(BIN)/python scripts/bench_load.py

## bench-scale: two gunicorn instances, two workers, Redis and PostgreSQL; a worker and an instance SIGKILLed mid-run, then lost/duplicated answers and stuck/duplicated jobs counted (RESPONDENTS=, SECONDS=)
bench-scale: install
	$(BIN)/python scripts/bench_scale.py

## bench-ideawall: phones voting on an idea wall against gunicorn on loopback (PARTICIPANTS=, SECONDS=)
bench-ideawall: install
	$(BIN)/python scripts/bench_ideawall.py

migrate: install
	$(FLASK) db upgrade

clean:
	rm -rf $(VENV) *.egg-info
