# bluebook: `make demo` and `make test` work on a fresh machine (Python >= 3.11 and the package registries).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install system demo test lint bench bench-quick clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests and reports need (PostgreSQL server, Chromium, poppler, fonts).
system:
	bash scripts/install-system.sh

demo: install
	$(BIN)/bluebook demo

test: install system
	bash scripts/run-tests.sh

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/run.py

bench-quick: install
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf $(VENV) demo/out demo/bluebook.db .pytest_cache
