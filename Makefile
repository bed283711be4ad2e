# Two commands set everything up on a fresh machine with Python 3.11:
#   make run   - serve the registry on http://127.0.0.1:$PORT (8000) with demo data (SQLite)
#   make test  - run the test suite (SQLite, or PostgreSQL via TEST_DATABASE_URL)
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export FLASK_APP := wsgi

.PHONY: run test fuzz faults install dev-install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Message catalogues: the .po files are versioned, the compiled .mo files are built here (gitignored).
MO := $(patsubst %.po,%.mo,$(wildcard registry/translations/*/LC_MESSAGES/messages.po))
%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

install: $(STAMP) $(MO)

# Development settings for every later `flask ...` command in this checkout (the environment wins; gitignored).
INSTANCE ?= $(or $(INSTANCE_PATH),instance)
PORT ?= 8000
$(INSTANCE)/local.env:
	mkdir -p $(INSTANCE)
	printf '# Written by make run: this checkout is a development server (delete for production settings).\nAPP_ENV=development\n' > $@

run: export APP_ENV ?= development
run: $(STAMP) $(MO) $(INSTANCE)/local.env
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/gunicorn -c python:registry.gunicorn_conf --bind 127.0.0.1:$(PORT) --workers $${WORKERS:-2} --access-logfile - wsgi:app

test: $(STAMP) $(MO)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# schemathesis over every OpenAPI operation with more examples than the normal suite (FUZZ_EXAMPLES per mode).
fuzz: $(STAMP) $(MO)
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-25} $(BIN)/python -m pytest -rA tests/fuzz $(PYTEST_ARGS)

# Fault injection on a private PostgreSQL cluster and gunicorn (needs the PostgreSQL server binaries).
faults: $(STAMP) $(MO)
	$(BIN)/python -m pytest -m fault -s tests/faults $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) instance/*.db .pytest_cache
