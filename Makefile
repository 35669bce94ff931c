# Set-up and checks. `make serve` and `make test` install what they need, so a fresh clone needs nothing else.
# Every target is safe to run again: stamps skip the installs when nothing they depend on changed.

VENV := .venv
BIN := $(VENV)/bin
STAMP_PY := $(VENV)/.installed
STAMP_JS := node_modules/.installed
SCHEMA := pathways/stage.schema.json
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install serve build test lint typecheck check bench clean wheels

install: $(STAMP_PY) $(STAMP_JS) $(SCHEMA)

$(STAMP_PY): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The JSON Schema that every stage file names on its first line, for editors; generated, never committed.
$(SCHEMA): src/pathfinder/schema.py $(STAMP_PY)
	$(BIN)/pathfinder schema > $@

# The networkx wheel the route finder loads in the browser (pure Python, the version pyproject.toml pins), from
# PyPI with pip into the git-ignored build/ folder.
NETWORKX_VERSION := $(shell sed -n 's/.*"networkx==\([0-9.]*\)".*/\1/p' pyproject.toml)
NETWORKX_WHEEL := build/wheels/networkx-$(NETWORKX_VERSION)-py3-none-any.whl

wheels: $(NETWORKX_WHEEL)

$(NETWORKX_WHEEL): pyproject.toml $(STAMP_PY)
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
		-d build/wheels networkx==$(NETWORKX_VERSION)
	test -f $@ && touch $@

# `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000

serve: install wheels
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:$(PORT)

build: install wheels
	$(BIN)/mkdocs build --strict --clean -d site

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy

check: install
	$(BIN)/pathfinder check pathways

test: lint typecheck wheels build
	PATHFINDER_SITE_DIR=$(CURDIR)/site $(BIN)/pytest

bench: build
	$(BIN)/python bench/run.py

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache
