# morgue: the two commands are `make site` (build the example archive) and `make test`.
# Both set up everything they need on a fresh machine: a virtualenv from the pinned, hashed
# lock file, and (for tests) Debian's chromium and a CJK font. The GitHub workflows run these
# same targets (tests/test_workflows.py checks that they do).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
INBOX  ?= examples/inbox
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: site ingest build build-properdocs test serve check lock golden fixtures lint system-deps clean help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -e 's/:.*## /\t/'

site: ingest build  ## set up, file examples/inbox into content/, build the archive into site/

ingest: $(STAMP)  ## file the scrapes in INBOX (default examples/inbox) into content/
	$(BIN)/morgue ingest $(INBOX) --content content

build: $(STAMP)  ## build content/ into site/ as it is (mkdocs build --strict); used by the deploy workflow
	$(BIN)/mkdocs build --strict

check: $(STAMP)  ## validate every article and the author registry (morgue check)
	$(BIN)/morgue check --content content

build-properdocs: $(STAMP)  ## the same strict build with ProperDocs, the maintained MkDocs 1.x fork
	$(BIN)/properdocs build --strict -f mkdocs.yml

test: $(STAMP) system-deps  ## set up and run every test (browser tests included)
	$(BIN)/python -m pytest

serve: $(STAMP)  ## preview the archive at http://127.0.0.1:8000
	$(BIN)/morgue serve

lint: $(STAMP)  ## ruff over the package, tests and benchmarks
	$(BIN)/ruff check scripts tests $(wildcard benchmarks)
	$(BIN)/ruff format --check scripts tests $(wildcard benchmarks)

golden: $(STAMP)  ## regenerate the golden files under tests/fixtures (review the diff!)
	$(BIN)/python -m tests.golden

fixtures: $(STAMP)  ## re-copy the corpus pages the tests pin from SHARED (default ../shared) into tests/fixtures/shared
	$(BIN)/python -m tests.vendor --shared $(or $(SHARED),../shared)

lock: $(STAMP)  ## re-pin requirements*.lock from pyproject.toml (with hashes)
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links --extra dev -o requirements-dev.lock pyproject.toml

$(STAMP): requirements-dev.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

system-deps:  ## Debian packages the browser tests need (chromium, a CJK font), if missing
	@SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); missing=""; \
	command -v chromium >/dev/null || command -v chromium-browser >/dev/null || missing="chromium"; \
	fc-list 2>/dev/null | grep -qi wqy || missing="$$missing fonts-wqy-microhei"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

clean:  ## remove the built site and caches (keeps the virtualenv)
	rm -rf site .pytest_cache
