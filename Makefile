# sitegen: build, serve and test the Mister Informatica website.
#   make site    build the site into output/
#   make serve   dev server with rebuild and reload
#   make test    install what is missing (system packages, .venv, node_modules), lint, pytest
#   make test-fast  the same without the tests that open Chromium, for the editing loop
#   make lint    ruff (rules and format) and lint-imports (the pipeline's direction)
#   make bench   run benchmarks/
#   make schemas write schemas/ again from the models (the editors' help while typing)
#   make clean   remove output/
# Every install step is skipped when already done (stamp files under .venv/ and node_modules/).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip install -q --disable-pip-version-check
SITEGEN := $(VENV)/bin/sitegen

.PHONY: site serve test test-fast lint bench clean schemas system-deps
.DEFAULT_GOAL := site

site: $(VENV)/.stamp-site
	$(SITEGEN) build

serve: $(VENV)/.stamp-site
	$(SITEGEN) serve

# lint, then pytest even when lint fails (both reports are useful); fails if either failed.
test: system-deps $(VENV)/.stamp-test node_modules/.stamp
	@lint=0; $(MAKE) --no-print-directory lint || lint=$$?; \
	$(VENV)/bin/pytest $(PYTEST_ARGS) && exit $$lint

# `make test` without the tests that open Chromium (marked `browser` by tests/conftest.py).
test-fast: PYTEST_ARGS = -m "not browser"
test-fast: test

# ruff's rules and format, then the pipeline's direction (a stage never imports a later one).
lint: $(VENV)/.stamp-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

bench: system-deps $(VENV)/.stamp-test node_modules/.stamp
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" benchmarks/run

clean:
	rm -rf output/

schemas: $(VENV)/.stamp-site
	$(PY) -m sitegen.sources.schema schemas

system-deps:
	@bash .ci/system-deps

$(PY):
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || bash .ci/system-deps
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-site: pyproject.toml | $(PY)
	$(PIP) -e .
	@touch $@

$(VENV)/.stamp-test: pyproject.toml | $(PY)
	$(PIP) -e '.[test]'
	@touch $@ $(VENV)/.stamp-site

# --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; Debian's is used.
node_modules/.stamp: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@
