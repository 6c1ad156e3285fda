SHELL := /bin/bash
# Two entry points for a fresh machine with Python 3.11+ and make: `make run`, `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
POT = translations/messages.pot
EXTRACT = $(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output -k _l -k lazy_gettext \
	--project=knowledge-platform --version=1

.PHONY: install run test lint translations check-translations compile-translations clean

$(BIN)/kp: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(BIN)/kp compile-translations

run: install  ## install, load the demo data and serve on http://127.0.0.1:5000
	$(BIN)/kp demo
	$(BIN)/kp run --host 127.0.0.1 --port 5000

test: install lint check-translations  ## install with test extras and run the whole suite
	$(BIN)/python -m pytest

lint: $(BIN)/kp
	$(BIN)/ruff check .

compile-translations: $(BIN)/kp
	$(BIN)/pybabel -q compile -d translations

translations: $(BIN)/kp  ## extract, update and compile the catalogs
	$(EXTRACT) -o $(POT) .
	$(BIN)/pybabel -q update -i $(POT) -d translations --no-fuzzy-matching
	$(BIN)/python scripts/fill_english_catalog.py
	$(BIN)/pybabel -q compile -d translations

check-translations: $(BIN)/kp  ## fail when the catalog template is stale
	@$(EXTRACT) -o $(VENV)/fresh.pot .
	@if diff -q <(grep -v '^"POT-Creation-Date' $(POT)) <(grep -v '^"POT-Creation-Date' $(VENV)/fresh.pot) >/dev/null; \
	then echo "translation template is up to date"; \
	else echo "translations/messages.pot is stale: run 'make translations' and translate the new strings"; \
	  diff <(grep -v '^"POT-Creation-Date' $(POT)) <(grep -v '^"POT-Creation-Date' $(VENV)/fresh.pot) | head -40; exit 1; fi

clean:
	rm -rf $(VENV) *.egg-info
