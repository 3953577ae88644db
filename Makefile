# The README's commands. `make run` serves the portal; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint format bench messages check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null || { \
	  echo "The CWG-COP Portal needs Python 3.12 or newer (Django 6.1 does)."; \
	  echo "Found: $$($(PYTHON) --version 2>&1 || echo 'no $(PYTHON)')."; \
	  echo "Install Python 3.12+ (e.g. 'pyenv install 3.12', or your system's python3.12 package),"; \
	  echo "or run: make PYTHON=/path/to/python3.12 run"; \
	  exit 1; }

$(STAMP): pyproject.toml | check-python
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Starts the embedded PostgreSQL (or uses DATABASE_URL), migrates, loads the seeds, serves on
# 127.0.0.1:8000 and runs celery beat's schedule beside it (copportal/devdb/); Ctrl-C stops all.
run: $(STAMP)
	@$(PY) -m copportal.devdb run

# The same embedded PostgreSQL unless DATABASE_URL is set (CI).
test: $(STAMP)
	DATABASE_CONN_MAX_AGE=0 $(PY) -m copportal.devdb exec -- $(PY) -m pytest -n auto

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(STAMP)
	$(PY) manage.py makemessages --all --ignore='.venv/*' --ignore='staticfiles/*' --ignore='tests/*' --ignore='bench/*'
	$(PY) manage.py compilemessages --ignore='.venv/*'

bench: $(STAMP)
	@command -v wrk >/dev/null || { echo "make bench needs wrk (bench/http.py's load generator): apt-get install -y wrk (Debian, Ubuntu) or brew install wrk (macOS)."; exit 1; }
	$(PY) -m copportal.devdb exec -- $(PY) -m bench
	$(PY) -m copportal.devdb exec -- $(PY) -m bench.http
	$(PY) -m copportal.devdb exec -- $(PY) -m bench.notifications

clean:
	rm -rf $(VENV) staticfiles
