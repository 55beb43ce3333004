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

.PHONY: demo install test build serve clean update bench browser wrk publish

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

bench: install wrk
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/analyze.py
	$(BIN)/python bench/datasette.py
	$(BIN)/python bench/load.py

# Debian's wrk for the load run of `make bench` (installed when missing; needs root and apt).
wrk:
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)

# Debian's chromium for the browser test (Playwright drives it; no browser download).
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

# The public build (no article text) in data/public.db, served read-only.
publish: install
	$(BIN)/kb publish --db $(DB) --out data/public.db
	$(BIN)/kb serve --public --db data/public.db --host $(HOST) --port $(PORT)

build: install
	$(BIN)/kb build --db $(DB)

serve: install
	$(BIN)/kb serve --db $(DB) --host $(HOST) --port $(PORT)

test: install browser
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) data/kb.db data/kb.db-wal data/kb.db-shm data/raw
