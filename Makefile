# Set-up and checks. `make serve` and `make test` install what they need, so a fresh clone needs nothing else.
# Every target is safe to run again: stamps skip the installs when nothing they depend on changed.

VENV := .venv
BIN := $(VENV)/bin
STAMP_PY := $(VENV)/.installed
STAMP_JS := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install serve build test lint typecheck check check-data bench clean wheels schema browser sources readability

# The browser tests drive Chromium: Debian's package by default, or any Chromium named with CHROMIUM=/path.
# `make test` installs Debian's package itself when it is missing and it runs as root with apt-get (as CI
# does); otherwise it stops at once, before installing anything, with the one command to run.
CHROMIUM ?= /usr/bin/chromium
export PATHFINDER_CHROMIUM := $(CHROMIUM)
CAN_INSTALL_CHROMIUM := $(and $(filter /usr/bin/chromium,$(CHROMIUM)),$(filter 0,$(shell id -u)),$(shell command -v apt-get))
ifneq ($(filter test,$(MAKECMDGOALS)),)
  ifeq ($(wildcard $(CHROMIUM))$(CAN_INSTALL_CHROMIUM),)
    $(error make test needs Chromium for its browser tests and there is none at $(CHROMIUM): run `sudo apt-get install chromium`, or `make test CHROMIUM=/path/to/chromium`)
  endif
endif

install: $(STAMP_PY) $(STAMP_JS)

$(STAMP_PY): pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The JSON Schemas that data files name on their first line, for editors. Committed (a fresh clone needs them)
# and generated from the models: run this after changing a model; a test fails while they are stale.
schema: $(STAMP_PY)
	$(BIN)/pathfinder schema --write pathways

# The networkx wheel the route finder loads in the browser (pure Python, the version pyproject.toml pins), from
# PyPI with pip into the git-ignored build/ folder.
NETWORKX_VERSION := $(shell sed -n 's/.*"networkx==\([0-9.]*\)".*/\1/p' pyproject.toml)
NETWORKX_WHEEL := build/wheels/networkx-$(NETWORKX_VERSION)-py3-none-any.whl

wheels: $(NETWORKX_WHEEL)

# The site build needs the wheel, so every set-up gets it (`pathfinder generate` included).
install: $(NETWORKX_WHEEL)

$(NETWORKX_WHEEL): pyproject.toml $(STAMP_PY)
	$(BIN)/pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
		-d build/wheels networkx==$(NETWORKX_VERSION)
	test -f $@ && touch $@

# `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000

serve: install wheels
	@$(BIN)/python -c 'import socket; socket.socket().bind(("127.0.0.1", $(PORT)))' 2>/dev/null || \
		{ echo "Port $(PORT) is in use: run \`make serve PORT=8001\` (or another free port)." >&2; exit 1; }
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:$(PORT)

build: install wheels
	$(BIN)/mkdocs build --strict --clean -d site

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy

# The publishing check. Strict: facts due for a check (stale reviews, ended pay years, lapsed offers, passed dates)
# fail it too, and so does a missing or placeholder SITE_URL, since printed route cards need the public address.
check: install
	$(BIN)/pathfinder check --strict --publishing pathways

# The same data check without the address, for the pre-commit hook (a commit is not a publication).
check-data: install
	$(BIN)/pathfinder check --strict pathways

# How hard each visitor page of the built site is to read (Coleman-Liau US grade; goal 8, home and start pages
# 6): every page's grade, and the three hardest sentences of each page over its limit. Fails while any page is.
readability: build
	$(BIN)/python -m pathfinder.readability site

# Fetches every page the data cites (real internet: never part of `make test`) and compares it with the committed
# pathways/sources.lock.json. Prints warnings; fails only when a page changed, moved or went. Commit the lock after.
sources: install
	$(BIN)/pathfinder sources check --strict pathways

browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Debian's chromium for the browser tests (apt-get, as root)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# The data check prints facts due for a check but fails only on errors, so the calendar never breaks a change.
test: browser lint typecheck wheels build
	$(BIN)/pathfinder check pathways
	node --test tests/js/
	PATHFINDER_SITE_DIR=$(CURDIR)/site $(BIN)/pytest

bench: build
	$(BIN)/python bench/run.py

clean:
	rm -rf site build .pytest_cache .mypy_cache .ruff_cache
