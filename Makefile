# Two commands set everything up on a fresh machine: `make serve` and `make test`.
# Both create .venv from the pinned requirements.lock the first time and reuse it after.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
BROWSER_PACKAGES := chromium fonts-liberation
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test validate lint format published browser-deps clean

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --requirement requirements.lock
	$(PIP) install --no-deps --no-build-isolation --editable .
	touch $@

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

# mkdocs build --strict into a folder beside site/, swapped in only when the build succeeded.
build: $(VENV)/.installed
	$(BIN)/python scripts/build_site.py

test: $(VENV)/.installed browser-deps lint
	$(BIN)/python -m pytest

# Browser tests drive Debian's Chromium (/usr/bin/chromium), never a downloaded browser build;
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

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) site .site-build-*
