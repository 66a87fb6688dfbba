# Two commands set everything up on a fresh machine: `make serve` and `make test`.
# Both create .venv from the pinned requirements.lock the first time and reuse it after.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
BROWSER_PACKAGES := chromium-headless-shell fonts-liberation
export NO_MKDOCS_2_WARNING := 1
# The second engine: ProperDocs 1.6.7, the maintained fork of MkDocs 1.6, in an environment without mkdocs.
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_BIN := $(PROPERDOCS_VENV)/bin
PROPERDOCS_PIP := $(PROPERDOCS_BIN)/python -m pip --disable-pip-version-check --quiet
# What must pass on ProperDocs as on MkDocs: the site build, `serve`, and the browser tests.
PROPERDOCS_TESTS := tests/test_build.py tests/test_serve.py tests/browser
# The third engine: Zensical 0.0.73 (the newest this package index installs), in an environment of its own.
# It runs no MkDocs plugin: it builds scripts/export_markdown.py's output (scripts/build_zensical.py).
ZENSICAL_VENV := .venv-zensical
ZENSICAL_BIN := $(ZENSICAL_VENV)/bin
# What a reader meets, on the Zensical site: page types, search, the finder, the drill, paths, axe, no
# request off the site, and the hostile-payload site inert.
ZENSICAL_TESTS := tests/browser/test_pages.py tests/browser/test_search.py tests/browser/test_home_finder.py \
  tests/browser/test_drill.py tests/browser/test_path_pages.py tests/browser/test_accessibility.py \
  tests/browser/test_content_policy.py tests/browser/test_hostile_payloads.py

.PHONY: serve build build-zensical test test-properdocs test-zensical check validate lint format published browser-deps clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --requirement requirements.lock
	$(PIP) install --no-deps --no-build-isolation --editable .
	touch $@

# mkdocs-material declares mkdocs as a dependency: requirements-properdocs.lock lists every package,
# installed as pinned with --no-deps, so mkdocs itself never arrives. The .pth file does in every Python
# of this environment (tests, scripts/) what the `properdocs` command does first: mkdocs.* imports load
# properdocs.*, so Material, our plugin and the in-process test builds run on ProperDocs.
$(PROPERDOCS_VENV)/.installed: pyproject.toml requirements-properdocs.lock
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_PIP) install --no-deps --requirement requirements-properdocs.lock
	$(PROPERDOCS_PIP) install --no-deps --no-build-isolation --editable .
	$(PROPERDOCS_BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_path("purelib"), \
	  "properdocs_replaces_mkdocs.pth").write_text("import properdocs.replacement\n")'
	touch $@

$(ZENSICAL_VENV)/.installed: requirements-zensical.lock
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_BIN)/python -m pip --disable-pip-version-check --quiet install --no-deps \
	  --requirement requirements-zensical.lock
	touch $@

# --dirty: a rebuild rewrites only the pages an edit changed (plugins/playbook/mkdocs/preview.py).
serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dirty --dev-addr 127.0.0.1:8000

# mkdocs build --strict into a folder beside site/, swapped in only when the build succeeded.
build: $(VENV)/.installed
	$(BIN)/python scripts/build_site.py

# The export built by `zensical build --strict`, then indexed by Pagefind, swapped into site-zensical/ whole.
build-zensical: $(VENV)/.installed $(ZENSICAL_VENV)/.installed
	$(BIN)/python scripts/build_zensical.py --zensical $(ZENSICAL_BIN)/zensical

# The ProperDocs and Zensical environments too: tests/test_engines.py builds the playbook with both
# MkDocs engines, and the benchmark's test (tests/test_scripts.py) builds with all three.
test: $(VENV)/.installed $(PROPERDOCS_VENV)/.installed $(ZENSICAL_VENV)/.installed browser-deps lint
	$(BIN)/python -m pytest

# The fast tier for the edit loop: lint, then every test not marked `slow` (tests/conftest.py: no Chromium,
# no `mkdocs serve`, no build or script in a process, no test building a playbook of its own; the loader,
# validation, text rules, and the checks on in-process builds and the export that session fixtures share).
# `make test` still runs every test, these included (tests/test_tiers.py).
check: $(VENV)/.installed lint
	PLAYBOOK_TIER=check $(BIN)/python -m pytest -m "not slow"

# The build and browser tests again, on a site built by `properdocs build --strict` (CI runs this too).
test-properdocs: $(PROPERDOCS_VENV)/.installed browser-deps
	PLAYBOOK_ENGINE=properdocs $(PROPERDOCS_BIN)/python -m pytest $(PROPERDOCS_TESTS)

# The reader's tests again, on the site scripts/build_zensical.py builds (CI runs this after ProperDocs).
test-zensical: $(VENV)/.installed $(ZENSICAL_VENV)/.installed browser-deps
	PLAYBOOK_ENGINE=zensical $(BIN)/python -m pytest $(ZENSICAL_TESTS)

# Browser tests drive Debian's Chromium headless shell (/usr/bin/chromium-headless-shell: the same
# Blink as the chromium package, without the desktop browser around it, so a third of the CPU), never
# a downloaded browser build;
# Liberation fonts keep text metrics, and so printed page counts, the same on every machine.
browser-deps:
	@dpkg -s $(BROWSER_PACKAGES) >/dev/null 2>&1 || { \
	  echo "Installing $(BROWSER_PACKAGES) from Debian for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES); }

# make validate [VALIDATE_ARGS="--format github" | "--stale 180" | "principles/x.yml"]
validate: $(VENV)/.installed
	$(BIN)/python scripts/validate.py $(VALIDATE_ARGS)

published: $(VENV)/.installed
	$(BIN)/python scripts/update_published.py

# ruff, then mypy ([tool.mypy] in pyproject.toml: plugins/playbook and scripts/, cached in .mypy_cache).
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) $(PROPERDOCS_VENV) $(ZENSICAL_VENV) site site-zensical .site-build-*
