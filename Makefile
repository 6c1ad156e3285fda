SHELL := /bin/bash
# Two entry points for a fresh machine with Python 3.11+ and make: `make run`, `make test`.
# Both install the exact versions in requirements.lock; `make test-latest` tries the newest
# releases that setup.cfg allows, `make lock` moves the lock to them.
PYTHON ?= python3
LOCK = requirements.lock
# LATEST=1 (set by `make test-latest`): the newest allowed releases, in a venv of their own
ifdef LATEST
VENV = .venv-latest
INSTALL_DEPENDENCIES = $(BIN)/python -m pip install -q --upgrade pip setuptools wheel \
	&& $(BIN)/python -m pip install -q --upgrade --upgrade-strategy eager -e '.[test]'
else
VENV ?= .venv
INSTALL_DEPENDENCIES = $(BIN)/python -m pip install -q --require-hashes -r $(LOCK) \
	&& $(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
endif
BIN = $(VENV)/bin
TOOLS = .venv-tools
POT = translations/messages.pot
EXTRACT = $(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output -k _l -k lazy_gettext \
	-k lazy_pgettext:1c,2 --project=knowledge-platform --version=1

.PHONY: install run test test-latest lock lint typecheck translations check-translations \
	compile-translations clean

$(BIN)/kp: setup.cfg pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(INSTALL_DEPENDENCIES)
	touch $@

install: $(BIN)/kp compile-translations

run: install  ## install, load the demo data and serve on http://127.0.0.1:5000
	$(BIN)/kp demo
	$(BIN)/kp run --host 127.0.0.1 --port 5000

test: install lint typecheck check-translations  ## install with test extras and run the whole suite
	$(BIN)/python -m pytest

test-latest:  ## the whole suite on the newest releases setup.cfg allows, in .venv-latest
	rm -rf .venv-latest
	$(MAKE) test LATEST=1

lock:  ## re-resolve requirements.lock to the newest releases setup.cfg allows, with hashes
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q 'uv>=0.9,<1'
	$(TOOLS)/bin/python scripts/build_requirements.py > $(TOOLS)/build.in
	$(TOOLS)/bin/uv pip compile --quiet --upgrade --universal --python-version 3.11 \
		--generate-hashes --extra test --custom-compile-command 'make lock' \
		pyproject.toml $(TOOLS)/build.in -o $(LOCK)

lint: $(BIN)/kp
	$(BIN)/ruff check .

typecheck: $(BIN)/kp  ## mypy: strict on importers, search_index, catalogue.py; default on the app
	$(BIN)/mypy

compile-translations: $(BIN)/kp
	$(BIN)/pybabel -q compile -d translations

translations: $(BIN)/kp  ## extract, update and compile the catalogs
	$(EXTRACT) -o $(POT) .
	$(BIN)/pybabel -q update -i $(POT) -d translations --no-fuzzy-matching
	$(BIN)/python scripts/fill_english_catalog.py
	$(BIN)/pybabel -q compile -d translations

check-translations: $(BIN)/kp  ## fail when the template's messages differ from the source's
	@$(EXTRACT) -o $(VENV)/fresh.pot .
	@$(BIN)/python scripts/check_translation_template.py $(POT) $(VENV)/fresh.pot

clean:
	rm -rf .venv .venv-latest $(TOOLS) *.egg-info
