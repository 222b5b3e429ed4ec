PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench clean-db

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f eventwire.db
	$(BIN)/eventwire ingest samples/ --db eventwire.db
	$(BIN)/eventwire events --db eventwire.db --format table

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/clean.py
	$(BIN)/python benchmarks/seeds.py
	$(BIN)/python benchmarks/time.py
	$(BIN)/python benchmarks/geo.py
