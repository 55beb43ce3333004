# Blast Radius: `make demo` runs it, `make test` tests it (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/kb.db
HOST ?= 127.0.0.1
PORT ?= 8001
# Local documents the demo imports besides what it crawls (so it has data offline).
DEMO_INPUT ?= $(wildcard ../shared/seeds ../shared/corpus/agent-failures)
# Options of the demo's crawl (kb update); e.g. CRAWL_ARGS="--source backlog".
CRAWL_ARGS ?= --max-items 25

.PHONY: demo install test build serve clean update bench

$(BIN)/kb: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/kb

install: $(BIN)/kb

demo: install
	$(if $(DEMO_INPUT),-$(BIN)/kb import --db $(DB) $(DEMO_INPUT))
	$(BIN)/kb update --db $(DB) $(CRAWL_ARGS)
	$(BIN)/kb serve --db $(DB) --host $(HOST) --port $(PORT)

update: install
	$(BIN)/kb update --db $(DB) $(CRAWL_ARGS)

bench: install
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/analyze.py

build: install
	$(BIN)/kb build --db $(DB)

serve: install
	$(BIN)/kb serve --db $(DB) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) data/kb.db data/kb.db-wal data/kb.db-shm data/raw
