# Every target installs what it needs on a fresh machine.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
PYTHON ?= python3
# The voting booth's browser bundle (web/booth): npm packages from package-lock.json, then esbuild.
BOOTH := src/tandau/web/static/booth/booth.js
NPM_STAMP := node_modules/.installed-$(shell cat package-lock.json | sha1sum | cut -c1-12)

.PHONY: install test lint unit bench run demo clean booth

install: $(STAMP) $(BOOTH)

$(STAMP): pyproject.toml
	@bash scripts/system-deps.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

booth: $(BOOTH)

# npm ci only when package-lock.json changed (the stamp's name is the lock's hash).
$(NPM_STAMP): package-lock.json | $(STAMP)
	npm ci --no-audit --no-fund
	@rm -f node_modules/.installed-*
	@touch $(NPM_STAMP)

$(BOOTH): $(NPM_STAMP) $(wildcard web/booth/src/*.js)
	npx esbuild web/booth/src/booth.js --bundle --minify --format=iife --global-name=TandauBooth \
		--target=es2020 --outfile=$(BOOTH)

lint: $(STAMP)
	$(VENV)/bin/ruff format --check src tests bench
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy --strict -p tandau -p tandau_verify
	$(VENV)/bin/lint-imports

unit: $(STAMP) $(BOOTH)
	$(VENV)/bin/pytest -q

test: lint unit

bench: $(STAMP)
	@for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

run: $(STAMP) $(BOOTH)
	$(VENV)/bin/tandau serve --demo --host 127.0.0.1 --port 8000

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
