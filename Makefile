# erp-select — the two commands a newcomer needs are `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Debian packages the tests need: Chromium for the browser tests, poppler for PDF → PNG,
# Pango and fonts for the PDF renderer, PostgreSQL for the store tests, nginx for the
# reverse-proxy test (deploy/nginx).
APT_PACKAGES := chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql nginx

.PHONY: run test check lint fmt typecheck bench install install-dev system-deps lock demo-project clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools wheel

$(VENV)/.stamp-app: requirements.txt pyproject.toml setup.py | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.stamp-dev: requirements-dev.txt $(VENV)/.stamp-app
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.stamp-app
install-dev: $(VENV)/.stamp-dev system-deps

## System packages (needs root, as on this project's machines); skipped when all present.
system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

run: install
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address 127.0.0.1

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -p no:cacheprovider

## The development lane: lint, types and the unit tests (no browser, PostgreSQL, AppTest,
## wheel build or slow test; see docs/development.md), on CHECK_WORKERS processes.
## `make test` stays the full suite CI runs, serial.
CHECK_MARKERS := not app and not browser and not postgres and not package and not slow
CHECK_WORKERS ?= 2
# Folders whose every test the markers leave out are not even imported (saves collection).
CHECK_SKIP := --ignore=tests/app --ignore=tests/e2e --ignore=tests/deploy --ignore=tests/package
check: $(VENV)/.stamp-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -p no:cacheprovider -q -n $(CHECK_WORKERS) -m "$(CHECK_MARKERS)" $(CHECK_SKIP)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

fmt: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-dev
	$(BIN)/python -m bench

## Re-pin requirements.txt and requirements-dev.txt from pyproject.toml (the one command).
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --extra dev -c requirements.txt -o requirements-dev.txt pyproject.toml

## Rebuild examples/demo-project.json from the bundled demo catalogue.
demo-project: install
	$(BIN)/python -m erp_select.report.demo

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
