# Two entry points: `make build` builds the example course into dist/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: build test lint browser-deps js-deps golden minified compiled clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

build: $(STAMP)
	$(VENV)/bin/scormbuild build course -o dist

# The browser tests need Chromium, Node.js and the pinned npm packages in tests/lms.
browser-deps:
	sh scripts/install-system-deps.sh
	cd tests/lms && npm ci --no-audit --no-fund --silent

# The type checker (TypeScript's tsc) of the learner runtime and the preview's scripts, and the
# minifier of the runtime (terser, for make minified), pinned in package-lock.json.
js-deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package-lock.json
	sh scripts/install-system-deps.sh
	npm ci --no-audit --no-fund --silent

lint: $(STAMP) js-deps
	$(PY) -m ruff check src tests $(wildcard bench)
	$(PY) -m ruff format --check src tests $(wildcard bench)
	$(PY) -m mypy
	node_modules/.bin/tsc -p tsconfig.json

test: $(STAMP) browser-deps lint
	node --test tests/js/*.test.js
	$(PY) -m pytest -q

# Rewrite the committed expected output of the golden tests after an intended change (and the
# built-in templates compiled ahead, which a template change makes stale).
golden: $(STAMP) compiled
	SCORMBUILD_REGEN=1 $(PY) -m pytest -q tests/test_golden.py tests/test_markdown.py tests/test_import_golden.py

# The runtime's scripts as packages ship them (src/scormbuild/runtime/minified.json, minified by
# the terser pinned in package-lock.json): run it after changing a script under
# src/scormbuild/runtime/; tests/test_minify.py fails until then.
minified: $(STAMP) js-deps
	$(PY) -m scormbuild.render.minify

# The built-in templates compiled ahead (src/scormbuild/render/compiled.json): run it after
# changing a template under templates/ (make golden does); tests/test_compiled.py fails until then.
compiled: $(STAMP)
	$(PY) -m scormbuild.render.compiled

clean:
	rm -rf dist $(VENV) node_modules tests/lms/node_modules
