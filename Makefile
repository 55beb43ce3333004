# Blast Radius: `make demo` runs it, `make test` tests it (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= data/kb.db
HOST ?= 127.0.0.1
PORT ?= 8001
# Documents the demo imports until the crawler exists (space-separated paths).
DEMO_INPUT ?= $(wildcard ../shared/seeds ../shared/corpus/agent-failures)

.PHONY: demo install test build serve clean

$(BIN)/kb: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/kb

install: $(BIN)/kb

demo: install
	@test -n "$(DEMO_INPUT)" || { echo "no demo input: set DEMO_INPUT=path..."; exit 1; }
	-$(BIN)/kb import --db $(DB) $(DEMO_INPUT)
	$(BIN)/kb build --db $(DB)
	$(BIN)/kb serve --db $(DB) --host $(HOST) --port $(PORT)

build: install
	$(BIN)/kb build --db $(DB)

serve: install
	$(BIN)/kb serve --db $(DB) --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) data/kb.db data/kb.db-wal data/kb.db-shm
